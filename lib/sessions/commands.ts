import { and, eq, isNull, type SQLWrapper, sql } from 'drizzle-orm';
import { type Queryable, rowsOf } from '@/lib/db';
import { accounts, type SessionStage, sessions } from '@/lib/db/schema';
import { hashSessionId, newSessionId } from './token';

interface NewSession {
  accountId: number;
  stage: SessionStage;
  idleMinutes: number;
  absoluteMinutes: number;
  ip: string;
  userAgent: string;
  /** Session Login Limit Per User; 0 = no limit. */
  limit: number;
  /** A password change is due after the second factor. */
  changePasswordNext?: boolean;
}

/**
 * Creates a session row and returns the opaque id for the cookie, with `alongside`: the other writes of
 * the same sign-in (its counters, its log row), given how many older sessions the limit ended; they
 * commit with the session or not at all.
 *
 * Without a limit to apply (none set, or a stage before `active`) that is ONE statement: the writes as
 * data-modifying CTEs of the session's INSERT, so one round trip and one commit. Over a session limit
 * the oldest active sessions end, in a transaction under a row lock on the account, so that parallel
 * sign-ins of one account cannot both slip under the limit (a single statement reads one snapshot and
 * could not see the other's session).
 */
export async function createSession(
  q: Queryable,
  s: NewSession,
  alongside: (ended: number) => SQLWrapper[] = () => [],
): Promise<{ id: string; ended: number }> {
  const id = newSessionId();
  const insert = q.insert(sessions).values({
    idHash: hashSessionId(id),
    accountId: s.accountId,
    stage: s.stage,
    idleTimeoutMinutes: s.idleMinutes,
    absoluteTimeoutMinutes: s.absoluteMinutes,
    ip: s.ip,
    userAgent: s.userAgent.slice(0, 500),
    changePasswordNext: s.changePasswordNext ?? false,
  });
  if (s.stage !== 'active' || s.limit <= 0) {
    // getSQL(): a query builder placed in a template directly is wrapped in parentheses.
    const ctes = alongside(0).map((w, i) => sql`${sql.raw(`w${i}`)} as (${w.getSQL()})`);
    await q.execute(ctes.length ? sql`with ${sql.join(ctes, sql`, `)} ${insert.getSQL()}` : insert.getSQL());
    return { id, ended: 0 };
  }
  return q.transaction(async (tx) => {
    await tx.execute(sql`select id from ${accounts} where id = ${s.accountId} for update`);
    await tx.execute(insert.getSQL());
    const ended = await enforceSessionLimit(tx, s.accountId, s.limit);
    for (const w of alongside(ended)) await tx.execute(w.getSQL());
    return { id, ended };
  });
}

/** Session Login Limit Per User: beyond `limit` active sessions, the oldest end. Returns how many. */
async function enforceSessionLimit(q: Queryable, accountId: number, limit: number): Promise<number> {
  if (limit <= 0) return 0;
  const res = await q.execute(sql`
    update ${sessions} set revoked_at = now(), revoked_reason = 'session-limit'
    where id_hash in (
      select id_hash from ${sessions}
      where account_id = ${accountId} and revoked_at is null and stage = 'active'
      order by created_at desc, id_hash
      offset ${limit})
    returning id_hash`);
  return rowsOf(res).length;
}

export async function revokeSession(q: Queryable, id: string, reason: string): Promise<void> {
  await q
    .update(sessions)
    .set({ revokedAt: new Date(), revokedReason: reason })
    .where(and(eq(sessions.idHash, hashSessionId(id)), isNull(sessions.revokedAt)));
}

export async function revokeAccountSessions(q: Queryable, accountId: number, reason: string): Promise<number> {
  const res = await q
    .update(sessions)
    .set({ revokedAt: new Date(), revokedReason: reason })
    .where(and(eq(sessions.accountId, accountId), isNull(sessions.revokedAt)))
    .returning({ idHash: sessions.idHash });
  return res.length;
}

/**
 * Moves a session to its next sign-in stage under a new id (the old cookie stops working), and when
 * it becomes active, applies the session limit as a fresh sign-in would.
 */
export async function promoteSession(q: Queryable, oldId: string, stage: SessionStage, limit: number): Promise<string | null> {
  const id = newSessionId();
  const res = await q
    .update(sessions)
    .set({ idHash: hashSessionId(id), stage, lastSeenAt: new Date() })
    .where(and(eq(sessions.idHash, hashSessionId(oldId)), isNull(sessions.revokedAt)))
    .returning({ accountId: sessions.accountId });
  const accountId = res[0]?.accountId;
  if (accountId == null) return null;
  if (stage === 'active') {
    await q.execute(sql`update accounts set last_login_at = now() where id = ${accountId}`);
    await enforceSessionLimit(q, accountId, limit);
  }
  return id;
}
