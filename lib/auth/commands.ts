import 'server-only';
import { and, eq, isNull, ne, sql } from 'drizzle-orm';
import type { RotatesSession } from '@/lib/actions';
import type { ActionDefinition } from '@/lib/actions/run';
import { signInLogInsert, writeAudit, writeSignInLog } from '@/lib/audit/log';
import { db, type Queryable, rowsOf } from '@/lib/db';
import { accounts, sessions } from '@/lib/db/schema';
import { deliverSoon } from '@/lib/mail/deliver';
import { sourceKey } from '@/lib/net/ip';
import { HCS_POLICY_NAME } from '@/lib/policy/fields';
import { checkNewPassword, storeNewPassword } from '@/lib/policy/password-check';
import { failedRules } from '@/lib/policy/password-rules';
import { passwordExpiresAt, sessionTimeouts } from '@/lib/policy/rules';
import { issueGeneratedPassword } from '@/lib/recovery/issue';
import { createSession, promoteSession, revokeAccountSessions, revokeSession } from '@/lib/sessions/commands';
import { hashSessionId } from '@/lib/sessions/token';
import { enrolmentSecret } from '@/lib/totp/enrolment';
import { looksLikeRecoveryCode, spendRecoveryCode } from '@/lib/totp/recovery-codes';
import { open, seal } from '@/lib/totp/secret-box';
import { matchTotp } from '@/lib/totp/totp';
import { cachedCredential, forgetCredentials, rememberCredential } from './credential-cache';
import { changePasswordSchema, PASSWORD_MAX_LENGTH, twoFactorSchema } from './forms';
import {
  accountAttempt,
  accountRefund,
  checkSource,
  claimSourceAttempt,
  completedSignIn,
  outsideAttempt,
  refundSourceAttempt,
  resetAccountFailures,
  sourceRefund,
} from './lockout';
import { signInMessage } from './messages';
import { hashPassword, verifyPassword } from './password-hash';
import { loadSignInContext, loadStageAccount, type SignInContext, type StageAccount } from './queries';
import { decideSignIn, type SignInDecision, type SignInEffects } from './sign-in';

/*
 * The writes of signing in: the password step (performSignIn, called by next-auth and the API), and
 * the steps after it (a required password change, the two-factor code) as action definitions, so that
 * they go through the action wrapper like every other mutation.
 */

/**
 * A console sign-in writes as few times as it can: its source slot is claimed by the source check's
 * own statement, and what a right password gives back (the source slot, the account slot) is written
 * with the session (createSession's `alongside`) rather than statement by statement.
 */
interface Deferred {
  sourceClaim: number | undefined;
  owed: { source: boolean; account: boolean };
}

function realEffects(q: Queryable, ctx: SignInContext, ip: string, deferred?: Deferred): SignInEffects {
  return {
    claimSource: (ip, p) =>
      deferred?.sourceClaim != null ? Promise.resolve({ ok: true, count: deferred.sourceClaim }) : claimSourceAttempt(q, ip, p),
    refundSource: async (ip) => {
      if (deferred) deferred.owed.source = true;
      else await refundSourceAttempt(q, ip);
    },
    attempt: async (id, p, check) => {
      const r = await accountAttempt(q, id, p, check, { deferRefund: !!deferred });
      if (deferred && r.outcome === 'ok' && r.claimed != null) deferred.owed.account = true;
      return r;
    },
    outsideAttempt: (id, p, check) => outsideAttempt(q, id, p, check),
    verifyPassword,
    disableInactive: async (id) => {
      const moved = await q
        .update(accounts)
        .set({ status: 'disabled', statusReason: 'Inactive too long', updatedAt: new Date() })
        .where(and(eq(accounts.id, id), eq(accounts.status, 'active')))
        .returning({ id: accounts.id });
      const a = ctx.account;
      if (moved.length && a)
        await writeAudit(q, {
          actorAccountId: null,
          actorUsername: 'system',
          ip,
          action: 'account.disable-inactive',
          nodePath: a.nodePath,
          targetType: 'account',
          targetId: a.username,
          before: { status: 'active' },
          after: { status: 'disabled', statusReason: 'Inactive too long' },
        });
    },
    issuePassword: async (_id, p) => {
      const a = ctx.account;
      if (!a) return false;
      const how = 'replaced at sign-in (your policy does not let you choose a password)';
      const sent = await q.transaction((tx) => issueGeneratedPassword(tx, a, p, { ip, how, reason: 'password-replaced' }));
      if (sent) deliverSoon(db());
      return sent;
    },
  };
}

