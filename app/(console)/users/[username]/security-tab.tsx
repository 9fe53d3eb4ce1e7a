'use client';

import { useEffect } from 'react';
import { CheckboxField, type FormAction, FormMessage, SubmitButton, TextField, useActionForm } from '@/components/action-form';
import { ConfirmSubmit } from '@/components/confirm-submit';
import { FlashMessage, setFlash } from '@/components/flash-message';
import { LocalTime } from '@/components/local-time';
import { TemporaryPassword } from '@/components/temporary-password';
import {
  accountRefFormSchema,
  disableAccountFormSchema,
  endOneSessionFormSchema,
  externalIdGrantFormSchema,
  ACCOUNT_LABELS as L,
  neverExpireFlagFormSchema,
  sessionOverrideFormSchema,
} from '@/lib/users/forms';
import {
  disableAccountAction,
  enableAccountAction,
  endOneSessionAction,
  endSessionsAction,
  reactivateAccountAction,
  resetPasswordAction,
  resetTwoFactorAction,
  setExternalIdGrantAction,
  setNeverExpireFlagAction,
  setSessionOverrideAction,
  unlockAccountAction,
} from './actions';

export interface SecurityOverview {
  lastSignIn: { at: string; ip: string } | null;
  passwordChangedAt: string | null;
  passwordExpiresAt: string | null;
  failedCount: number;
  twoFactor: boolean;
}

export interface LiveSessionRow {
  id: string;
  createdAt: string;
  lastSeenAt: string;
  ip: string;
  userAgent: string;
}

