'use client';

import { zodResolver } from '@hookform/resolvers/zod';
import { useRouter } from 'next/navigation';
import { useRef, useState, useTransition } from 'react';
import { type FieldValues, type UseFormRegister, useForm } from 'react-hook-form';
import type { z } from 'zod';
import { useUnsavedChangesWarning } from './unsaved-changes';

export type ActionResultLike = { ok: true; data?: unknown } | { ok: false; formError?: string; fieldErrors?: Record<string, string[]> };
export type FormAction = (prev: unknown, data: FormData) => Promise<ActionResultLike>;

/**
 * One form = one zod schema checked in the browser (react-hook-form) and again by the server action,
 * which receives the form's own FormData, so whatever the page holds (hidden inputs included) is
 * what the server judges. Server field errors are mapped back onto the fields.
 */
export function useActionForm(schema: z.ZodType, action: FormAction, defaultValues: FieldValues, opts: { warnUnsaved?: boolean } = {}) {
  const router = useRouter();
  const form = useForm<FieldValues>({ resolver: zodResolver(schema as never) as never, defaultValues });
  const formRef = useRef<HTMLFormElement>(null);
  const [result, setResult] = useState<ActionResultLike | null>(null);
  const [pending, startTransition] = useTransition();
  useUnsavedChangesWarning(opts.warnUnsaved !== false && form.formState.isDirty);

  const submit = form.handleSubmit(() => {
    const data = new FormData(formRef.current ?? undefined);
    startTransition(async () => {
      const r = await action(null, data);
      setResult(r);
      if (r.ok) {
        // A saved row has a new version: the next save from this page must carry it.
        const version = (r.data as { version?: unknown } | undefined)?.version;
        form.reset(typeof version === 'number' ? { ...form.getValues(), version } : form.getValues());
        router.refresh();
      } else {
        for (const [name, messages] of Object.entries(r.fieldErrors ?? {})) form.setError(name, { message: messages[0] });
      }
    });
  });
  // A new submit clears the previous result at once, so an old "Saved." never stands beside new input.
  const onSubmit = (e?: React.BaseSyntheticEvent) => {
    setResult(null);
    return submit(e);
  };
  const errorOf = (name: string) => form.formState.errors[name]?.message as string | undefined;
  return { form, formRef, onSubmit, result, pending, errorOf, register: form.register as UseFormRegister<FieldValues> };
}

export function FormMessage({ result, success = 'Saved.' }: { result: ActionResultLike | null; success?: string }) {
  if (!result) return null;
  if (result.ok)
    return (
      <p role="status" className="rounded-md bg-green-50 p-2 text-sm text-green-800">
        {success}
      </p>
    );
  return (
    <p role="alert" className="rounded-md bg-red-50 p-2 text-sm text-red-800">
      {result.formError ?? 'The change was refused.'}
    </p>
  );
}

export function FieldError({ id, message }: { id: string; message?: string }) {
  return message ? (
    <p id={id} className="mt-1 text-sm text-red-700">
      {message}
    </p>
  ) : null;
}

type Reg = ReturnType<UseFormRegister<FieldValues>>;

/** Help or refusal text first, then the error: both tied to the control, never inside its label. */
const describedByOf = (id: string, error?: string, describedBy?: string) =>
  [describedBy, error ? `${id}-error` : null].filter(Boolean).join(' ') || undefined;

export function CheckboxField({
  id,
  label,
  reg,
  error,
  disabled,
  describedBy,
}: {
  id: string;
  label: string;
  reg: Reg;
  error?: string;
  disabled?: boolean;
  describedBy?: string;
}) {
  return (
    <div>
      <div className="flex items-center gap-2">
        <input
          id={id}
          type="checkbox"
          {...reg}
          disabled={disabled}
          aria-invalid={!!error}
          aria-describedby={describedByOf(id, error, describedBy)}
          className="h-4 w-4"
        />
        <label htmlFor={id}>{label}</label>
      </div>
      <FieldError id={`${id}-error`} message={error} />
    </div>
  );
}

export function TextField({
  id,
  label,
  reg,
  error,
  type = 'text',
  disabled,
  hint,
  describedBy,
}: {
  id: string;
  label: string;
  reg: Reg;
  error?: string;
  type?: string;
  disabled?: boolean;
  hint?: string;
  describedBy?: string;
}) {
  return (
    <div>
      <label htmlFor={id} className="block text-sm font-medium">
        {label}
      </label>
      {hint && (
        <p id={`${id}-hint`} className="text-xs text-slate-500">
          {hint}
        </p>
      )}
      <input
        id={id}
        type={type}
        {...reg}
        disabled={disabled}
        aria-invalid={!!error}
        aria-describedby={describedByOf(id, error, [hint ? `${id}-hint` : null, describedBy].filter(Boolean).join(' ') || undefined)}
        className="mt-1 w-full rounded-md border border-slate-300 px-2 py-1.5 disabled:bg-slate-100"
      />
      <FieldError id={`${id}-error`} message={error} />
    </div>
  );
}

export function SelectField({
  id,
  label,
  reg,
  error,
  options,
  disabled,
}: {
  id: string;
  label: string;
  reg: Reg;
  error?: string;
  options: { value: string; label: string }[];
  disabled?: boolean;
}) {
  return (
    // min-w-0: a long option shrinks the select instead of widening a narrow screen.
    <div className="min-w-0 max-w-full">
      <label htmlFor={id} className="block text-sm font-medium">
        {label}
      </label>
      <select
        id={id}
        {...reg}
        disabled={disabled}
        aria-invalid={!!error}
        className="mt-1 w-full rounded-md border border-slate-300 bg-white px-2 py-1.5 disabled:bg-slate-100"
      >
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
      <FieldError id={`${id}-error`} message={error} />
    </div>
  );
}

export function SubmitButton({
  children,
  pending,
  disabled,
  tone = 'blue',
  describedBy,
}: {
  children: React.ReactNode;
  pending: boolean;
  disabled?: boolean;
  tone?: 'blue' | 'red';
  /** The id of the text saying why the button is disabled (or what it will do). */
  describedBy?: string;
}) {
  const colours = tone === 'red' ? 'bg-red-700 hover:bg-red-800' : 'bg-blue-700 hover:bg-blue-800';
  return (
    <button
      type="submit"
      disabled={pending || disabled}
      aria-describedby={describedBy}
      className={`rounded-md px-3 py-1.5 text-sm font-medium text-white disabled:opacity-60 ${colours}`}
    >
      {children}
    </button>
  );
}
