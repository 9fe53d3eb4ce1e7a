'use client';

import { useRouter } from 'next/navigation';
import { useState, useTransition } from 'react';
import { assignPolicyAction } from './actions';

/** The account's credential policy drop-down: the node default, or a policy defined at or above its node. */
export function PolicyAssignment({
  username,
  explicitPolicyId,
  nodeDefault,
  options,
  refusal,
}: {
  username: string;
  explicitPolicyId: number | null;
  nodeDefault: { name: string; from: string };
  options: { id: number; name: string; nodePath: string }[];
  /** Why this actor may not change the assignment (role or takeover rule), or null. */
  refusal: string | null;
}) {
  const canWrite = refusal === null;
  const router = useRouter();
  const [choice, setChoice] = useState(explicitPolicyId ? String(explicitPolicyId) : '');
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);
  const [pending, start] = useTransition();
  const save = () =>
    start(async () => {
      const fd = new FormData();
      fd.set('username', username);
      fd.set('policyId', choice);
      const r = await assignPolicyAction(null, fd);
      if (!r.ok) return setMessage({ ok: false, text: r.formError ?? 'Not saved.' });
      setMessage({ ok: true, text: r.data.policyName ? `${username} now uses ${r.data.policyName}.` : `${username} now uses the node default.` });
      router.refresh();
    });
  return (
    <div className="space-y-2">
      <div className="flex flex-wrap items-end gap-2">
        {/* A long option shrinks the select on a narrow screen instead of widening the page. */}
        <div className="w-full min-w-0 sm:w-auto">
          <label htmlFor="credential-policy" className="block text-sm font-medium">
            Credential policy
          </label>
          <select
            id="credential-policy"
            value={choice}
            onChange={(e) => setChoice(e.target.value)}
            disabled={!canWrite}
            aria-describedby={canWrite ? undefined : 'credential-policy-why'}
            className="mt-1 w-full rounded-md border border-slate-300 bg-white px-2 py-1.5 text-sm sm:w-auto sm:max-w-md"
          >
            <option value="">
              Use the node default (currently {nodeDefault.name} from {nodeDefault.from})
            </option>
            {options.map((o) => (
              <option key={o.id} value={o.id}>
                {o.name} ({o.nodePath})
              </option>
            ))}
          </select>
        </div>
        <button
          type="button"
          onClick={save}
          disabled={pending || !canWrite}
          aria-describedby={canWrite ? undefined : 'credential-policy-why'}
          className="rounded-md bg-blue-700 px-3 py-1.5 text-sm font-medium text-white hover:bg-blue-800 disabled:opacity-50"
        >
          Save credential policy
        </button>
      </div>
      {!canWrite && (
        <p id="credential-policy-why" className="text-xs text-slate-600">
          {refusal}
        </p>
      )}
      {message && (
        <p role={message.ok ? 'status' : 'alert'} className={message.ok ? 'text-green-800' : 'rounded-md bg-red-50 p-2 text-red-800'}>
          {message.text}
        </p>
      )}
    </div>
  );
}
