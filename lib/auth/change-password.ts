import 'server-only';
import { and, eq, ne, isNull } from 'drizzle-orm';
import type { Queryable } from '@/lib/db';
import { accounts, passwordHistory, sessions } from '@/lib/db/schema';
import { writeAudit } from '@/lib/audit/log';
import { checkNewPassword } from '@/lib/policy/password-check';
import { failedRules, type PasswordRuleResult } from '@/lib/policy/password-rules';
import { hashSessionId } from '@/lib/sessions/token';
import { promoteSession } from '@/lib/sessions/store';
import { claimAccountAttempt, lockAfterFailures, resetAccountFailures } from './lockout';
import { hashPassword, verifyPassword } from './password-hash';
import { loadStageAccount, stageAfterPasswordChange } from './stages';

export type ChangePasswordResult =
  | { ok: true; sessionId: string | null }
  | { ok: false; formError?: string; fieldErrors?: Record<string, string[]>; failed?: PasswordRuleResult[]; locked?: boolean };

/**
 * A password change by its owner (at sign-in, on /account, or through /api/v1/password): the current
 * password (a wrong one counts as a failed attempt), every rule of the account's policy, history and
 * minimum age; then the new hash, the history row, an audit record, and the account's other sessions
 * ended. With a session, it is rotated to a new id and moved to its next stage.
 */
export async function changeOwnPassword(
  q: Queryable,
  input: { accountId: number; currentPassword: string; newPassword: string; sessionId?: string; ip: string; channel: 'console' | 'api' },
): Promise<ChangePasswordResult> {
  const a = await loadStageAccount(q, input.accountId);
  if (!a) return { ok: false, formError: 'Your account no longer exists.' };
  const p = a.policy;
  if (!p.allowUserDefinedPasswords) {
    return { ok: false, formError: 'Your policy does not allow choosing a password. Ask your Manager to reset it; a generated one will be sent to you.' };
  }
  const claimed = p.disableFailedLoginLimitingPerUser ? null : await claimAccountAttempt(q, a.id, p);
  if (!p.disableFailedLoginLimitingPerUser && claimed == null) return { ok: false, formError: 'Your account is locked.', locked: true };
  if (!(await verifyPassword(a.passwordHash, input.currentPassword))) {
    const locked = claimed != null && claimed >= p.failedLoginCountPerUser;
    if (locked) await lockAfterFailures(q, a.id, p);
    return { ok: false, fieldErrors: { currentPassword: ['The current password is not right.'] }, locked };
  }
  if (claimed != null) await resetAccountFailures(q, a.id);

  const results = await checkNewPassword(q, { accountId: a.id, password: input.newPassword, oldPassword: input.currentPassword, policy: p, firstName: a.firstName, lastName: a.lastName });
  const failed = failedRules(results);
  if (failed.length) return { ok: false, fieldErrors: { newPassword: failed.map((f) => f.message) }, failed };

  const hash = await hashPassword(input.newPassword);
  const now = new Date();
  await q.update(accounts).set({ passwordHash: hash, passwordChangedAt: now, mustChangePassword: false, updatedAt: now }).where(eq(accounts.id, a.id));
  await q.insert(passwordHistory).values({ accountId: a.id, passwordHash: hash, createdAt: now });
  await writeAudit(q, { actorAccountId: a.id, actorUsername: a.username, ip: input.ip, action: 'password.change', nodePath: a.nodePath, targetType: 'account', targetId: a.username, before: null, after: { passwordChangedAt: now.toISOString(), channel: input.channel } });

  const keep = input.sessionId ? hashSessionId(input.sessionId) : null;
  await q
    .update(sessions)
    .set({ revokedAt: now, revokedReason: 'password-changed' })
    .where(and(eq(sessions.accountId, a.id), isNull(sessions.revokedAt), ...(keep ? [ne(sessions.idHash, keep)] : [])));
  const sessionId = input.sessionId ? await promoteSession(q, input.sessionId, stageAfterPasswordChange(a), p.sessionLoginLimitPerUser) : null;
  return { ok: true, sessionId };
}
