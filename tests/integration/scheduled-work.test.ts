import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import { and, eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditLog, jobRuns, noticesSent, outbox } from '@/lib/db/schema';
import { runScheduledWork } from '@/lib/jobs/scheduled-work';
import { accountState, assignPolicy } from '../support/fixtures';
import { createTestDatabase } from '../support/test-db';

let t: Awaited<ReturnType<typeof createTestDatabase>>;
beforeAll(async () => {
  t = await createTestDatabase();
});
afterAll(async () => t?.drop());

const DAY = 86_400_000;
const REMIND = { passwordExpiresMonths: 3, notifyBeforeExpiryDays: 7, emailReminderFrequencyDays: 2, notifyBy: 'email' as const };

/** The password expires `days` from now (changed three months before that). */
async function expiresIn(username: string, days: number) {
  const { id } = await accountState(t.db, username);
  const changed = new Date(Date.now() + days * DAY);
  changed.setUTCMonth(changed.getUTCMonth() - 3);
  await t.db.execute(sql`update accounts set password_changed_at = ${changed.toISOString()} where id = ${id}`);
  return id;
}

async function inactiveFor(username: string, days: number) {
  await assignPolicy(t.db, username, 'sys.hcs.acme', { inactiveDaysBeforeDisabling: 30 });
  const { id } = await accountState(t.db, username);
  await t.db.execute(sql`update accounts set last_login_at = now() - make_interval(days => ${days}) where id = ${id}`);
  return id;
}

const count = async (table: typeof outbox | typeof noticesSent, accountId: number) =>
  (await t.db.select().from(table).where(eq(table.accountId, accountId))).length;
const disables = async (username: string) =>
  (
    await t.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, 'account.disable-inactive'), eq(auditLog.targetId, username)))
  ).length;

describe('scheduled work', () => {
  it('run twice: each reminder once per period, an inactive account disabled once, expired sessions pruned, each run logged', async () => {
    await assignPolicy(t.db, 'alice.contoso', 'sys.hcs.acme', REMIND);
    const alice = await expiresIn('alice.contoso', 3);
    const idle = await inactiveFor('useradmin.contoso', 60);
    await t.db.execute(sql`insert into sessions (id_hash, account_id, idle_timeout_minutes, absolute_timeout_minutes, ip, revoked_at)
      values ('old-session', ${alice}, 30, 0, '192.0.2.1', now() - interval '2 days')`);

    const first = await runScheduledWork(t.db, { instance: 'first' });
    const second = await runScheduledWork(t.db, { instance: 'second' });
    expect(first).toMatchObject({ outcome: 'done', reminders: 1, disabled: 1, sessionsPruned: 1 });
    expect(second).toMatchObject({ outcome: 'done', reminders: 0, disabled: 0, sessionsPruned: 0 });
    expect(await count(outbox, alice)).toBe(1);
    const [mail] = await t.db.select().from(outbox).where(eq(outbox.accountId, alice));
    const expires = new Date(Date.now() + 3 * DAY).toISOString().slice(0, 10);
    expect(mail).toMatchObject({
      toAddress: 'alice.contoso@example.test',
      subject: `Security Console: the password of alice.contoso expires on ${expires}`,
    });
    expect((await accountState(t.db, 'useradmin.contoso')).status).toBe('disabled');
    expect(await disables('useradmin.contoso')).toBe(1);
    expect(await count(outbox, idle)).toBe(0);
    expect((await t.db.select().from(jobRuns)).map((r) => r.outcome)).toEqual(['done', 'done']);

    // Two days on, the next reminder period has begun: one more e-mail, once.
    const later = new Date(Date.now() + 2 * DAY);
    expect(await runScheduledWork(t.db, { now: later })).toMatchObject({ reminders: 1 });
    expect(await runScheduledWork(t.db, { now: later })).toMatchObject({ reminders: 0 });
    expect(await count(noticesSent, alice)).toBe(2);
  });

  it.runIf(process.env.TEST_DATABASE_URL)(
    'two processes at once on PostgreSQL send each notice once and disable an inactive account once',
    async () => {
      await assignPolicy(t.db, 'manager.globex', 'sys.hcs', REMIND);
      const globex = await expiresIn('manager.globex', 5);
      await inactiveFor('unit.contoso', 45);
      const runs = (await t.db.select().from(jobRuns)).length;
      const root = path.resolve(import.meta.dirname, '../..');
      const once = () =>
        promisify(execFile)(
          process.execPath,
          [path.join(root, 'node_modules/tsx/dist/cli.mjs'), '--conditions=react-server', 'scripts/jobs-run.ts'],
          {
            cwd: root,
            env: { ...process.env, DATABASE_URL: t.url, SMTP_URL: '' },
          },
        ).catch((e: { code?: number; stdout?: string }) => e);
      await Promise.all([once(), once(), once()]);
      expect(await count(outbox, globex)).toBe(1);
      expect(await count(noticesSent, globex)).toBe(1);
      expect((await accountState(t.db, 'unit.contoso')).status).toBe('disabled');
      expect(await disables('unit.contoso')).toBe(1);
      const logged = (await t.db.select().from(jobRuns)).slice(runs);
      expect(logged).toHaveLength(3);
      expect(logged.filter((r) => r.outcome === 'done').length).toBeGreaterThanOrEqual(1);
    },
  );
});
