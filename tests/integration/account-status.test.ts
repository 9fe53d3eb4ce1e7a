import { desc, eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { performSignIn } from '@/lib/auth/commands';
import { accounts, auditLog, sessions } from '@/lib/db/schema';
import { DEMO_PASSWORD } from '@/lib/db/seed';
import { createSession } from '@/lib/sessions/commands';
import { saveAccount } from '@/lib/users/commands';
import { disableAccount, enableAccount, reactivateAccount } from '@/lib/users/status-commands';
import { runAs } from '../support/actors';
import { createTestDatabase } from '../support/test-db';

let t: Awaited<ReturnType<typeof createTestDatabase>>;
beforeAll(async () => {
  t = await createTestDatabase();
});
afterAll(async () => t?.drop());

const state = async (username: string) => (await t.db.select().from(accounts).where(sql`lower(${accounts.username}) = ${username}`))[0]!;
const signIn = (username: string) => performSignIn({ username, password: DEMO_PASSWORD, ip: '192.0.2.50', userAgent: 'vitest', channel: 'console' });

describe('disable and enable an account', () => {
  it('a Manager disables an account with a reason: it cannot sign in, its sessions end, the reason is kept and audited', async () => {
    const alice = await state('alice.contoso');
    await createSession(t.db, {
      accountId: alice.id,
      stage: 'active',
      idleMinutes: 20,
      absoluteMinutes: 0,
      ip: '127.0.0.1',
      userAgent: 't',
      limit: 0,
    });
    expect((await runAs(t.db, 'manager.contoso', disableAccount, { username: 'alice.contoso', reason: '' })).ok).toBe(false);
    expect(await runAs(t.db, 'manager.contoso', disableAccount, { username: 'alice.contoso', reason: 'Left the company' })).toEqual({
      ok: true,
      data: { status: 'disabled' },
    });
    expect(await state('alice.contoso')).toMatchObject({ status: 'disabled', statusReason: 'Left the company', disabledByAdministrator: true });
    const live = await t.db.select().from(sessions).where(sql`${sessions.accountId} = ${alice.id} and ${sessions.revokedAt} is null`);
    expect(live).toHaveLength(0);
    const r = await signIn('alice.contoso');
    expect(r.ok).toBe(false);
    expect(JSON.stringify(r)).not.toContain('Left the company');
    const [entry] = await t.db.select().from(auditLog).where(eq(auditLog.action, 'account.disable')).orderBy(desc(auditLog.id)).limit(1);
    expect(entry).toMatchObject({ actorUsername: 'manager.contoso', after: { status: 'disabled', statusReason: 'Left the company' } });
  });

  it('a disable by hand is not undone by Re-activate (a Unit Manager’s), only by Enable account', async () => {
    expect((await runAs(t.db, 'unit.contoso', reactivateAccount, { username: 'alice.contoso' })).ok).toBe(false);
    expect((await runAs(t.db, 'unit.contoso', enableAccount, { username: 'alice.contoso' })).ok).toBe(false);
    expect((await runAs(t.db, 'manager.contoso', enableAccount, { username: 'alice.contoso' })).ok).toBe(true);
    expect(await state('alice.contoso')).toMatchObject({ status: 'active', statusReason: null, disabledByAdministrator: false });
    expect((await signIn('alice.contoso')).ok).toBe(true);
  });

  it('a Manager cannot disable an account that outranks or equals theirs (crafted requests); nobody disables themselves', async () => {
    const r = await runAs(t.db, 'manager.contoso', disableAccount, { username: 'manager.acme', reason: 'x' });
    expect(r.ok).toBe(false);
    const pc = await runAs(t.db, 'manager.acme', disableAccount, { username: 'manager.acme', reason: 'x' });
    expect(pc).toEqual({ ok: false, formError: 'You cannot disable your own account.' });
    await t.db.insert(accounts).values({ username: 'peer.contoso', nodeId: (await state('manager.contoso')).nodeId, role: 'manager' });
    expect((await runAs(t.db, 'peer.contoso', disableAccount, { username: 'manager.contoso', reason: 'coup' })).ok).toBe(false);
    expect((await runAs(t.db, 'useradmin.contoso', disableAccount, { username: 'alice.contoso', reason: 'x' })).ok).toBe(false);
    expect((await state('manager.contoso')).status).toBe('active');
    expect((await runAs(t.db, 'manager.acme', disableAccount, { username: 'manager.contoso', reason: 'Audit' })).ok).toBe(true);
    expect((await runAs(t.db, 'manager.acme', enableAccount, { username: 'manager.contoso' })).ok).toBe(true);
  });

  it('role changes stay within the rank rules', async () => {
    const edit = (who: string, username: string, role: string) =>
      runAs(t.db, who, saveAccount, {
        mode: 'edit',
        username,
        firstName: '',
        lastName: '',
        email: '',
        role,
        node: 'sys.hcs.acme.north.contoso',
        authSource: 'local',
      });
    expect((await edit('useradmin.contoso', 'alice.contoso', 'manager')).ok).toBe(false);
    expect((await edit('useradmin.contoso', 'alice.contoso', 'unit_manager')).ok).toBe(true);
    expect((await edit('manager.contoso', 'alice.contoso', 'user')).ok).toBe(true);
    expect((await edit('manager.contoso', 'peer.contoso', 'user')).ok).toBe(false);
  });
});
