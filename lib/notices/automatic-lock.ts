import { sql } from 'drizzle-orm';
import { writeAudit } from '@/lib/audit/log';
import { type Queryable, rowsOf } from '@/lib/db';
import { queueMail } from '@/lib/mail/outbox';
import { lockNoticeMail } from './mail';

/**
 * What follows an automatic lock or disable by failed attempts, wherever the attempt came from (sign-in,
 * API, two-factor, password change, security answers): an audit entry by "system" and an e-mail to
 * the account. Called only by the statement that actually moved the account out of `active`.
 */
export async function recordAutomaticLock(q: Queryable, accountId: number, status: 'locked' | 'disabled'): Promise<void> {
  const [a] = rowsOf<{ id: number; username: string; email: string; path: string; locked_until: string | null; reason: string | null }>(
    await q.execute(sql`
      select a.id, a.username, a.email, n.path, a.locked_until, a.status_reason as reason
      from accounts a join nodes n on n.id = a.node_id where a.id = ${accountId}`),
  );
  if (!a) return;
  const at = new Date();
  const until = a.locked_until ? new Date(a.locked_until) : null;
  await writeAudit(q, {
    actorAccountId: null,
    actorUsername: 'system',
    ip: 'failed attempts',
    action: status === 'locked' ? 'account.lock-automatic' : 'account.disable-automatic',
    nodePath: a.path,
    targetType: 'account',
    targetId: a.username,
    before: { status: 'active' },
    after: { status, statusReason: a.reason, lockedUntil: until?.toISOString() ?? null },
  });
  if (a.email.trim()) await queueMail(q, lockNoticeMail({ id: Number(a.id), username: a.username, email: a.email }, { status, at, until }));
}
