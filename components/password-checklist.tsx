'use client';

import { useEffect, useMemo, useState } from 'react';
import type { PolicyValues } from '@/lib/policy/fields';
import { checkPasswordRulesWith, type PasswordRuleResult } from '@/lib/policy/password-rules-core';

type Loaded = { isCommon: (password: string) => boolean; strength: typeof import('@/lib/policy/password-strength').strength };

/**
 * The blocklist and the strength meter's dictionaries are ~245 KB compressed: loaded after first
 * paint, once per page, so the sign-in pages stay small. The server always checks with them.
 */
let loading: Promise<Loaded> | undefined;
function loadDictionaries(): Promise<Loaded> {
  loading ??= Promise.all([import('@/lib/policy/common-passwords'), import('@/lib/policy/password-strength')]).then(([c, s]) => ({
    isCommon: c.isCommonPassword,
    strength: s.strength,
  }));
  return loading;
}

/**
 * The live checklist beside a new-password field: the same pure rules the server enforces, plus a
 * strength meter. `extra` shows results only the server knows (reuse, minimum age) after a refusal.
 */
export function PasswordChecklist({
  password,
  policy,
  firstName,
  lastName,
  oldPassword,
  extra = [],
  id = 'password-rules',
  submitted = true,
}: {
  password: string;
  policy: PolicyValues;
  firstName?: string;
  lastName?: string;
  oldPassword?: string;
  extra?: PasswordRuleResult[];
  id?: string;
  /** The password is submitted to the server (false in the policy editor's "Try a password"). */
  submitted?: boolean;
}) {
  const [dict, setDict] = useState<Loaded | null>(null);
  useEffect(() => {
    let live = true;
    loadDictionaries().then((d) => live && setDict(d));
    return () => {
      live = false;
    };
  }, []);
  const results = useMemo(
    () => [
      ...checkPasswordRulesWith(password, { policy, firstName, lastName, oldPassword: oldPassword || undefined }, dict?.isCommon ?? null),
      ...extra,
    ],
    [password, policy, firstName, lastName, oldPassword, extra, dict],
  );
  const s = useMemo(
    () => (dict ? dict.strength(password, [firstName ?? '', lastName ?? '', ...policy.bannedWords]) : { score: 0 as const, label: '…' }),
    [password, firstName, lastName, policy.bannedWords, dict],
  );
  const tones = ['bg-red-600', 'bg-orange-500', 'bg-amber-400', 'bg-lime-500', 'bg-green-600'];
  const filled = password ? Math.max(1, s.score) : 0;
  return (
    <div id={id} className="space-y-2 text-sm">
      <ul aria-label="Password rules" className="space-y-1">
        {results.map((r) =>
          // An empty field has met nothing and failed nothing yet: no ticks, no crosses.
          password ? (
            <li key={r.rule} data-rule={r.rule} data-ok={r.ok} className={r.ok ? 'text-green-800' : 'text-slate-700'}>
              <span aria-hidden className="mr-1 inline-block w-4">
                {r.ok ? '✓' : '✗'}
              </span>
              <span className="sr-only">{r.ok ? 'Met: ' : 'Not met: '}</span>
              {r.message}
            </li>
          ) : (
            <li key={r.rule} data-rule={r.rule} className="text-slate-700">
              <span aria-hidden className="mr-1 inline-block w-4">
                •
              </span>
              {r.message}
            </li>
          ),
        )}
        {/* The history rule needs the stored hashes: only the server can check it. */}
        {submitted && policy.passwordReuseTimeLimitDays > 0 && !extra.some((r) => r.rule === 'reuse') && (
          <li data-rule="reuse" className="text-slate-700">
            <span aria-hidden className="mr-1 inline-block w-4">
              …
            </span>
            Not one of the passwords used in the last {policy.passwordReuseTimeLimitDays} day{policy.passwordReuseTimeLimitDays === 1 ? '' : 's'}:
            checked when you submit
          </li>
        )}
      </ul>
      <div className="flex items-center gap-2">
        <span className="text-xs text-slate-600" id={`${id}-strength-label`}>
          Strength
        </span>
        <meter
          aria-labelledby={`${id}-strength-label`}
          aria-valuetext={password ? `${s.label} (${s.score} of 4)` : 'Nothing typed yet'}
          min={0}
          max={4}
          low={2}
          high={3}
          optimum={4}
          value={s.score}
          className="sr-only"
        />
        <div aria-hidden className="flex h-2 w-40 gap-0.5">
          {[0, 1, 2, 3].map((i) => (
            <div key={i} className={`h-2 flex-1 rounded ${i < filled ? tones[s.score] : 'bg-slate-200'}`} />
          ))}
        </div>
        <span className="text-xs font-medium" data-testid="password-strength">
          {password ? s.label : ''}
        </span>
      </div>
    </div>
  );
}
