'use client';

import { zodResolver } from '@hookform/resolvers/zod';
import { useRouter } from 'next/navigation';
import { useMemo, useRef, useState, useTransition } from 'react';
import { useForm, useWatch } from 'react-hook-form';
import { setFlash } from '@/components/flash-message';
import { PasswordChecklist } from '@/components/password-checklist';
import { useUnsavedChangesWarning } from '@/components/unsaved-changes';
import { BOOLEAN_FIELDS, NOTIFY_BY, NUMBER_FIELDS, type PolicyValues } from '@/lib/policy/fields';
import { credentialPolicySchema, pickValues, policyValuesSchema, toFormValues } from '@/lib/policy/forms';
import { type PolicyFieldKey, policyFieldGroups } from '@/lib/policy/groups';
import { weakerFields } from '@/lib/policy/rules';
import { previewPolicyAction, savePolicyAction } from './actions';

type Props = {
  mode: 'create' | 'edit';
  node: string;
  policy: PolicyValues;
  name: string;
  policyId: number;
  version: number;
  /** Marked "Minimum below this node" (edit mode). */
  minimumBelow?: boolean;
  /** A pending copy from "Override here": saving also names it the node's default; Cancel goes back. */
  makeDefault?: { cancelHref: string };
  baseline: { name: string; values: PolicyValues };
  readOnlyReason: string | null;
  heading: string;
  note?: string;
};

const NOTIFY_LABELS = { console: 'In the console', email: 'By email', both: 'Both' } as const;
const input = 'mt-1 w-full rounded-md border border-slate-300 px-2 py-1.5 text-sm';

