import 'server-only';
import { eq, sql } from 'drizzle-orm';
import { ActionError } from '@/lib/actions/result';
import type { ActionContext, ActionDefinition } from '@/lib/actions/run';
import { accountAttempt } from '@/lib/auth/lockout';
import { verifyPassword } from '@/lib/auth/password-hash';
import { loadStageAccount, type StageAccount } from '@/lib/auth/queries';
import { type Queryable, rowsOf } from '@/lib/db';
import { accounts, recoveryCodes } from '@/lib/db/schema';
import { revokeAccountSessions } from '@/lib/sessions/commands';
import { accountRefFormSchema } from '@/lib/users/forms';
import { findAccount } from '@/lib/users/queries';
import { accountEnrolmentSecret } from './account-enrolment';
import { enrolAuthenticatorSchema, newRecoveryCodesSchema } from './forms';
import { issueRecoveryCodes } from './recovery-codes';
import { resetTwoFactorRefusal } from './rules';
import { open, seal } from './secret-box';
import { matchTotp } from './totp';

const self = (_input: unknown, _tx: unknown, actor: { nodePath: string }) => actor.nodePath;
const LOCKED = 'Your account is locked; your Manager can help.';

/** A current authentication code (accepted once, like at sign-in) or the password. */
async function currentSecretMatches(tx: Queryable, a: StageAccount, current: string): Promise<boolean> {
  const secret = a.totpSecretEnc ? open(a.totpSecretEnc) : null;
  if (secret && /^\d{6}$/.test(current.trim())) {
    const step = await matchTotp(secret, current.trim(), undefined, a.totpLastStep);
    if (step == null) return false;
    const won = await tx.execute(sql`
      update accounts set totp_last_step = ${step}
      where id = ${a.id} and (totp_last_step is null or totp_last_step < ${step}) returning id`);
    return rowsOf(won).length === 1;
  }
  return verifyPassword(a.passwordHash, current);
}

/** Confirms a sensitive change with a current code or the password; a wrong one is a failed attempt. */
async function confirmCurrent(ctx: ActionContext<unknown>, a: StageAccount, current: string | undefined, field: string): Promise<void> {
  const attempt = await accountAttempt(ctx.tx, a.id, a.policy, () => currentSecretMatches(ctx.tx, a, current ?? ''));
  if (attempt.outcome === 'refused' || (attempt.outcome === 'wrong' && attempt.lockedAs)) {
    await revokeAccountSessions(ctx.tx, a.id, 'locked');
    ctx.refuse({ formError: LOCKED, code: 'session-ended' });
  }
  if (attempt.outcome === 'wrong')
    ctx.refuse({ fieldErrors: { [field]: ['Not a current code, nor your password.'] }, code: 'wrong-current-password' });
}

/**
 * My account: enrol an authenticator (voluntarily, or when the organisation requires it), or replace
 * the one there (a current code or the password first). Ten new recovery codes come back, once.
 */
export const enrolAuthenticatorDef = {
  name: 'enrolAuthenticator',
  permission: 'self',
  schema: enrolAuthenticatorSchema,
  targetNode: self,
  run: async (ctx) => {
    const { tx, actor, input, audit, refuse } = ctx;
    const a = await loadStageAccount(tx, actor.accountId);
    if (!a || !actor.sessionId) return refuse({ formError: 'Your session has ended. Sign in again.', code: 'session-ended' });
    const secret = accountEnrolmentSecret(actor.sessionId);
    if (a.totpSecretEnc && open(a.totpSecretEnc) === secret) return refuse({ formError: 'This authenticator is already the one set up.' });
    const replacing = a.totpSecretEnc != null;
    if (replacing) await confirmCurrent(ctx, a, input.current, 'current');
    const step = await matchTotp(secret, input.code);
    if (step == null) return refuse({ fieldErrors: { code: ['That code is not right. Enter the current code from the new authenticator.'] } });
    await tx
      .update(accounts)
      .set({ totpSecretEnc: seal(secret), totpLastStep: step, updatedAt: new Date() })
      .where(eq(accounts.id, a.id));
    const codes = await issueRecoveryCodes(tx, a.id);
    await audit({
      action: replacing ? 'two-factor.replace' : 'two-factor.enrol',
      nodePath: a.nodePath,
      targetType: 'account',
      targetId: a.username,
      before: { enrolled: replacing },
      after: { enrolled: true, recoveryCodes: codes.length },
    });
    return { recoveryCodes: codes };
  },
} satisfies ActionDefinition<typeof enrolAuthenticatorSchema, { recoveryCodes: string[] }>;

/** My account: a new set of ten recovery codes (the old ones stop working). */
export const newRecoveryCodesDef = {
  name: 'newRecoveryCodes',
  permission: 'self',
  schema: newRecoveryCodesSchema,
  targetNode: self,
  run: async (ctx) => {
    const a = await loadStageAccount(ctx.tx, ctx.actor.accountId);
    if (!a?.totpSecretEnc) throw new ActionError('Set up an authenticator first.');
    await confirmCurrent(ctx, a, ctx.input.current, 'current');
    const codes = await issueRecoveryCodes(ctx.tx, a.id);
    await ctx.audit({
      action: 'two-factor.recovery-codes',
      nodePath: a.nodePath,
      targetType: 'account',
      targetId: a.username,
      after: { recoveryCodes: codes.length },
    });
    return { recoveryCodes: codes };
  },
} satisfies ActionDefinition<typeof newRecoveryCodesSchema, { recoveryCodes: string[] }>;

/**
 * Security tab "Reset two-factor": removes a lost authenticator and its recovery codes, and ends the
 * account's sessions; the next sign-in enrols again where two-factor is required.
 */
export const resetTwoFactorDef = {
  name: 'resetTwoFactor',
  permission: 'two-factor:reset',
  schema: accountRefFormSchema,
  targetNode: async (input, tx, actor) => (await findAccount(tx, { username: input.username }, { scope: actor.nodePath }))?.nodePath ?? null,
  run: async ({ tx, actor, input, audit }) => {
    const t = await findAccount(tx, { username: input.username }, { scope: actor.nodePath, lock: true, columns: 'credentials' });
    if (!t) throw new ActionError(`You can act only on accounts at ${actor.nodePath} and below.`);
    const refusal = resetTwoFactorRefusal(actor, t);
    if (refusal) throw new ActionError(refusal);
    if (!t.totpSecretEnc) throw new ActionError(`${t.username} has no authenticator to reset.`);
    await tx.update(accounts).set({ totpSecretEnc: null, totpLastStep: null, updatedAt: new Date() }).where(eq(accounts.id, t.id));
    await tx.delete(recoveryCodes).where(eq(recoveryCodes.accountId, t.id));
    const ended = await revokeAccountSessions(tx, t.id, 'two-factor-reset');
    await audit({
      action: 'account.two-factor-reset',
      nodePath: t.nodePath,
      targetType: 'account',
      targetId: t.username,
      before: { enrolled: true },
      after: { enrolled: false, sessionsEnded: ended },
    });
    return { username: t.username };
  },
} satisfies ActionDefinition<typeof accountRefFormSchema, { username: string }>;