interface SignInRequest {
  username: string;
  password: string;
  ip: string;
  userAgent: string;
  channel: 'console' | 'api';
}

type SignInResult = SignInDecision & {
  sessionId?: string;
  account?: { accountId: number; username: string; role: StageAccount['role']; nodePath: string; isPrimaryContact: boolean };
  /** For an API call: what `GET /api/v1/me` answers, from this call's own reads (never a secret or a counter). */
  me?: { username: string; node: string; role: StageAccount['role']; passwordExpiresAt: string | null };
};

/**
 * Effects for an API call whose credential was verified within the last minute (credential-cache.ts):
 * the hash and the counters it guards are skipped; the source was checked a statement earlier, and
 * status, allowlist and expiry are decided from this call's reads as always.
 */
function cachedEffects(q: Queryable, ctx: SignInContext, ip: string): SignInEffects {
  const real = realEffects(q, ctx, ip);
  return {
    ...real,
    claimSource: async () => ({ ok: true, count: 0 }),
    refundSource: async () => {},
    attempt: async () => ({ outcome: 'ok', claimed: null }),
    verifyPassword: async () => true,
    // Outside the allowlist the per-account budget is still spent call by call (real.outsideAttempt);
    // inactivity and a policy that generates passwords are handled as on any call.
  };
}

const MINUTE = 60_000;