/** The credential-policy editor: every SPEC §3 field by its label, one zod schema with the server. */
export function PolicyEditor(p: Props) {
  const router = useRouter();
  const formRef = useRef<HTMLFormElement>(null);
  const [formError, setFormError] = useState<string | null>(null);
  const [serverWeaker, setServerWeaker] = useState<string[]>([]);
  const [preview, setPreview] = useState<string | null>(null);
  const [tryPassword, setTryPassword] = useState('');
  const [pending, start] = useTransition();
  const defaultValues = useMemo(
    () => ({
      mode: p.mode,
      node: p.node,
      policyId: p.policyId,
      version: p.version,
      name: p.name,
      confirmWeaker: false,
      minimumBelow: p.minimumBelow ?? false,
      makeDefault: p.makeDefault !== undefined,
      ...toFormValues(pickValues(p.policy as PolicyValues & Record<string, unknown>)),
    }),
    [p],
  );
  const form = useForm({ resolver: zodResolver(credentialPolicySchema), defaultValues: defaultValues as never, mode: 'onTouched' });
  const { register, formState, setError } = form;
  const errors = formState.errors as Record<string, { message?: string } | undefined>;
  const watched = useWatch({ control: form.control });
  const parsed = policyValuesSchema.safeParse(watched);
  const current = parsed.success ? pickValues(parsed.data) : null;
  const weaker = current ? weakerFields(current, p.baseline.values) : [];
  // Leaving with unsaved changes warns, as the Security sections do.
  useUnsavedChangesWarning(formState.isDirty && !pending);

  const onSubmit = form.handleSubmit(
    () =>
      new Promise<void>((resolve) =>
        start(async () => {
          setFormError(null);
          const r = await savePolicyAction(null, new FormData(formRef.current ?? undefined));
          resolve();
          if (!r.ok) {
            setFormError(r.formError ?? 'Not saved.');
            setServerWeaker(r.fieldErrors?.confirmWeaker ?? []);
            for (const [k, msgs] of Object.entries(r.fieldErrors ?? {})) if (k !== 'confirmWeaker') setError(k as never, { message: msgs[0] });
            return;
          }
          // Saved: nothing is unsaved any more, so leaving does not warn.
          form.reset(form.getValues());
          const msg = `Saved ${r.data.name} at ${r.data.nodePath}.`;
          setFlash(msg);
          router.replace(`/users/setup/credential-policies?node=${p.node}&edit=${r.data.id}`);
          router.refresh();
        }),
      ),
  );

  const onPreview = () =>
    start(async () => {
      const r = await previewPolicyAction(null, new FormData(formRef.current ?? undefined));
      if (!r.ok) return setPreview(r.formError ?? 'No preview: check the fields.');
      const d = r.data;
      setPreview(
        `This policy governs ${d.governed} account${d.governed === 1 ? '' : 's'}; under these values ${d.expired} would at once be expired and ${d.inactive} over the inactivity limit.`,
      );
    });

  const err = (key: string) =>
    errors[key]?.message && (
      <p id={`cp-${key}-error`} className="mt-1 text-xs text-red-700">
        {errors[key]?.message}
      </p>
    );

  const numberField = (f: (typeof NUMBER_FIELDS)[number]) => (
    <div key={f.key}>
      <label htmlFor={`cp-${f.key}`} className="block font-medium">
        {f.label}
      </label>
      <input
        id={`cp-${f.key}`}
        type="number"
        inputMode="numeric"
        min={f.min}
        max={f.max}
        {...register(f.key)}
        aria-invalid={!!errors[f.key]}
        aria-describedby={`cp-${f.key}-help`}
        className={input}
      />
      <p id={`cp-${f.key}-help`} className="text-xs text-slate-500">
        {f.min}–{f.max}
        {'help' in f && f.help ? ` · ${f.help}` : ''}
      </p>
      {err(f.key)}
    </div>
  );
  const booleanField = (f: (typeof BOOLEAN_FIELDS)[number]) => (
    <div key={f.key} className="flex items-start gap-2">
      <input
        id={`cp-${f.key}`}
        type="checkbox"
        {...register(f.key)}
        aria-describedby={'help' in f && f.help ? `cp-${f.key}-help` : undefined}
        className="mt-1"
      />
      {/* The accessible name is the label alone; the help is its description. */}
      <div>
        <label htmlFor={`cp-${f.key}`}>{f.label}</label>
        {'help' in f && f.help ? (
          <p id={`cp-${f.key}-help`} className="text-xs text-slate-500">
            {f.help}
          </p>
        ) : null}
      </div>
    </div>
  );
  const special: Record<string, React.ReactNode> = {
    notifyBy: (
      <div key="notifyBy">
        <label htmlFor="cp-notifyBy" className="block font-medium">
          Notify by
        </label>
        <select id="cp-notifyBy" {...register('notifyBy')} className={input}>
          {NOTIFY_BY.map((n) => (
            <option key={n} value={n}>
              {NOTIFY_LABELS[n]}
            </option>
          ))}
        </select>
      </div>
    ),
    resetQuestionPool: (
      <div key="resetQuestionPool">
        <label htmlFor="cp-resetQuestionPool" className="block font-medium">
          Password Reset Question Pool
        </label>
        <textarea
          id="cp-resetQuestionPool"
          rows={6}
          {...register('resetQuestionPool')}
          aria-describedby="cp-resetQuestionPool-help"
          className={input}
        />
        <p id="cp-resetQuestionPool-help" className="text-xs text-slate-500">
          One question per line.
        </p>
        {err('resetQuestionPool')}
      </div>
    ),
    bannedWords: (
      <div key="bannedWords">
        <label htmlFor="cp-bannedWords" className="block font-medium">
          Banned words
        </label>
        <textarea id="cp-bannedWords" rows={6} {...register('bannedWords')} aria-describedby="cp-bannedWords-help" className={input} />
        <p id="cp-bannedWords-help" className="text-xs text-slate-500">
          One per line, e.g. the company name; matched without case and after undoing substitutions (c0nt0so).
        </p>
        {err('bannedWords')}
      </div>
    ),
  };
  const field = (key: PolicyFieldKey) => {
    const n = NUMBER_FIELDS.find((f) => f.key === key);
    if (n) return numberField(n);
    const b = BOOLEAN_FIELDS.find((f) => f.key === key);
    if (b) return booleanField(b);
    return special[key];
  };

  return (
    <section id="editor" aria-label="Policy editor" className="rounded-lg border border-blue-200 bg-white p-5 shadow-sm">
      <h2 className="text-base font-semibold">{p.heading}</h2>
      {p.note && <p className="mt-1 text-xs text-slate-600">{p.note}</p>}
      <form ref={formRef} onSubmit={onSubmit} noValidate className="mt-4 space-y-4 text-sm">
        <input type="hidden" {...register('mode')} />
        <input type="hidden" {...register('node')} />
        <input type="hidden" {...register('policyId')} />
        <input type="hidden" {...register('version')} />
        {p.makeDefault && <input type="hidden" name="makeDefault" value="on" />}
        <div className="max-w-md">
          <label htmlFor="cp-name" className="block font-medium">
            Name
          </label>
          <input id="cp-name" {...register('name')} aria-invalid={!!errors.name} className={input} />
          {err('name')}
        </div>
        {/* The first document's groups (lib/policy/groups.ts); every label exactly as before. */}
        {policyFieldGroups().map((g) => (
          <fieldset key={g.title} className="grid gap-3 rounded-md border border-slate-200 p-3 md:grid-cols-2">
            <legend className="px-1 font-semibold">{g.title}</legend>
            {g.keys.map((key) => field(key))}
          </fieldset>
        ))}
        {(weaker.length > 0 || serverWeaker.length > 0) && (
          <section aria-label="Weaker than inherited" className="rounded-md border border-amber-300 bg-amber-50 p-3 text-amber-900">
            <p className="font-medium">This policy is weaker than {p.baseline.name}, which the node would otherwise inherit:</p>
            <ul className="mt-1 list-disc pl-5">
              {(weaker.length ? weaker.map((w) => `${w.label}: ${w.value} (inherited: ${w.inherited})`) : serverWeaker).map((line) => (
                <li key={line}>{line}</li>
              ))}
            </ul>
            <div className="mt-2 flex items-center gap-2">
              <input id="cp-confirmWeaker" type="checkbox" {...register('confirmWeaker')} />
              <label htmlFor="cp-confirmWeaker">Save it anyway, although it is weaker than {p.baseline.name}</label>
            </div>
          </section>
        )}
        <div>
          <div className="flex items-center gap-2">
            <input id="cp-minimumBelow" type="checkbox" aria-describedby="cp-minimumBelow-help cp-minimumBelow-error" {...register('minimumBelow')} />
            <label htmlFor="cp-minimumBelow" className="font-medium">
              Minimum for all nodes below
            </label>
          </div>
          <p id="cp-minimumBelow-help" className="text-xs text-slate-500">
            Enforced: no policy at {p.mode === 'edit' ? 'its node' : p.node} or below that is weaker in any field can be saved or assigned.
          </p>
          <p id="cp-minimumBelow-error" className="mt-1 text-xs text-red-700">
            {errors.minimumBelow?.message}
          </p>
        </div>
        <div className="max-w-md rounded-md border border-slate-200 p-3">
          <label htmlFor="cp-try" className="block font-medium">
            Try a password
          </label>
          <input
            id="cp-try"
            type="password"
            autoComplete="off"
            value={tryPassword}
            onChange={(e) => setTryPassword(e.target.value)}
            className={input}
          />
          <div className="mt-2">
            <PasswordChecklist
              password={tryPassword}
              policy={current ?? pickValues(p.policy as PolicyValues & Record<string, unknown>)}
              id="cp-try-rules"
              submitted={false}
            />
          </div>
        </div>
        {preview && (
          <p role="status" aria-label="What-if preview" className="rounded-md bg-slate-50 p-3">
            {preview}
          </p>
        )}
        {formError && (
          <p role="alert" className="rounded-md bg-red-50 p-3 text-red-800">
            {formError}
          </p>
        )}
        {p.readOnlyReason && <p className="text-xs text-slate-600">{p.readOnlyReason}</p>}
        <div className="flex gap-2">
          <button type="button" onClick={onPreview} disabled={pending} className="rounded-md border border-slate-300 px-3 py-1.5 hover:bg-slate-100">
            Preview
          </button>
          <button
            type="submit"
            disabled={pending || p.readOnlyReason !== null}
            className="rounded-md bg-blue-700 px-4 py-1.5 font-medium text-white hover:bg-blue-800 disabled:opacity-50"
          >
            {p.makeDefault ? 'Create and make default' : p.mode === 'create' ? 'Create policy' : 'Save policy'}
          </button>
          {p.makeDefault && (
            <a href={p.makeDefault.cancelHref} className="rounded-md border border-slate-300 px-3 py-1.5 hover:bg-slate-100">
              Cancel
            </a>
          )}
        </div>
      </form>
    </section>
  );
}
