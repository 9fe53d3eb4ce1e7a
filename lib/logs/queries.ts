import 'server-only';
import { and, desc, eq, gte, isNull, like, lt, or, type SQL, sql } from 'drizzle-orm';
import type { Queryable } from '@/lib/db';
import { auditLog, signInLog } from '@/lib/db/schema';
import { findAccount } from '@/lib/users/queries';
import type { LogFilter } from './forms';

export const LOG_PAGE_SIZE = 50;
const DAY = 86_400_000;

const escapeLike = (s: string) => s.replace(/[\\%_]/g, (c) => `\\${c}`);

/**
 * A subtree of a log: rows whose node is the root or below it. Rows without a node (an unknown
 * username, a system-wide change) belong to the whole system, so only a view of `sys` shows them.
 */
function subtreeOf(column: typeof auditLog.nodePath | typeof signInLog.nodePath, root: string): SQL {
  const within = or(eq(column, root), like(column, `${escapeLike(root)}.%`)) as SQL;
  return root === 'sys' ? (or(within, isNull(column)) as SQL) : within;
}

function dateRange(column: typeof auditLog.at | typeof signInLog.at, f: LogFilter): SQL[] {
  const out: SQL[] = [];
  if (f.from) out.push(gte(column, new Date(`${f.from}T00:00:00Z`)));
  if (f.to) out.push(lt(column, new Date(new Date(`${f.to}T00:00:00Z`).getTime() + DAY)));
  return out;
}

/**
 * One page of the audit log for a subtree (already checked against the actor's scope), newest first,
 * by keyset on id: `before` is the last id of the previous page. No count of all rows: at millions of
 * rows a page costs one index range scan.
 */
export async function auditLogPage(q: Queryable, root: string, f: LogFilter, limit = LOG_PAGE_SIZE) {
  const where: SQL[] = [subtreeOf(auditLog.nodePath, root), ...dateRange(auditLog.at, f)];
  if (f.account) {
    // The account as the actor or as the target of the change.
    const a = await findAccount(q, { username: f.account }, { scope: root });
    const name = a?.username ?? f.account.toLowerCase();
    where.push(or(eq(auditLog.targetId, name), a ? eq(auditLog.actorAccountId, a.id) : eq(auditLog.actorUsername, name)) as SQL);
  }
  if (f.action) where.push(like(auditLog.action, `${escapeLike(f.action)}%`));
  if (f.before) where.push(lt(auditLog.id, f.before));
  const rows = await q
    .select({
      id: auditLog.id,
      at: auditLog.at,
      actorUsername: auditLog.actorUsername,
      ip: auditLog.ip,
      action: auditLog.action,
      nodePath: auditLog.nodePath,
      targetType: auditLog.targetType,
      targetId: auditLog.targetId,
      before: auditLog.before,
      after: auditLog.after,
    })
    .from(auditLog)
    .where(and(...where))
    .orderBy(desc(auditLog.id))
    .limit(limit + 1);
  return { rows: rows.slice(0, limit), next: rows.length > limit ? rows[limit - 1]?.id : undefined };
}
export type AuditRow = Awaited<ReturnType<typeof auditLogPage>>['rows'][number];

/** One page of the sign-in log for a subtree, newest first, by keyset on id (as the audit log). */
export async function signInLogPage(q: Queryable, root: string, f: LogFilter, limit = LOG_PAGE_SIZE) {
  const where: SQL[] = [subtreeOf(signInLog.nodePath, root), ...dateRange(signInLog.at, f)];
  if (f.account) {
    const a = await findAccount(q, { username: f.account }, { scope: root });
    where.push(a ? eq(signInLog.accountId, a.id) : sql`lower(${signInLog.username}) = ${f.account.toLowerCase()}`);
  }
  if (f.outcome) where.push(eq(signInLog.outcome, f.outcome));
  if (f.before) where.push(lt(signInLog.id, f.before));
  const rows = await q
    .select({
      id: signInLog.id,
      at: signInLog.at,
      username: signInLog.username,
      ip: signInLog.ip,
      channel: signInLog.channel,
      outcome: signInLog.outcome,
      step: signInLog.step,
      detail: signInLog.detail,
      nodePath: signInLog.nodePath,
      userAgent: signInLog.userAgent,
    })
    .from(signInLog)
    .where(and(...where))
    .orderBy(desc(signInLog.id))
    .limit(limit + 1);
  return { rows: rows.slice(0, limit), next: rows.length > limit ? rows[limit - 1]?.id : undefined };
}
export type SignInRow = Awaited<ReturnType<typeof signInLogPage>>['rows'][number];