interface SecurityTabProps {
  username: string;
  overview: SecurityOverview;
  sessions: LiveSessionRow[];
  status: 'active' | 'locked' | 'disabled';
  statusReason: string | null;
  disabledByAdministrator: boolean;
  lockedUntil: string | null;
  sessionTimeoutMinutes: number | null;
  apiOnly: boolean;
  passwordNeverExpires: boolean;
  canManageExternalIds: boolean;
  /** Refusal reasons per operation (null = allowed), from the same rules the actions apply. */
  refusals: {
    unlock: string | null;
    reactivate: string | null;
    disable: string | null;
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
      <Activity overview={p.overview} />
      <section aria-label="Status" className="space-y-2">
        <h3 className="font-semibold">Status</h3>
        {/* Unlock and Re-activate disappear with the state they change; their result stays here. */}
        <FlashMessage />
        <p>
          Status: <strong data-testid="account-status">{p.status}</strong>
          {p.statusReason && (
            <>
              {' '}
              ({p.disabledByAdministrator ? 'disabled by an administrator: ' : ''}
              <span data-testid="account-status-reason">{p.statusReason}</span>)
            </>
          )}
          {p.lockedUntil && <> until {new Date(p.lockedUntil).toUTCString()}</>}
        </p>
        {p.status === 'locked' && (
          <OneClick
            username={p.username}
            action={unlockAccountAction}
            label="Unlock"
            refusal={p.refusals.unlock}
            success={`${p.username} unlocked.`}
            flash
          />
        )}
        {p.status === 'disabled' && !p.disabledByAdministrator && (
          <OneClick
            username={p.username}
            action={reactivateAccountAction}
            label="Re-activate"
            refusal={p.refusals.reactivate}
            success={`${p.username} re-activated.`}
            flash
          />
        )}
        {p.status === 'disabled' && (
          <OneClick username={p.username} action={enableAccountAction} label="Enable account" refusal={p.refusals.disable} success="Enabled." />
        )}
        {p.status !== 'disabled' && <DisableAccount username={p.username} refusal={p.refusals.disable} />}
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
          confirm={{
            title: `Reset the password of ${p.username}?`,
            impact: `${p.username}'s current password stops working at once and every session of the account ends. You are shown a temporary password once; it must be changed at the next sign-in.`,
            confirmLabel: 'Reset password',
          }}
        />
        <OneClick
          username={p.username}
          action={endSessionsAction}
          label="End sessions"
          refusal={p.refusals.endSessions}
          success="Every session of this account has ended."
          confirm={{
            title: `End every session of ${p.username}?`,
            impact: `${p.username} is signed out everywhere at once, including the API, and must sign in again.`,
            confirmLabel: 'End sessions',
          }}
        />
        <OneClick
          username={p.username}
          action={resetTwoFactorAction}
          label="Reset two-factor"
          refusal={p.refusals.resetTwoFactor}
          success="The authenticator was removed; the next sign-in sets up a new one where two-factor is required."
        />
      </section>
      <ActiveSessions username={p.username} sessions={p.sessions} refusal={p.refusals.endSessions} />
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
  confirm,
  flash,
}: {
  username: string;
  action: FormAction;
  label: string;
  refusal: string | null;
  success: string;
  showData?: boolean;
  /** Far-reaching: ask first, stating the impact. */
  confirm?: { title: string; impact: string; confirmLabel: string };
  /** The button goes away on success (Unlock, Re-activate): say so in the tab's flash instead. */
  flash?: boolean;
}) {
  const f = useActionForm(accountRefFormSchema, action, { username }, { warnUnsaved: false });
  const whyId = `${label.toLowerCase().replace(/\W+/g, '-')}-why`;
  const done = f.result?.ok === true;
  useEffect(() => {
    if (flash && done) setFlash(success);
  }, [flash, done, success]);
  const temp = showData && f.result?.ok ? (f.result.data as { temporaryPassword?: string })?.temporaryPassword : undefined;
  return (
    <form ref={f.formRef} onSubmit={f.onSubmit} className="space-y-2">
      <input type="hidden" {...f.register('username')} />
      {confirm ? (
        <ConfirmSubmit pending={f.pending} disabled={refusal !== null} tone="red" describedBy={refusal ? whyId : undefined} {...confirm}>
          {label}
        </ConfirmSubmit>
      ) : (
        <SubmitButton pending={f.pending} disabled={refusal !== null} describedBy={refusal ? whyId : undefined}>
          {label}
        </SubmitButton>
      )}
      <Why id={whyId} refusal={refusal} />
      {temp ? (
        <TemporaryPassword value={temp} note="shown once; it must be changed at the next sign-in" />
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
        describedBy={refusal ? 'session-timeout-why' : undefined}
      />
      <Why id="session-timeout-why" refusal={refusal} />
      <FormMessage result={f.result} />
      <SubmitButton pending={f.pending} disabled={refusal !== null} describedBy={refusal ? 'session-timeout-why' : undefined}>
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
      <CheckboxField
        id="account-never-expires"
        label={L.neverExpires}
        reg={f.register('neverExpires')}
        disabled={refusal !== null}
        describedBy={refusal ? 'never-expire-why' : undefined}
      />
      <Why id="never-expire-why" refusal={refusal} />
      <FormMessage result={f.result} />
      <SubmitButton pending={f.pending} disabled={refusal !== null} describedBy={refusal ? 'never-expire-why' : undefined}>
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
      <CheckboxField
        id="account-external-id-grant"
        label={L.externalIdGrant}
        reg={f.register('granted')}
        disabled={refusal !== null}
        describedBy={refusal ? 'external-id-grant-why' : undefined}
      />
      <Why id="external-id-grant-why" refusal={refusal} />
      <FormMessage result={f.result} />
      <SubmitButton pending={f.pending} disabled={refusal !== null} describedBy={refusal ? 'external-id-grant-why' : undefined}>
        Save External ID permission
      </SubmitButton>
    </form>
  );
}

/** "Disable account" with its reason; refused (with why) when the takeover rule forbids it. */
function DisableAccount({ username, refusal }: { username: string; refusal: string | null }) {
  const f = useActionForm(disableAccountFormSchema, disableAccountAction, { username, reason: '' }, { warnUnsaved: false });
  return (
    <form ref={f.formRef} onSubmit={f.onSubmit} noValidate aria-label="Disable account" className="max-w-sm space-y-2">
      <input type="hidden" {...f.register('username')} />
      <TextField
        id="account-disable-reason"
        label={L.disableReason}
        reg={f.register('reason')}
        error={f.errorOf('reason')}
        disabled={refusal !== null}
      />
      <FormMessage result={f.result} success="Disabled." />
      <SubmitButton pending={f.pending} disabled={refusal !== null}>
        Disable account
      </SubmitButton>
      {refusal && <p className="text-xs text-slate-500">{refusal}</p>}
    </form>
  );
}

/** What an administrator asks first about an account: when it last signed in, its password, counters. */
function Activity({ overview: o }: { overview: SecurityOverview }) {
  return (
    <section aria-label="Sign-in activity" className="space-y-2">
      <h3 className="font-semibold">Sign-in activity</h3>
      <dl className="grid grid-cols-[auto_1fr] gap-x-4 gap-y-1 text-sm">
        <dt className="text-slate-500">Last sign-in</dt>
        <dd data-testid="last-sign-in">
          {o.lastSignIn ? (
            <>
              <LocalTime iso={o.lastSignIn.at} /> from <span className="font-mono">{o.lastSignIn.ip}</span>
            </>
          ) : (
            'Never'
          )}
        </dd>
        <dt className="text-slate-500">Password changed</dt>
        <dd>{o.passwordChangedAt ? <LocalTime iso={o.passwordChangedAt} /> : 'Never set here'}</dd>
        <dt className="text-slate-500">Password expires</dt>
        <dd data-testid="password-expires">{o.passwordExpiresAt ? <LocalTime iso={o.passwordExpiresAt} /> : 'Never'}</dd>
        <dt className="text-slate-500">Failed attempts</dt>
        <dd data-testid="failed-attempts">{o.failedCount}</dd>
        <dt className="text-slate-500">Two-factor</dt>
        <dd data-testid="two-factor-status">{o.twoFactor ? 'Enrolled (authenticator app)' : 'Not enrolled'}</dd>
      </dl>
    </section>
  );
}

function ActiveSessions({ username, sessions, refusal }: { username: string; sessions: LiveSessionRow[]; refusal: string | null }) {
  return (
    <section aria-label="Active sessions" className="space-y-2">
      <h3 className="font-semibold">Active sessions</h3>
      {sessions.length === 0 ? (
        <p className="text-sm text-slate-600">No active sessions.</p>
      ) : (
        <div className="overflow-x-auto">
          <table className="w-full text-left text-sm">
            <thead>
              <tr className="text-slate-500">
                <th className="py-1 pr-3 font-medium">Started</th>
                <th className="py-1 pr-3 font-medium">Last active</th>
                <th className="py-1 pr-3 font-medium">Address</th>
                <th className="py-1 pr-3 font-medium">Browser</th>
                <th className="py-1 font-medium">
                  <span className="sr-only">Action</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {sessions.map((s) => (
                <SessionRow key={s.id} username={username} session={s} refusal={refusal} />
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}

function SessionRow({ username, session: s, refusal }: { username: string; session: LiveSessionRow; refusal: string | null }) {
  const f = useActionForm(endOneSessionFormSchema, endOneSessionAction, { username, session: s.id }, { warnUnsaved: false });
  const whyId = `end-session-why-${s.id.slice(0, 12)}`;
  return (
    <tr className="border-t border-slate-100 align-top">
      <td className="py-1 pr-3">
        <LocalTime iso={s.createdAt} />
      </td>
      <td className="py-1 pr-3">
        <LocalTime iso={s.lastSeenAt} />
      </td>
      <td className="py-1 pr-3 font-mono">{s.ip}</td>
      <td className="max-w-48 truncate py-1 pr-3" title={s.userAgent}>
        {s.userAgent || '—'}
      </td>
      <td className="py-1">
        <form ref={f.formRef} onSubmit={f.onSubmit} noValidate>
          <input type="hidden" {...f.register('username')} />
          <input type="hidden" {...f.register('session')} />
          <button
            type="submit"
            disabled={refusal !== null || f.pending}
            aria-describedby={refusal ? whyId : undefined}
            aria-label={`End the session from ${s.ip}`}
            className="rounded-md border border-slate-300 px-2 py-1 text-xs disabled:opacity-50"
          >
            End session
          </button>
          {refusal && (
            <span id={whyId} className="sr-only">
              {refusal}
            </span>
          )}
          <FormMessage result={f.result} success="Ended." />
        </form>
      </td>
    </tr>
  );
}

/** Why a control is disabled, beside it; the control points here with aria-describedby. */
function Why({ id, refusal }: { id: string; refusal: string | null }) {
  return refusal ? (
    <p id={id} className="text-xs text-slate-600">
      {refusal}
    </p>
  ) : null;
}
