'use client';

import { useRouter } from 'next/navigation';
import { useState, useTransition } from 'react';
import { setFlash } from '@/components/flash-message';
import { deletePolicyAction } from './actions';

export function DeletePolicyButton({ policyId, version, name, node }: { policyId: number; version: number; name: string; node: string }) {
  const router = useRouter();
  const [error, setError] = useState<string | null>(null);
  const [pending, start] = useTransition();
  const onClick = () => {
    if (!window.confirm(`Delete the credential policy "${name}"?`)) return;
    start(async () => {
      const fd = new FormData();
      fd.set('policyId', String(policyId));
      fd.set('version', String(version));
      const r = await deletePolicyAction(null, fd);
      if (!r.ok) setError(r.formError ?? 'Not deleted.');
      else {
        setFlash(`Deleted ${name}.`);
        router.replace(`/users/setup/credential-policies?node=${node}`);
      }
    });
  };
  return (
    <span>
      <button type="button" onClick={onClick} disabled={pending} aria-label={`Delete ${name}`} className="text-red-700 underline disabled:opacity-50">
        Delete
      </button>
      {error && (
        <span role="alert" className="mt-1 block whitespace-normal text-left text-xs text-red-800">
          {error}
        </span>
      )}
    </span>
  );
}
