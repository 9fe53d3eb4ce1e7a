import 'server-only';
import { and, eq, isNull, ne, sql } from 'drizzle-orm';
import type { RotatesSession } from '@/lib/actions';
import type { ActionDefinition } from '@/lib/actions/run';
import { consoleStepLog } from '@/lib/audit/log';
import { rowsOf } from '@/lib/db';
import { sessions } from '@/lib/db/schema';
import { checkNewPassword, storeNewPassword } from '@/lib/policy/password-check';
import { failedRules } from '@/lib/policy/password-rules';
import { promoteSession, revokeAccountSessions, revokeSession } from '@/lib/sessions/commands';
import { hashSessionId } from '@/lib/sessions/token';
import { enrolmentSecret } from '@/lib/totp/enrolment';
import { looksLikeRecoveryCode, spendRecoveryCode } from '@/lib/totp/recovery-codes';
import { open, seal } from '@/lib/totp/secret-box';
import { matchTotp } from '@/lib/totp/totp';
import { changePasswordSchema, twoFactorSchema } from './forms';
import { accountAttempt, checkSource, refundSourceAttempt, resetAccountFailures } from './lockout';
import { signInMessage } from './messages';
import { hashPassword, verifyPassword } from './password-hash';
import { loadStageAccount } from './queries';

/*
 * The steps of signing in after the password (a required password change, the two-factor code), and
 * a password change by its owner at any time, as action definitions: they go through the action
 * wrapper like every other mutation. The password step itself is performSignIn (commands.ts).
 */

const LOCKED = 'Your account is locked; your Manager can help.';
const self = (_input: unknown, _tx: unknown, actor: { nodePath: string }) => actor.nodePath;

/**
 * A password change by its owner (at sign-in, on My account, or through POST /api/v1/password): the
 * current password (a wrong one is a failed attempt), every rule of the account's policy, history and
 * minimum age; then the new hash, the history row, and the account's other sessions ended. A console
 * session is rotated to a new id and moved to its next stage.
 */
export const changeOwnPasswordDef = {
  name: 'changeOwnPassword',
  permission: 'self',
  stages: ['active', 'change_password'],
  allowApiOnly: true,
  schema: changePasswordSchema,
  targetNode: self,
  run: async ({ tx, actor, input, audit, refuse }) => {
    const a = await loadStageAccount(tx, actor.accountId);
    if (!a) return refuse({ formError: 'Your account no longer exists.', code: 'session-ended' });
    const p = a.policy;
    if (!p.allowUserDefinedPasswords) {
      return refuse({
        formError: 'Your policy does not allow choosing a password. Ask your Manager to reset it; a generated one will be sent to you.',
      });
    }
    const attempt = await accountAttempt(tx, a.id, p, () => verifyPassword(a.passwordHash, input.currentPassword));
    if (attempt.outcome === 'refused' || (attempt.outcome === 'wrong' && attempt.lockedAs)) {
      return refuse({ formError: LOCKED, code: 'session-ended' });
    }
    if (attempt.outcome === 'wrong')
      return refuse({ fieldErrors: { currentPassword: ['The current password is not right.'] }, code: 'wrong-current-password' });

    const results = await checkNewPassword(tx, {
      accountId: a.id,
      password: input.newPassword,
      oldPassword: input.currentPassword,
      policy: p,
      firstName: a.firstName,
      lastName: a.lastName,
    });
    const failed = failedRules(results);
    if (failed.length) {
      return refuse({
        fieldErrors: { newPassword: failed.map((f) => f.message) },
        code: 'policy',
        failedRules: failed.map(({ rule, message }) => ({ rule, message })),
      });
    }
    const hash = await hashPassword(input.newPassword);
    const now = new Date();
    await storeNewPassword(tx, a.id, hash, { now, mustChangePassword: false });
    const channel = actor.apiOnly ? 'api' : 'console';
    await audit({
      action: 'password.change',
      nodePath: a.nodePath,
      targetType: 'account',
      targetId: a.username,
      before: null,
      after: { passwordChangedAt: now.toISOString(), channel },
    });

    const keep = actor.sessionId ? hashSessionId(actor.sessionId) : null;
    await tx
      .update(sessions)
      .set({ revokedAt: now, revokedReason: 'password-changed' })
      .where(and(eq(sessions.accountId, a.id), isNull(sessions.revokedAt), ...(keep ? [ne(sessions.idHash, keep)] : [])));
    // The change completes a sign-in (the second factor, when required, came before it) or happens in
    // a complete session: either way the session is rotated and active, never sent back for a code.
    await resetAccountFailures(tx, a.id);
    const rotatedSessionId = actor.sessionId ? await promoteSession(tx, actor.sessionId, 'active', p.sessionLoginLimitPerUser) : null;
    // A sign-in that went through a required change is complete here: the sign-in log says so.
    if (actor.stage === 'change_password' && rotatedSessionId) {
      await consoleStepLog(
        tx,
        { username: a.username, accountId: a.id, nodePath: a.nodePath },
        actor,
        'change-password',
      )('success', 'password changed at sign-in');
    }
    return { rotatedSessionId };
  },
} satisfies ActionDefinition<typeof changePasswordSchema, RotatesSession>;

const WRONG_CODE = 'That code is not right, or it was already used. Enter the current code from your authenticator.';

