'use client';

import { CheckboxField, type FormAction, FormMessage, SubmitButton, TextField, useActionForm } from '@/components/action-form';
import {
  accountRefFormSchema,
  externalIdGrantFormSchema,
  ACCOUNT_LABELS as L,
  neverExpireFlagFormSchema,
  sessionOverrideFormSchema,
} from '@/lib/users/forms';
import {
  endSessionsAction,
  reactivateAccountAction,
  resetPasswordAction,
  resetTwoFactorAction,
  setExternalIdGrantAction,
  setNeverExpireFlagAction,
  setSessionOverrideAction,
  unlockAccountAction,
} from './actions';

interface SecurityTabProps {
  username: string;
  status: 'active' | 'locked' | 'disabled';
  statusReason: string | null;
  lockedUntil: string | null;
  sessionTimeoutMinutes: number | null;
  apiOnly: boolean;
  passwordNeverExpires: boolean;
  canManageExternalIds: boolean;
  /** Refusal reasons per operation (null = allowed), from the same rules the actions apply. */
  refusals: {
    unlock: string | null;
    reactivate: string | null;
    resetPassword: string | null;
    endSessions: string | null;
    sessionTimeout: string | null;
    neverExpire: string | null;
    grant: string | null;
    resetTwoFactor: string | null;
  };
  neverExpireOffered: boolean;
  grantOffered: boolean;
}

export function SecurityTab(p: SecurityTabProps) {
  return (
    <div className="space-y-6">
      <section aria-label="Status" className="space-y-2">
        <h3 className="font-semibold">Status</h3>
        <p>
          Status: <strong data-testid="account-status">{p.status}</strong>
          {p.statusReason && <> ({p.statusReason})</>}
          {p.lockedUntil && <> until {new Date(p.lockedUntil).toUTCString()}</>}
        </p>
        {p.status === 'locked' && (
          <OneClick username={p.username} action={unlockAccountAction} label="Unlock" refusal={p.refusals.unlock} success="Unlocked." />
        )}
        {p.status === 'disabled' && (
          <OneClick
            username={p.username}
            action={reactivateAccountAction}
            label="Re-activate"
            refusal={p.refusals.reactivate}
            success="Re-activated."
          />
        )}
      </section>
      <section aria-label="Password and sessions" className="space-y-3">
        <h3 className="font-semibold">Password and sessions</h3>
        <OneClick
          username={p.username}
          action={resetPasswordAction}
          label="Reset password"
          refusal={p.refusals.resetPassword}
          // Shown when no temporary password comes back: the policy generates one and e-mails it.
          success="The password was reset; a generated password was sent to the account's e-mail address."
          showData
        />
        <OneClick
          username={p.username}
          action={endSessionsAction}
          label="End sessions"
          refusal={p.refusals.endSessions}
          success="Every session of this account has ended."
        />
        <OneClick
          username={p.username}
          action={resetTwoFactorAction}
          label="Reset two-factor"
          refusal={p.refusals.resetTwoFactor}
          success="The authenticator was removed; the next sign-in sets up a new one where two-factor is required."
        />
      </section>
      <SessionOverride username={p.username} minutes={p.sessionTimeoutMinutes} refusal={p.refusals.sessionTimeout} />
      {p.apiOnly &&
        (p.neverExpireOffered || p.passwordNeverExpires ? (
          <NeverExpire username={p.username} value={p.passwordNeverExpires} refusal={p.refusals.neverExpire} />
        ) : (
          <p className="text-sm text-slate-500">
            Password Never Expires is not available for this account&apos;s node (it must be activated and its agreement accepted).
          </p>
        ))}
      {p.grantOffered && <ExternalIdGrant username={p.username} value={p.canManageExternalIds} refusal={p.refusals.grant} />}
    </div>
  );
}

/** A button that names the account and nothing else; refused operations stay visible but disabled. */
function OneClick({
  username,
  action,
  label,
  refusal,
  success,
  showData,
}: {
  username: string;
  action: FormAction;
  label: string;
  refusal: string | null;
  success: string;
  showData?: boolean;
}) {
  const f = useActionForm(accountRefFormSchema, action, { username }, { warnUnsaved: false });
  const temp = showData && f.result?.ok ? (f.result.data as { temporaryPassword?: string })?.temporaryPassword : undefined;
  return (
    <form ref={f.formRef} onSubmit={f.onSubmit} className="space-y-2">
      <input type="hidden" {...f.register('username')} />
      <SubmitButton pending={f.pending} disabled={refusal !== null}>
        {label}
      </SubmitButton>
      {refusal && <p className="text-xs text-slate-500">{refusal}</p>}
      {temp ? (
        <p role="status" className="rounded-md bg-green-50 p-2 text-sm text-green-900">
          Temporary password (shown once; it must be changed at the next sign-in):{' '}
          <code data-testid="temporary-password" className="font-mono">
            {temp}
          </code>
        </p>
      ) : (
        <FormMessage result={f.result} success={success} />
      )}
    </form>
  );
}

function SessionOverride({ username, minutes, refusal }: { username: string; minutes: number | null; refusal: string | null }) {
  const f = useActionForm(sessionOverrideFormSchema, setSessionOverrideAction, {
    username,
    sessionTimeoutMinutes: minutes == null ? '' : String(minutes),
  });
  return (
    <form ref={f.formRef} onSubmit={f.onSubmit} noValidate aria-label="Session timeout" className="max-w-sm space-y-2">
      <input type="hidden" {...f.register('username')} />
      <TextField
        id="account-session-timeout"
        type="number"
        label={L.sessionTimeout}
        hint="10–240; empty: the role's or the policy's timeout applies."
        reg={f.register('sessionTimeoutMinutes')}
        error={f.errorOf('sessionTimeoutMinutes')}
        disabled={refusal !== null}
      />
      <FormMessage result={f.result} />
      <SubmitButton pending={f.pending} disabled={refusal !== null}>
        Save session timeout
      </SubmitButton>
    </form>
  );
}

function NeverExpire({ username, value, refusal }: { username: string; value: boolean; refusal: string | null }) {
  const f = useActionForm(neverExpireFlagFormSchema, setNeverExpireFlagAction, { username, neverExpires: value });
  return (
    <form ref={f.formRef} onSubmit={f.onSubmit} noValidate className="space-y-2">
      <input type="hidden" {...f.register('username')} />
      <CheckboxField id="account-never-expires" label={L.neverExpires} reg={f.register('neverExpires')} disabled={refusal !== null} />
      <FormMessage result={f.result} />
      <SubmitButton pending={f.pending} disabled={refusal !== null}>
        Save Never Expire
      </SubmitButton>
    </form>
  );
}

function ExternalIdGrant({ username, value, refusal }: { username: string; value: boolean; refusal: string | null }) {
  const f = useActionForm(externalIdGrantFormSchema, setExternalIdGrantAction, { username, granted: value });
  return (
    <form ref={f.formRef} onSubmit={f.onSubmit} noValidate className="space-y-2">
      <input type="hidden" {...f.register('username')} />
      <CheckboxField id="account-external-id-grant" label={L.externalIdGrant} reg={f.register('granted')} disabled={refusal !== null} />
      <FormMessage result={f.result} />
      <SubmitButton pending={f.pending} disabled={refusal !== null}>
        Save External ID permission
      </SubmitButton>
    </form>
  );
}
