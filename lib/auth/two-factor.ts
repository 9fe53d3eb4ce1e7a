import 'server-only';
import { sql } from 'drizzle-orm';
import { rowsOf, type Queryable } from '@/lib/db';
import { writeSignInLog } from '@/lib/audit/log';
import { promoteSession, revokeAccountSessions } from '@/lib/sessions/store';
import { hashSessionId } from '@/lib/sessions/token';
import { matchTotp, newTotpSecret } from '@/lib/totp/totp';
import { open, seal } from '@/lib/totp/secret-box';
import { claimAccountAttempt, lockAfterFailures, resetAccountFailures } from './lockout';
import { loadStageAccount } from './stages';

/** An enrolment in progress: the new secret, sealed and bound to this session, carried by the form. */
export function startEnrolment(sessionId: string): { secret: string; token: string } {
  const secret = newTotpSecret();
  return { secret, token: seal(secret, `totp-enrol ${hashSessionId(sessionId)}`) };
}

export type TwoFactorResult = { ok: true; sessionId: string } | { ok: false; error: string; ended?: boolean };

/**
 * The two-factor step of sign-in. A wrong code is a failed attempt (it counts toward the lock). A code
 * is accepted once: its time step must be newer than the last one used, set by compare-and-set, so two
 * racing submissions of one code cannot both pass.
 */
export async function completeTwoFactor(
  q: Queryable,
  input: { accountId: number; sessionId: string; code: string; enrolmentToken?: string; ip: string; userAgent: string },
): Promise<TwoFactorResult> {
  const a = await loadStageAccount(q, input.accountId);
  if (!a) return { ok: false, error: 'Your session has ended. Sign in again.', ended: true };
  const p = a.policy;
  const log = (outcome: string, detail?: string) =>
    writeSignInLog(q, { username: a.username, accountId: a.id, nodePath: a.nodePath, ip: input.ip, userAgent: input.userAgent, channel: 'console', outcome, step: 'two-factor', detail });

  const enrolling = input.enrolmentToken != null;
  const secret = enrolling ? open(input.enrolmentToken!, `totp-enrol ${hashSessionId(input.sessionId)}`) : a.totpSecretEnc ? open(a.totpSecretEnc) : null;
  if (!secret) return { ok: false, error: 'The enrolment expired. Reload the page to get a new code.' };

  const claimed = p.disableFailedLoginLimitingPerUser ? null : await claimAccountAttempt(q, a.id, p);
  if (!p.disableFailedLoginLimitingPerUser && claimed == null) {
    await revokeAccountSessions(q, a.id, 'locked');
    await log('locked');
    return { ok: false, error: 'Sign-in failed. Your account is locked; your Manager can help.', ended: true };
  }
  const step = await matchTotp(secret, input.code.trim(), undefined, a.totpLastStep);
  if (step == null) {
    if (claimed != null && claimed >= p.failedLoginCountPerUser) {
      await lockAfterFailures(q, a.id, p);
      await revokeAccountSessions(q, a.id, 'locked');
      await log('wrong-code', 'account locked');
      return { ok: false, error: 'Sign-in failed. Your account is locked; your Manager can help.', ended: true };
    }
    await log('wrong-code');
    return { ok: false, error: 'That code is not right, or it was already used. Enter the current code from your authenticator.' };
  }
  const secretUpdate = enrolling ? sql`, totp_secret_enc = ${seal(secret)}` : sql``;
  const won = await q.execute(sql`
    update accounts set totp_last_step = ${step} ${secretUpdate}
    where id = ${a.id} and (totp_last_step is null or totp_last_step < ${step})
    returning id`);
  if (rowsOf(won).length === 0) {
    await log('code-reused');
    return { ok: false, error: 'That code is not right, or it was already used. Enter the current code from your authenticator.' };
  }
  if (claimed != null) await resetAccountFailures(q, a.id);
  const sessionId = await promoteSession(q, input.sessionId, 'active', p.sessionLoginLimitPerUser);
  if (!sessionId) return { ok: false, error: 'Your session has ended. Sign in again.', ended: true };
  await log('success', enrolling ? 'authenticator enrolled' : undefined);
  return { ok: true, sessionId };
}
