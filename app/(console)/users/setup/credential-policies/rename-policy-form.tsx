'use client';

import { useRouter } from 'next/navigation';
import { useState, useTransition } from 'react';
import { setFlash } from '@/components/flash-message';
import { renamePolicyAction } from './actions';

/** Rename in place, without opening the editor; the same uniqueness and version checks as a save. */
export function RenamePolicyForm({ policyId, version, name, node }: { policyId: number; version: number; name: string; node: string }) {
  const router = useRouter();
  const [value, setValue] = useState(name);
  const [error, setError] = useState<string | null>(null);
  const [pending, start] = useTransition();
  const id = `rename-${policyId}`;
  const submit = (e: React.FormEvent) => {
    e.preventDefault();
    start(async () => {
      const fd = new FormData();
      fd.set('policyId', String(policyId));
      fd.set('version', String(version));
      fd.set('name', value);
      const r = await renamePolicyAction(null, fd);
      if (!r.ok) return setError(r.fieldErrors?.name?.[0] ?? r.formError ?? 'Not renamed.');
      setFlash(`Renamed ${name} to ${r.data.name}.`);
      router.replace(`/users/setup/credential-policies?node=${node}`);
      router.refresh();
    });
  };
  return (
    <details className="inline-block text-left">
      <summary className="cursor-pointer text-blue-700 underline" aria-label={`Rename ${name}`}>
        Rename
      </summary>
      <form onSubmit={submit} className="mt-1 flex items-end gap-1">
        <label htmlFor={id} className="sr-only">
          New name for {name}
        </label>
        <input id={id} value={value} onChange={(e) => setValue(e.target.value)} className="w-40 rounded border border-slate-300 px-1 py-0.5" />
        <button type="submit" disabled={pending} className="rounded border border-slate-300 px-2 py-0.5">
          Rename
        </button>
      </form>
      {error && (
        <span role="alert" className="block whitespace-normal text-xs text-red-800">
          {error}
        </span>
      )}
    </details>
  );
}
