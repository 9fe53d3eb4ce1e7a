import 'server-only';
import { and, eq, type SQLWrapper, sql } from 'drizzle-orm';
import { signInLogInsert, writeAudit } from '@/lib/audit/log';
import { db, type Queryable } from '@/lib/db';
import { accounts } from '@/lib/db/schema';
import { deliverSoon } from '@/lib/mail/deliver';
import { sourceKey } from '@/lib/net/ip';
import { HCS_POLICY_NAME } from '@/lib/policy/fields';
import { passwordExpiresAt, sessionTimeouts } from '@/lib/policy/rules';
import { issueGeneratedPassword } from '@/lib/recovery/issue';
import { createSession } from '@/lib/sessions/commands';
import { cachedCredential, forgetCredentials, rememberCredential } from './credential-cache';
import { PASSWORD_MAX_LENGTH } from './forms';
import { accountAttempt, accountRefund, checkSource, claimSourceAttempt, completedSignIn, outsideAttempt, sourceRefund } from './lockout';
import { verifyPassword } from './password-hash';
import { loadSignInContext, type SignInContext, type StageAccount } from './queries';
import { decideSignIn, type SignInDecision, type SignInEffects } from './sign-in';

/*
 * The writes of signing in's password step (performSignIn, called by next-auth and the API). The steps
 * after it, and a password change by its owner, are action definitions in stage-commands.ts.
 */

/**
 * A sign-in writes as few times as it can: a console sign-in's source slot is claimed by the source
 * check's own statement, and what a right password gives back (the source slot, the account slot) is
 * not written at once but with the sign-in's other writes (see `refunds` in performSignIn).
 */
interface Deferred {
  sourceClaim: number | undefined;
  owed: { source: boolean; account: boolean };
}

function realEffects(q: Queryable, ctx: SignInContext, ip: string, deferred: Deferred): SignInEffects {
  return {
    claimSource: (ip, p) =>
      deferred.sourceClaim != null ? Promise.resolve({ ok: true, count: deferred.sourceClaim }) : claimSourceAttempt(q, ip, p),
    refundSource: async () => {
      deferred.owed.source = true;
    },
    attempt: async (id, p, check) => {
      const r = await accountAttempt(q, id, p, check, { deferRefund: true });
      if (r.outcome === 'ok' && r.claimed != null) deferred.owed.account = true;
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
function cachedEffects(q: Queryable, ctx: SignInContext, ip: string, deferred: Deferred): SignInEffects {
  const real = realEffects(q, ctx, ip, deferred);
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

/** Writes that stand or fall together: one statement alone, else one transaction (its statements pipelined). */
async function writeTogether(q: Queryable, writes: SQLWrapper[]): Promise<void> {
  if (writes.length === 1) await q.execute((writes[0] as SQLWrapper).getSQL());
  else if (writes.length) await q.transaction(async (tx) => Promise.all(writes.map((w) => tx.execute(w.getSQL()))));
}

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
  const deferred: Deferred = { sourceClaim: source.claimed, owed: { source: false, account: false } };
  const decision = await decideSignIn(
    ctx,
    { password: req.password, ip: req.ip, now: new Date(), channel: req.channel },
    (cached ? cachedEffects : realEffects)(q, ctx, req.ip, deferred),
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
      ...(deferred.owed.source ? [sourceRefund(req.ip)] : []),
      ...(id == null ? [] : completes ? [completedSignIn(id)] : deferred.owed.account ? [accountRefund(id)] : []),
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
    await writeTogether(q, [...refunds(false), log]);
    return decision;
  }
  const a = ctx.account;
  const account = { accountId: a.id, username: a.username, role: a.role, nodePath: a.nodePath, isPrimaryContact: a.isPrimaryContact };
  const p = ctx.policy.policy;
  if (req.channel === 'api') {
    // API calls authenticate on every request, without a session row. A real verification is logged
    // and cached; a cached call only keeps the activity clock (for inactivity) within a minute.
    const signedIn = sql`update accounts set last_login_at = now() where id = ${a.id}`;
    if (!cached) {
      if (a.passwordHash) rememberCredential(a.id, a.passwordHash, req.password);
      const completes = decision.stage === 'active';
      const log = signInLogInsert(q, { ...base, outcome: completes ? 'success' : 'password-change-required', step: 'api' });
      await writeTogether(q, [...refunds(completes), ...(completes ? [] : [signedIn]), log]);
    } else if (!a.lastLoginAt || Date.now() - a.lastLoginAt.getTime() > MINUTE) {
      await q.execute(signedIn);
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