/** The real sign-in: decide with effects that count, then start the session, and log the outcome. */
export async function performSignIn(req: SignInRequest): Promise<SignInResult> {
  const q = db();
  // Over the length limit nothing is looked up or hashed: a long input must not buy work.
  if (req.password.length > PASSWORD_MAX_LENGTH || req.username.length > 256) {
    return { ok: false, code: 'invalid', outcome: 'too-long', trace: [] };
  }
  const username = req.username.trim().slice(0, 64);
  // A refused source costs this one indexed statement: no account lookup, no hash, no log row (the
  // failures that got it refused are logged; a flood of refusals is not). A console sign-in claims its
  // slot in the same statement; an API call claims it only when its credential is not cached.
  const source = await checkSource(q, req.ip, { claim: req.channel === 'console' });
  if (source.retryAfterSeconds != null) {
    const detail = `${sourceKey(req.ip)} is throttled (Failed Login Count per Source, ${HCS_POLICY_NAME})`;
    return {
      ok: false,
      code: 'throttled',
      outcome: 'source-throttled',
      retryAfterSeconds: source.retryAfterSeconds,
      trace: [{ step: 'source-throttle', outcome: 'fail', setting: 'Failed Login Count per Source', node: 'sys.hcs', detail }],
    };
  }
  const ctx = await loadSignInContext(q, username, source.limits);
  const known = ctx.account;
  const cached =
    req.channel === 'api' &&
    known?.authSource === 'local' &&
    known.status === 'active' &&
    cachedCredential(known.id, known.passwordHash, req.password);
  if (req.channel === 'api' && known && known.status !== 'active') forgetCredentials(known.id);
  const deferred: Deferred | undefined =
    req.channel === 'console' ? { sourceClaim: source.claimed, owed: { source: false, account: false } } : undefined;
  const decision = await decideSignIn(
    ctx,
    { password: req.password, ip: req.ip, now: new Date(), channel: req.channel },
    cached ? cachedEffects(q, ctx, req.ip) : realEffects(q, ctx, req.ip, deferred),
  );
  const base = {
    username: username || '(empty)',
    accountId: ctx.account?.id ?? null,
    nodePath: ctx.account?.nodePath ?? null,
    ip: req.ip,
    userAgent: req.userAgent,
    channel: req.channel,
  };
  // What a right password gave back, as statements to write with the sign-in's other writes.
  const refunds = (completes: boolean) => {
    const id = ctx.account?.id;
    return [
      ...(deferred?.owed.source ? [sourceRefund(req.ip)] : []),
      ...(id == null ? [] : completes ? [completedSignIn(id)] : deferred?.owed.account ? [accountRefund(id)] : []),
    ];
  };
  const last = decision.trace[decision.trace.length - 1];
  if (!decision.ok || !ctx.account) {
    const log = signInLogInsert(q, {
      ...base,
      outcome: decision.ok ? 'unknown-account' : decision.outcome,
      step: last?.step ?? 'start',
      detail: last?.detail,
    });
    const writes = refunds(false);
    if (writes.length) await q.transaction(async (tx) => Promise.all([...writes.map((w) => tx.execute(w)), tx.execute(log.getSQL())]));
    else await log;
    return decision;
  }
  const a = ctx.account;
  const account = { accountId: a.id, username: a.username, role: a.role, nodePath: a.nodePath, isPrimaryContact: a.isPrimaryContact };
  const p = ctx.policy.policy;
  if (req.channel === 'api') {
    // API calls authenticate on every request, without a session row. A real verification is logged
    // and cached; a cached call only keeps the activity clock (for inactivity) within a minute.
    if (!cached) {
      if (a.passwordHash) rememberCredential(a.id, a.passwordHash, req.password);
      await q.execute(sql`update accounts set last_login_at = now() where id = ${a.id}`);
      if (decision.stage === 'active') await resetAccountFailures(q, a.id);
      await writeSignInLog(q, { ...base, outcome: decision.stage === 'active' ? 'success' : 'password-change-required', step: 'api' });
    } else if (!a.lastLoginAt || Date.now() - a.lastLoginAt.getTime() > MINUTE) {
      await q.execute(sql`update accounts set last_login_at = now() where id = ${a.id}`);
    }
    const me = { username: a.username, node: a.nodePath, role: a.role, passwordExpiresAt: passwordExpiresAt(a, p)?.toISOString() ?? null };
    return { ...decision, account, me };
  }
  const t = sessionTimeouts({
    policy: p,
    role: a.role,
    roleTimeouts: ctx.settings.sessionTimeouts.value.byRole,
    accountTimeout: a.sessionTimeoutMinutes,
  });
  // Failures are forgiven only when the whole sign-in completes, never by the password step alone.
  const completes = decision.stage === 'active';
  const session = {
    accountId: a.id,
    stage: decision.stage,
    idleMinutes: t.idleMinutes,
    absoluteMinutes: t.absoluteMinutes,
    ip: req.ip,
    userAgent: req.userAgent,
    limit: p.sessionLoginLimitPerUser,
    changePasswordNext: decision.changePasswordNext,
  };
  const outcome = completes ? 'success' : `pending-${decision.stage}`;
  const { id: sessionId } = await createSession(q, session, (ended) => [
    ...refunds(completes),
    signInLogInsert(q, { ...base, outcome, step: 'session', detail: ended ? `${ended} older session(s) ended by the session limit` : undefined }),
  ]);
  return { ...decision, sessionId, account };
}

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
      await writeSignInLog(tx, {
        username: a.username,
        accountId: a.id,
        nodePath: a.nodePath,
        ip: actor.ip,
        userAgent: actor.userAgent ?? '',
        channel: 'console',
        outcome: 'success',
        step: 'change-password',
        detail: 'password changed at sign-in',
      });
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
    const log = (outcome: string, detail?: string) =>
      writeSignInLog(tx, {
        username: a.username,
        accountId: a.id,
        nodePath: a.nodePath,
        ip: actor.ip,
        userAgent: actor.userAgent ?? '',
        channel: 'console',
        outcome,
        step: 'two-factor',
        detail,
      });
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
    if (!p.disableFailedLoginLimitingPerSource) {
      const source = await claimSourceAttempt(tx, actor.ip, p);
      if (!source.ok) return refuse({ formError: signInMessage('throttled', source.retryAfterSeconds), code: 'throttled' });
    }

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
    if (!p.disableFailedLoginLimitingPerSource) await refundSourceAttempt(tx, actor.ip);
    const next = claim.change_password_next ? 'change_password' : 'active';
    // The sign-in completes here unless a password change is still due (it then completes there).
    if (next === 'active') await resetAccountFailures(tx, a.id);
    const rotatedSessionId = await promoteSession(tx, sessionId, next, p.sessionLoginLimitPerUser);
    if (!rotatedSessionId) return refuse({ formError: 'Your session has ended. Sign in again.', code: 'session-ended' });
    await log('success', enrolling ? 'authenticator enrolled' : recovery ? 'recovery code used' : undefined);
    return { rotatedSessionId };
  },
} satisfies ActionDefinition<typeof twoFactorSchema, RotatesSession>;