/**
 * Codes one pending session may try, whatever the policy ("Disable Failed Login Limiting per User"
 * included): then the pending session ends and only a new password sign-in gives more.
 */
export const CODES_PER_PENDING_SESSION = 5;

/**
 * The two-factor step of sign-in. A wrong code is a failed attempt: it counts toward the account's
 * lock until a whole sign-in completes, and per source address; a pending session gets at most
 * CODES_PER_PENDING_SESSION codes. A code is accepted once: its time step must be newer than the last
 * one used, set by compare-and-set, so two racing submissions of one code cannot both pass. Enrolment
 * never replaces an authenticator that is already there.
 */
export const verifyTwoFactorDef = {
  name: 'verifyTwoFactor',
  permission: 'self',
  stages: ['totp', 'totp_enrol'],
  schema: twoFactorSchema,
  targetNode: self,
  run: async ({ tx, actor, input, refuse }) => {
    const a = await loadStageAccount(tx, actor.accountId);
    const sessionId = actor.sessionId;
    if (!a || !sessionId) return refuse({ formError: 'Your session has ended. Sign in again.', code: 'session-ended' });
    const log = consoleStepLog(tx, { username: a.username, accountId: a.id, nodePath: a.nodePath }, actor, 'two-factor');
    const endPending = async (reason: string, formError: string, code: string) => {
      await revokeSession(tx, sessionId, reason);
      return refuse({ formError, code });
    };
    // Only a session that is enrolling may carry a new secret, and only while the account has none
    // (the row lock serialises two enrolments of one account).
    const enrolling = actor.stage === 'totp_enrol';
    if (enrolling) {
      const [held] = rowsOf<{ totp_secret_enc: string | null }>(
        await tx.execute(sql`select totp_secret_enc from accounts where id = ${a.id} for update`),
      );
      if (held?.totp_secret_enc) {
        await log('enrolment-refused', 'an authenticator is already enrolled');
        return endPending('enrolment-superseded', 'An authenticator is already set up for this account. Sign in again.', 'session-ended');
      }
    }
    const secret = enrolling ? enrolmentSecret(sessionId) : a.totpSecretEnc ? open(a.totpSecretEnc) : null;
    if (!secret) return refuse({ formError: 'Your session has ended. Sign in again.', code: 'session-ended' });

    // The pending session's own ceiling, claimed atomically before the code is looked at.
    const [claim] = rowsOf<{ code_attempts: number; change_password_next: boolean }>(
      await tx.execute(sql`
        update sessions set code_attempts = code_attempts + 1
        where id_hash = ${hashSessionId(sessionId)} and revoked_at is null and code_attempts < ${CODES_PER_PENDING_SESSION}
        returning code_attempts, change_password_next`),
    );
    if (!claim) return endPending('too-many-codes', 'Too many codes were tried. Sign in again.', 'too-many-codes');
    const p = a.policy;
    // Per source with the product-wide limit, as at the password step (never the account's own).
    const source = await checkSource(tx, actor.ip, { claim: true });
    if (source.retryAfterSeconds != null) return refuse({ formError: signInMessage('throttled', source.retryAfterSeconds), code: 'throttled' });

    let reused = false;
    const recovery = !enrolling && looksLikeRecoveryCode(input.code);
    const attempt = await accountAttempt(tx, a.id, p, async () => {
      if (recovery) return spendRecoveryCode(tx, a.id, input.code);
      const step = await matchTotp(secret, input.code, undefined, a.totpLastStep);
      if (step == null) return false;
      const secretUpdate = enrolling ? sql`, totp_secret_enc = ${seal(secret)}` : sql``;
      const won = await tx.execute(sql`
        update accounts set totp_last_step = ${step} ${secretUpdate}
        where id = ${a.id} and (totp_last_step is null or totp_last_step < ${step})
        returning id`);
      reused = rowsOf(won).length === 0;
      return !reused;
    });
    if (attempt.outcome === 'refused' || (attempt.outcome === 'wrong' && attempt.lockedAs)) {
      await revokeAccountSessions(tx, a.id, 'locked');
      await log(attempt.outcome === 'refused' ? 'locked' : 'wrong-code', attempt.outcome === 'refused' ? undefined : 'account locked');
      return refuse({ formError: `Sign-in failed. ${LOCKED}`, code: 'session-ended' });
    }
    if (attempt.outcome === 'wrong') {
      await log(reused ? 'code-reused' : 'wrong-code');
      if (claim.code_attempts >= CODES_PER_PENDING_SESSION)
        return endPending('too-many-codes', 'Too many codes were tried. Sign in again.', 'too-many-codes');
      return refuse({ formError: WRONG_CODE, fieldErrors: { code: [WRONG_CODE] } });
    }
    if (source.claimed != null) await refundSourceAttempt(tx, actor.ip);
    const next = claim.change_password_next ? 'change_password' : 'active';
    // The sign-in completes here unless a password change is still due (it then completes there).
    if (next === 'active') await resetAccountFailures(tx, a.id);
    const rotatedSessionId = await promoteSession(tx, sessionId, next, p.sessionLoginLimitPerUser);
    if (!rotatedSessionId) return refuse({ formError: 'Your session has ended. Sign in again.', code: 'session-ended' });
    await log('success', enrolling ? 'authenticator enrolled' : recovery ? 'recovery code used' : undefined);
    return { rotatedSessionId };
  },
} satisfies ActionDefinition<typeof twoFactorSchema, RotatesSession>;
