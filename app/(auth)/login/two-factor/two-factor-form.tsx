'use client';

import { useActionState, useEffect } from 'react';
import { Notice, WideSubmit } from '@/components/ui';
import type { ActionResult } from '@/lib/actions/result';
import { verifyTwoFactorAction } from './actions';

export function TwoFactorForm({ enrolling = false }: { enrolling?: boolean }) {
  const [state, action, pending] = useActionState<ActionResult<unknown> | null, FormData>(verifyTwoFactorAction, null);
  useEffect(() => {
    if (state?.ok) window.location.assign('/');
    else if (state?.code === 'session-ended') window.location.assign('/login?reason=locked');
    else if (state?.code === 'too-many-codes') window.location.assign('/login?reason=too-many-codes');
  }, [state]);
  const error = state && !state.ok ? (state.fieldErrors?.code?.[0] ?? state.formError) : null;
  return (
    <form action={action} className="mt-6 space-y-4">
      <div>
        <label htmlFor="code" className="block text-sm font-medium">
          Authentication code
        </label>
        <input
          id="code"
          name="code"
          autoComplete="one-time-code"
          // Authenticator apps show "123 456"; a space or hyphen between the halves is accepted, and a
          // recovery code (xxxx-xxxx-xxxx) stands in for a code.
          maxLength={16}
          aria-describedby={enrolling ? undefined : 'code-hint'}
          required
          // biome-ignore lint/a11y/noAutofocus: the two-factor step exists for this one field
          autoFocus
          className="mt-1 w-full rounded-md border border-slate-300 px-3 py-2 font-mono tracking-widest"
        />
        {!enrolling && (
          <p id="code-hint" className="mt-1 text-xs text-slate-500">
            Lost your authenticator? Enter one of your recovery codes instead.
          </p>
        )}
      </div>
      {error && <Notice tone="error">{error}</Notice>}
      <WideSubmit pending={pending} idle="Verify" busy="Checking…" />
    </form>
  );
}
