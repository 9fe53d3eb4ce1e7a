import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runAction } from '@/lib/actions/run';
import { performSignIn } from '@/lib/auth/commands';
import { changeOwnPasswordDef } from '@/lib/auth/stage-commands';
import { DEMO_PASSWORD } from '@/lib/db/seed';
import { csvStream } from '@/lib/logs/csv';
import type { LogFilter } from '@/lib/logs/forms';
import { auditLogPage, type SignInRow, signInLogPage } from '@/lib/logs/queries';
import { logRoot } from '@/lib/logs/scope';
import { resetPassword } from '@/lib/users/security-commands';
import { runAs } from '../support/actors';
import { accountState } from '../support/fixtures';
import { createTestDatabase } from '../support/test-db';

let t: Awaited<ReturnType<typeof createTestDatabase>>;
beforeAll(async () => {
  t = await createTestDatabase();
  const attempt = (username: string, password: string) =>
    performSignIn({ username, password, ip: '198.51.100.20', userAgent: 'vitest', channel: 'console' });
  await attempt('alice.contoso', 'wrong-1');
  await attempt('alice.contoso', 'wrong-2');
  await attempt('alice.contoso', DEMO_PASSWORD);
  await attempt('unit.contoso', DEMO_PASSWORD);
  await attempt('manager.globex', 'wrong-3');
  await attempt('manager.globex', DEMO_PASSWORD);
  await attempt('nobody.at.all', 'x');
  await runAs(t.db, 'unit.contoso', resetPassword, { username: 'alice.contoso' });
  await runAs(t.db, 'manager.globex', resetPassword, { username: 'manager.globex' }); // refused: not audited
});
afterAll(async () => t?.drop());

const CONTOSO = 'sys.hcs.acme.north.contoso';

async function csvOf(f: LogFilter, root: string): Promise<string[]> {
  const stream = csvStream<SignInRow>(
    ['account', 'outcome'],
    (r) => [r.username, r.outcome],
    (p) => signInLogPage(t.db, root, p, 2),
    f,
  );
  const text = await new Response(stream).text();
  return text.trim().split('\r\n');
}

describe('audit and sign-in logs', () => {
  it('a Manager of contoso sees only contoso’s subtree; globex sees none of it; nobody reads above their node', async () => {
    const contoso = await signInLogPage(t.db, CONTOSO, {});
    expect(contoso.rows.length).toBe(4);
    expect(contoso.rows.every((r) => r.nodePath === CONTOSO)).toBe(true);
    const globex = await signInLogPage(t.db, 'sys.hcs.globex', {});
    expect(globex.rows.map((r) => r.username)).toEqual(['manager.globex', 'manager.globex']);
    // The unknown name has no node: only a view of the whole system shows it.
    expect((await signInLogPage(t.db, 'sys', {})).rows.some((r) => r.username === 'nobody.at.all')).toBe(true);
    expect((await auditLogPage(t.db, CONTOSO, {})).rows.map((r) => [r.action, r.targetId])).toEqual([['account.password-reset', 'alice.contoso']]);
    expect((await auditLogPage(t.db, 'sys.hcs.globex', {})).rows).toEqual([]);
    expect(logRoot(CONTOSO, 'sys.hcs.globex')).toBeNull();
    expect(logRoot(CONTOSO, 'sys.hcs.acme')).toBeNull();
    expect(logRoot(CONTOSO, undefined)).toBe(CONTOSO);
  });

  it('filters by account, outcome and date; pages by keyset without gaps; the CSV holds exactly the filtered rows', async () => {
    const f: LogFilter = { account: 'ALICE.contoso', outcome: 'wrong-password' };
    const page = await signInLogPage(t.db, CONTOSO, f);
    expect(page.rows.map((r) => [r.username, r.outcome])).toEqual([
      ['alice.contoso', 'wrong-password'],
      ['alice.contoso', 'wrong-password'],
    ]);
    const csv = await csvOf(f, CONTOSO);
    expect(csv).toEqual(['"account","outcome"', ...page.rows.map((r) => `"${r.username}","${r.outcome}"`)]);
    // The CSV of contoso, paged two rows at a time underneath, is contoso's whole log.
    const all = await signInLogPage(t.db, CONTOSO, {});
    expect(await csvOf({}, CONTOSO)).toHaveLength(all.rows.length + 1);
    const first = await signInLogPage(t.db, CONTOSO, {}, 3);
    const second = await signInLogPage(t.db, CONTOSO, { before: first.next }, 3);
    expect([...first.rows, ...second.rows].map((r) => r.id)).toEqual(all.rows.map((r) => r.id));
    expect((await signInLogPage(t.db, CONTOSO, { from: '2000-01-01', to: '2000-01-02' })).rows).toEqual([]);
    const today = new Date().toISOString().slice(0, 10);
    expect((await signInLogPage(t.db, CONTOSO, { from: today, to: today })).rows).toHaveLength(all.rows.length);
  });

  it('a sign-in completed through a required password change is logged as a success', async () => {
    const { id } = await accountState(t.db, 'useradmin.contoso');
    await t.db.execute(sql`update accounts set must_change_password = true where id = ${id}`);
    const signIn = await performSignIn({
      username: 'useradmin.contoso',
      password: DEMO_PASSWORD,
      ip: '198.51.100.21',
      userAgent: 'vitest',
      channel: 'console',
    });
    expect(signIn).toMatchObject({ ok: true, stage: 'change_password' });
    const actor = {
      accountId: id,
      username: 'useradmin.contoso',
      role: 'user_admin' as const,
      nodePath: CONTOSO,
      stage: 'change_password' as const,
      apiOnly: false,
      isPrimaryContact: false,
      ip: '198.51.100.21',
      sessionId: signIn.sessionId,
    };
    const changed = await runAction(
      changeOwnPasswordDef,
      { db: t.db, actor: async () => actor },
      {
        currentPassword: DEMO_PASSWORD,
        newPassword: 'Quartz-Meadow-4417#',
        confirmNewPassword: 'Quartz-Meadow-4417#',
      },
    );
    expect(changed.ok).toBe(true);
    const mine = await signInLogPage(t.db, CONTOSO, { account: 'useradmin.contoso' });
    expect(mine.rows.map((r) => [r.outcome, r.step])).toEqual([
      ['success', 'change-password'],
      ['pending-change_password', 'session'],
    ]);
  });

  it.runIf(process.env.TEST_DATABASE_URL)('a page stays an index range scan at 300,000 sign-in rows', async () => {
    await t.db.execute(sql`
      insert into sign_in_log (created_at, username, node_path, ip, outcome, step)
      select now() - make_interval(secs => g), 'load.' || (g % 5000), case when g % 100 = 0 then ${CONTOSO} else 'sys.hcs.load.n' || (g % 50) end,
        '192.0.2.1', case when g % 7 = 0 then 'wrong-password' else 'success' end, 'session'
      from generate_series(1, 300000) g`);
    await t.db.execute(sql`analyze sign_in_log`);
    for (const [root, f] of [
      [CONTOSO, {}],
      ['sys.hcs', {}],
      ['sys.hcs', { outcome: 'wrong-password' as const }],
    ] as const) {
      const started = performance.now();
      const page = await signInLogPage(t.db, root, f);
      const ms = performance.now() - started;
      expect(page.rows).toHaveLength(50);
      expect(ms).toBeLessThan(250);
    }
  });
});
