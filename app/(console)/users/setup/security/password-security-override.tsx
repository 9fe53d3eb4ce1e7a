'use client';

import { useState, useTransition } from 'react';
import { overrideDefaultPolicyAction } from './actions';

/** Creates the node's own copy of its inherited default policy, then opens it in the policy editor. */
export function PasswordSecurityOverride({ node }: { node: string }) {
  const [error, setError] = useState<string | null>(null);
  const [pending, start] = useTransition();
  const override = () =>
    start(async () => {
      const data = new FormData();
      data.set('node', node);
      const r = await overrideDefaultPolicyAction(null, data);
      if (r.ok) window.location.assign(`/users/setup/credential-policies?node=${encodeURIComponent(node)}&edit=${r.data.policyId}#editor`);
      else setError(r.formError ?? 'The default could not be overridden.');
    });
  return (
    <div className="mt-3">
      <button
        type="button"
        onClick={override}
        disabled={pending}
        className="rounded-md border border-slate-300 px-3 py-1.5 text-sm hover:bg-slate-100 disabled:opacity-60"
      >
        {pending ? 'Copying…' : 'Override here'}
      </button>
      <p className="mt-1 text-xs text-slate-600">Makes a copy of the inherited policy at this node, as its default, and opens it for editing.</p>
      {error && (
        <p role="alert" className="mt-2 text-sm text-red-700">
          {error}
        </p>
      )}
    </div>
  );
}
