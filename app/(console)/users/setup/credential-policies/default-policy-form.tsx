'use client';

import { useRouter } from 'next/navigation';
import { useState, useTransition } from 'react';
import { setFlash } from '@/components/flash-message';
import { Badge } from '@/components/ui';
import { previewDefaultAction, setDefaultPolicyAction } from './actions';

type Preview = { governed: number; expired: number; inactive: number; changed: number };

/** The node's Default Credential Policy: override here, or revert to the inherited one. */
export function DefaultPolicyForm({
  node,
  effective,
  options,
  selected,
  canWrite,
}: {
  node: string;
  effective: { name: string; from: string; definedHere: boolean };
  options: { id: number; label: string }[];
  selected: number;
  canWrite: boolean;
}) {
  const router = useRouter();
  const [choice, setChoice] = useState(String(selected));
  const [error, setError] = useState<string | null>(null);
  const [preview, setPreview] = useState<{ what: string; r: Preview } | null>(null);
  const [pending, start] = useTransition();

  const form = (policyId: string) => {
    const fd = new FormData();
    fd.set('node', node);
    fd.set('policyId', policyId);
    return fd;
  };
  const run = (policyId: string, done: string) =>
    start(async () => {
      setError(null);
      const r = await setDefaultPolicyAction(null, form(policyId));
      if (!r.ok) return setError(r.formError ?? 'Not saved.');
      setFlash(done);
      router.replace(`/users/setup/credential-policies?node=${node}`);
      router.refresh();
    });
  const showPreview = (policyId: string, what: string) =>
    start(async () => {
      setError(null);
      const r = await previewDefaultAction(null, form(policyId));
      if (!r.ok) return setError(r.formError ?? 'No preview.');
      setPreview({ what, r: r.data });
    });
  const chosenLabel = options.find((o) => String(o.id) === choice)?.label ?? '';

  return (
    <div className="space-y-3">
      <p data-testid="effective-default">
        In force at {node}: <strong>{effective.name}</strong>{' '}
        {effective.definedHere ? <Badge tone="blue">Defined here</Badge> : <Badge>inherited from {effective.from}</Badge>}
      </p>
      <div className="flex flex-wrap items-end gap-2">
        {/* A long option shrinks the select on a narrow screen instead of widening the page. */}
        <div className="w-full min-w-0 sm:w-auto">
          <label htmlFor="default-policy" className="block text-xs font-medium text-slate-600">
            Default Credential Policy
          </label>
          <select
            id="default-policy"
            value={choice}
            onChange={(e) => {
              setChoice(e.target.value);
              setPreview(null);
            }}
            className="mt-1 w-full rounded-md border border-slate-300 bg-white px-2 py-1.5 text-sm sm:w-auto sm:max-w-md"
          >
            {options.map((o) => (
              <option key={o.id} value={o.id}>
                {o.label}
              </option>
            ))}
          </select>
        </div>
        <button
          type="button"
          disabled={pending}
          onClick={() => showPreview(choice, `Making ${chosenLabel} the default of ${node}`)}
          className="rounded-md border border-slate-300 px-3 py-1.5 text-sm hover:bg-slate-100"
        >
          Preview
        </button>
        <button
          type="button"
          disabled={pending || !canWrite}
          onClick={() => run(choice, `${node} now names ${chosenLabel} as its Default Credential Policy.`)}
          className="rounded-md bg-blue-700 px-3 py-1.5 text-sm font-medium text-white hover:bg-blue-800 disabled:opacity-50"
        >
          {effective.definedHere ? 'Save default' : 'Override here'}
        </button>
        {effective.definedHere && (
          <>
            <button
              type="button"
              disabled={pending}
              onClick={() => showPreview('', `Reverting ${node} to the inherited default`)}
              className="rounded-md border border-slate-300 px-3 py-1.5 text-sm hover:bg-slate-100"
            >
              Preview revert
            </button>
            <button
              type="button"
              disabled={pending || !canWrite}
              onClick={() => run('', `${node} inherits its Default Credential Policy again.`)}
              className="rounded-md border border-slate-300 px-3 py-1.5 text-sm hover:bg-slate-100 disabled:opacity-50"
            >
              Revert to inherited
            </button>
          </>
        )}
      </div>
      {!canWrite && <p className="text-xs text-slate-600">Your role can read credential policies but not change them.</p>}
      {preview && (
        <p role="status" aria-label="What-if preview" className="rounded-md bg-slate-50 p-3">
          {preview.what}: {preview.r.governed} account{preview.r.governed === 1 ? '' : 's'} would take their policy from this default (
          {preview.r.changed} would change policy); {preview.r.expired} would at once be expired and {preview.r.inactive} over the inactivity limit.
        </p>
      )}
      {error && (
        <p role="alert" className="rounded-md bg-red-50 p-3 text-red-800">
          {error}
        </p>
      )}
    </div>
  );
}
