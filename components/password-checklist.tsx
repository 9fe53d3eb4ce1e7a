'use client';

import { checkPasswordRules, strength } from '@/lib/policy/password-rules';
import type { PolicyValues } from '@/lib/policy/fields';

/**
 * The live checklist beside a new-password field. It runs the same pure rules as the server, which
 * stays the authority (and adds the history and minimum-age checks this cannot see).
 */
export function PasswordChecklist(props: { password: string; policy: PolicyValues; firstName?: string; lastName?: string; oldPassword?: string }) {
  const results = checkPasswordRules(props.password, props);
  const s = props.password ? strength(props.password, [props.firstName ?? '', props.lastName ?? '']) : null;
  return (
    <div className="mt-2 rounded-md bg-slate-50 p-3 text-sm" aria-live="polite">
      <ul aria-label="Password rules" className="space-y-0.5">
        {results.map((r) => (
          <li key={r.rule} className={r.ok ? 'text-green-800' : 'text-slate-600'}>
            <span aria-hidden>{r.ok ? '✓' : '○'}</span> <span className="sr-only">{r.ok ? 'Met:' : 'Not met:'}</span> {r.message}
          </li>
        ))}
      </ul>
      {s && (
        <p className="mt-2 text-slate-700">
          Strength: <strong>{s.label}</strong>
        </p>
      )}
    </div>
  );
}
