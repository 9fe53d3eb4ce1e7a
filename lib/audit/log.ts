import type { Queryable } from '@/lib/db';
import { auditLog, signInLog } from '@/lib/db/schema';

export interface AuditEntry {
  actorAccountId: number | null;
  actorUsername: string;
  ip: string;
  action: string;
  nodePath?: string | null;
  targetType: string;
  targetId?: string | number | null;
  before?: unknown;
  after?: unknown;
}

/** Written inside the transaction of the change it records, so neither exists without the other. */
export async function writeAudit(q: Queryable, e: AuditEntry): Promise<void> {
  await q.insert(auditLog).values({
    actorAccountId: e.actorAccountId,
    actorUsername: e.actorUsername,
    ip: e.ip,
    action: e.action,
    nodePath: e.nodePath ?? null,
    targetType: e.targetType,
    targetId: e.targetId == null ? null : String(e.targetId),
    before: e.before ?? null,
    after: e.after ?? null,
  });
}

interface SignInLogEntry {
  username: string;
  accountId: number | null;
  nodePath: string | null;
  ip: string;
  userAgent: string;
  channel: 'console' | 'api';
  outcome: string;
  step: string;
  detail?: string;
}

/** The sign-in log row as a statement not yet run, for callers that write it with others (createSession). */
export function signInLogInsert(q: Queryable, e: SignInLogEntry) {
  return q.insert(signInLog).values({ ...e, username: e.username.slice(0, 200), userAgent: e.userAgent.slice(0, 500) });
}

export async function writeSignInLog(q: Queryable, e: SignInLogEntry): Promise<void> {
  await signInLogInsert(q, e);
}

/**
 * The sign-in log of one console step after the password (a required change, the two-factor code, a
 * forgotten-password reset) for one name: a writer of that step's outcome rows.
 */
export function consoleStepLog(
  q: Queryable,
  who: { username: string; accountId: number | null; nodePath: string | null },
  from: { ip: string; userAgent?: string },
  step: string,
) {
  return (outcome: string, detail?: string) =>
    writeSignInLog(q, { ...who, ip: from.ip, userAgent: from.userAgent ?? '', channel: 'console', outcome, step, detail });
}
