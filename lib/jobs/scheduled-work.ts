import 'server-only';
import { hostname } from 'node:os';
import { sql } from 'drizzle-orm';
import { writeAudit } from '@/lib/audit/log';
import { type Queryable, rowsOf } from '@/lib/db';
import type { Db } from '@/lib/db/connect';
import { jobRuns } from '@/lib/db/schema';
import { deliverOutbox } from '@/lib/mail/deliver';
import { queueMail } from '@/lib/mail/outbox';
import { expiryReminderMail } from '@/lib/notices/mail';
import { type GovernedRow, governedAccounts } from '@/lib/notices/queries';
import { expiryNotice, isInactive, wantsEmail } from '@/lib/notices/rules';

/*
 * The scheduled work (SPEC §7): expiry reminders, disabling inactive accounts, pruning sessions. One
 * runner at a time across instances: the run holds a transaction-scoped advisory lock, and a second
 * runner that cannot take it records a skipped run and leaves. Each step is idempotent on its own as
 * well (a reminder is sent only when its notices_sent row is new; a disable only moves an active
 * account), so a run repeated, or one racing a sign-in, does nothing twice.
 */

// Any fixed 64-bit number shared by every instance; the value means nothing.
const LOCK_KEY = 7_104_202_611;
const SYSTEM = { actorAccountId: null, actorUsername: 'system', ip: 'scheduled-work' } as const;
// Revoked or timed-out session rows are kept a day (for "your session ended" answers), then deleted.
const KEEP_ENDED_SESSIONS = sql`interval '1 day'`;

export interface RunSummary {
  outcome: 'done' | 'skipped';
  reminders: number;
  disabled: number;
  sessionsPruned: number;
  mailSent: number;
}

async function sendReminders(tx: Queryable, rows: GovernedRow[], now: Date): Promise<number> {
  let sent = 0;
  for (const a of rows) {
    if (!wantsEmail(a) || !a.email.trim()) continue;
    const n = expiryNotice(a, a, now);
    if (!n) continue;
    const fresh = await tx.execute(sql`
      insert into notices_sent (account_id, kind, period) values (${a.id}, 'expiry-reminder', ${n.period})
      on conflict do nothing returning account_id`);
    if (rowsOf(fresh).length === 0) continue;
    await queueMail(tx, expiryReminderMail(a, n));
    sent++;
  }
  return sent;
}

async function disableInactive(tx: Queryable, rows: GovernedRow[], now: Date): Promise<number> {
  let disabled = 0;
  for (const a of rows) {
    if (!isInactive(a, a.inactiveDaysBeforeDisabling, now)) continue;
    const moved = await tx.execute(sql`
      update accounts set status = 'disabled', status_reason = 'Inactive too long', updated_at = now(), version = version + 1
      where id = ${a.id} and status = 'active' returning id`);
    if (rowsOf(moved).length === 0) continue;
    await writeAudit(tx, {
      ...SYSTEM,
      action: 'account.disable-inactive',
      nodePath: a.nodePath,
      targetType: 'account',
      targetId: a.username,
      before: { status: 'active' },
      after: { status: 'disabled', statusReason: 'Inactive too long', inactiveDays: a.inactiveDaysBeforeDisabling },
    });
    disabled++;
  }
  return disabled;
}

async function pruneSessions(tx: Queryable): Promise<number> {
  const res = await tx.execute(sql`
    delete from sessions
    where (revoked_at is not null and revoked_at < now() - ${KEEP_ENDED_SESSIONS})
       or last_seen_at + make_interval(mins => idle_timeout_minutes) < now() - ${KEEP_ENDED_SESSIONS}
       or (absolute_timeout_minutes > 0 and created_at + make_interval(mins => absolute_timeout_minutes) < now() - ${KEEP_ENDED_SESSIONS})
    returning id_hash`);
  return rowsOf(res).length;
}

/** One run of the scheduled work; `now` is for tests that move the clock. */
export async function runScheduledWork(db: Db, opts: { instance?: string; now?: Date; smtpUrl?: string } = {}): Promise<RunSummary> {
  const now = opts.now ?? new Date();
  const instance = opts.instance ?? `${hostname()}:${process.pid}`;
  const summary = await db.transaction(async (tx): Promise<RunSummary> => {
    const [lock] = rowsOf<{ ok: boolean }>(await tx.execute(sql`select pg_try_advisory_xact_lock(${LOCK_KEY}) as ok`));
    if (!lock?.ok) {
      await tx.insert(jobRuns).values({ instance, outcome: 'skipped', finishedAt: new Date(), detail: { reason: 'another instance is running' } });
      return { outcome: 'skipped', reminders: 0, disabled: 0, sessionsPruned: 0, mailSent: 0 };
    }
    const rows = await governedAccounts(tx);
    const reminders = await sendReminders(tx, rows, now);
    const disabled = await disableInactive(tx, rows, now);
    const sessionsPruned = await pruneSessions(tx);
    const result = { outcome: 'done' as const, reminders, disabled, sessionsPruned, mailSent: 0 };
    await tx.insert(jobRuns).values({ instance, outcome: 'done', finishedAt: new Date(), detail: result });
    return result;
  });
  // After the commit: mail queued by this run (or by requests since the last one) goes out.
  if (summary.outcome === 'done') summary.mailSent = (await deliverOutbox(db, { smtpUrl: opts.smtpUrl })).sent;
  console.log(`scheduled work (${instance}): ${JSON.stringify(summary)}`);
  return summary;
}
