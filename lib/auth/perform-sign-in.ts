import 'server-only';
import { eq, sql } from 'drizzle-orm';
import { db } from '@/lib/db';
import { accounts } from '@/lib/db/schema';
import { writeSignInLog } from '@/lib/audit/log';
import { createSession } from '@/lib/sessions/store';
import { sessionTimeouts } from '@/lib/policy/timeouts';
import { claimAccountAttempt, claimSourceAttempt, lockAfterFailures, refundSourceAttempt, resetAccountFailures } from './lockout';
import { verifyPassword } from './password-hash';
import { decideSignIn, type SignInDecision, type SignInEffects } from './sign-in';
import { loadSignInContext } from './sign-in-context';

export function realEffects(): SignInEffects {
  const q = db();
  return {
    claimSource: (ip, p) => claimSourceAttempt(q, ip, p),
    refundSource: (ip) => refundSourceAttempt(q, ip),
    claimAccount: (id, p) => claimAccountAttempt(q, id, p),
    lock: (id, p) => lockAfterFailures(q, id, p),
    resetFailures: (id) => resetAccountFailures(q, id),
    verifyPassword,
    disableInactive: async (id) => {
      await q.update(accounts).set({ status: 'disabled', statusReason: 'Inactive too long', updatedAt: new Date() }).where(eq(accounts.id, id));
    },
  };
}

export interface SignInRequest {
  username: string;
  password: string;
  ip: string;
  userAgent: string;
  channel: 'console' | 'api';
}

export type SignInResult = SignInDecision & { sessionId?: string; accountId?: number };

/** The real sign-in: decide with effects that count, then start the session, and log the outcome. */
export async function performSignIn(req: SignInRequest): Promise<SignInResult> {
  const username = req.username.trim().slice(0, 64);
  const ctx = await loadSignInContext(db(), username);
  const decision = await decideSignIn(ctx, { password: req.password, ip: req.ip, now: new Date(), channel: req.channel }, realEffects());
  const base = { username: username || '(empty)', accountId: ctx.account?.id ?? null, nodePath: ctx.account?.nodePath ?? null, ip: req.ip, userAgent: req.userAgent, channel: req.channel };
  const last = decision.trace[decision.trace.length - 1];
  if (!decision.ok) {
    await writeSignInLog(db(), { ...base, outcome: decision.outcome, step: last?.step ?? 'start', detail: last?.detail });
    return decision;
  }
  const account = ctx.account!;
  const p = ctx.policy.policy;
  if (req.channel === 'api') {
    // API calls authenticate on every request: no session row, but activity counts against inactivity.
    await db().execute(sql`update accounts set last_login_at = now() where id = ${account.id}`);
    await writeSignInLog(db(), { ...base, outcome: decision.stage === 'active' ? 'success' : 'password-change-required', step: 'api' });
    return { ...decision, accountId: account.id };
  }
  const t = sessionTimeouts({ policy: p, role: account.role, roleTimeouts: ctx.settings.sessionTimeouts.value.byRole, accountTimeout: account.sessionTimeoutMinutes });
  const sessionId = await db().transaction(async (tx) => {
    const { id, ended } = await createSession(tx, {
      accountId: account.id,
      stage: decision.stage,
      idleMinutes: t.idleMinutes,
      absoluteMinutes: t.absoluteMinutes,
      ip: req.ip,
      userAgent: req.userAgent,
      limit: p.sessionLoginLimitPerUser,
    });
    if (decision.stage === 'active') await tx.execute(sql`update accounts set last_login_at = now() where id = ${account.id}`);
    await writeSignInLog(tx, {
      ...base,
      outcome: decision.stage === 'active' ? 'success' : `pending-${decision.stage}`,
      step: 'session',
      detail: ended ? `${ended} older session(s) ended by the session limit` : undefined,
    });
    return id;
  });
  return { ...decision, sessionId, accountId: account.id };
}
