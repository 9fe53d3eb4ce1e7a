import { desc, eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyPassword } from '@/lib/auth/password-hash';
import { accounts, auditLog, nodes, passwordHistory, sessions } from '@/lib/db/schema';
import { createSession } from '@/lib/sessions/commands';
import { saveAccount } from '@/lib/users/commands';
import { searchAccounts } from '@/lib/users/queries';
import { endSessions, resetPassword, setSessionOverride } from '@/lib/users/security-commands';
import { reactivateAccount, unlockAccount } from '@/lib/users/status-commands';
import { runAs } from '../support/actors';
import { createTestDatabase } from '../support/test-db';

let t: Awaited<ReturnType<typeof createTestDatabase>>;
beforeAll(async () => {
  t = await createTestDatabase();
});
afterAll(async () => t?.drop());

const CONTOSO = 'sys.hcs.acme.north.contoso';
const state = async (username: string) => (await t.db.select().from(accounts).where(sql`lower(${accounts.username}) = ${username}`))[0]!;
const setStatus = (username: string, status: 'locked' | 'disabled' | 'active') =>
  t.db
    .update(accounts)
    .set({ status, statusReason: status === 'active' ? null : 'test', failedCount: status === 'locked' ? 20 : 0 })
    .where(eq(accounts.username, username));
const edit = (who: string, username: string, over: Record<string, string | boolean> = {}) =>
  runAs(t.db, who, saveAccount, {
    mode: 'edit',
    username,
    firstName: 'F',
    lastName: 'L',
    email: '',
    role: 'user',
    node: CONTOSO,
    authSource: 'local',
    ...over,
  });

describe('unlock and re-activate', () => {
  it('Unit Managers and User Administrators unlock Users; User Administrators do not unlock Managers', async () => {
    await setStatus('alice.contoso', 'locked');
    expect(await runAs(t.db, 'unit.contoso', unlockAccount, { username: 'alice.contoso' })).toEqual({ ok: true, data: { status: 'active' } });
    expect(await state('alice.contoso')).toMatchObject({ status: 'active', failedCount: 0 });
    const [entry] = await t.db.select().from(auditLog).where(eq(auditLog.action, 'account.unlock')).orderBy(desc(auditLog.id)).limit(1);
    expect(entry).toMatchObject({
      actorUsername: 'unit.contoso',
      targetId: 'alice.contoso',
      before: { status: 'locked', statusReason: 'test' },
      after: { status: 'active' },
    });

    await setStatus('manager.contoso', 'locked');
    const refused = await runAs(t.db, 'useradmin.contoso', unlockAccount, { username: 'manager.contoso' });
    expect(refused).toEqual({ ok: false, formError: 'User Administrators do not unlock Managers.' });
    expect((await state('manager.contoso')).status).toBe('locked');
    expect((await runAs(t.db, 'manager.acme', unlockAccount, { username: 'manager.contoso' })).ok).toBe(true);
  });

  it('nobody unlocks or re-activates themselves; Users and other tenants are refused', async () => {
    await setStatus('unit.contoso', 'disabled');
    // A disabled account has no live session, but a crafted request must still be refused by the rule.
    expect(await runAs(t.db, 'unit.contoso', reactivateAccount, { username: 'unit.contoso' })).toEqual({
      ok: false,
      formError: 'You cannot unlock or re-activate your own account.',
    });
    expect((await runAs(t.db, 'alice.contoso', reactivateAccount, { username: 'unit.contoso' })).ok).toBe(false);
    const other = await runAs(t.db, 'manager.globex', reactivateAccount, { username: 'unit.contoso' });
    expect(other.ok).toBe(false);
    if (!other.ok) expect(other.formError).toContain('only on');
    expect((await runAs(t.db, 'manager.contoso', reactivateAccount, { username: 'unit.contoso' })).ok).toBe(true);
  });
});

describe('reset password and end sessions', () => {
  it('resets to a one-time temporary password that must be changed, ends sessions, never audits the password', async () => {
    const a = await state('alice.contoso');
    await createSession(t.db, { accountId: a.id, stage: 'active', idleMinutes: 20, absoluteMinutes: 0, ip: '127.0.0.1', userAgent: 't', limit: 0 });
    const r = await runAs(t.db, 'unit.contoso', resetPassword, { username: 'alice.contoso' });
    expect(r.ok).toBe(true);
    const temp = (r.ok ? r.data.temporaryPassword : null) ?? '';
    expect(temp.length).toBeGreaterThanOrEqual(16);
    const after = await state('alice.contoso');
    expect(after.mustChangePassword).toBe(true);
    expect(await verifyPassword(after.passwordHash, temp)).toBe(true);
    expect((await t.db.select().from(passwordHistory).where(eq(passwordHistory.accountId, a.id))).length).toBeGreaterThanOrEqual(2);
    const live = await t.db.select().from(sessions).where(sql`${sessions.accountId} = ${a.id} and ${sessions.revokedAt} is null`);
    expect(live).toHaveLength(0);
    const audits = await t.db.select({ after: auditLog.after }).from(auditLog).where(eq(auditLog.action, 'account.password-reset'));
    expect(JSON.stringify(audits)).not.toContain(temp);
  });

  it('a Unit Manager cannot reset a Manager’s password; nobody resets their own here', async () => {
    expect((await runAs(t.db, 'unit.contoso', resetPassword, { username: 'manager.contoso' })).ok).toBe(false);
    expect((await runAs(t.db, 'manager.contoso', resetPassword, { username: 'manager.contoso' })).ok).toBe(false);
    expect((await runAs(t.db, 'alice.contoso', endSessions, { username: 'useradmin.contoso' })).ok).toBe(false);
    expect(await runAs(t.db, 'unit.contoso', endSessions, { username: 'alice.contoso' })).toMatchObject({ ok: true });
  });

  it('session timeout override: 10–240, managers only', async () => {
    expect(await runAs(t.db, 'manager.contoso', setSessionOverride, { username: 'alice.contoso', sessionTimeoutMinutes: 5 })).toMatchObject({
      ok: false,
      fieldErrors: { sessionTimeoutMinutes: ['At least 10 minutes'] },
    });
    expect((await runAs(t.db, 'useradmin.contoso', setSessionOverride, { username: 'alice.contoso', sessionTimeoutMinutes: 30 })).ok).toBe(false);
    expect((await runAs(t.db, 'manager.contoso', setSessionOverride, { username: 'alice.contoso', sessionTimeoutMinutes: 30 })).ok).toBe(true);
    expect((await state('alice.contoso')).sessionTimeoutMinutes).toBe(30);
    expect((await runAs(t.db, 'manager.contoso', setSessionOverride, { username: 'alice.contoso', sessionTimeoutMinutes: '' })).ok).toBe(true);
    expect((await state('alice.contoso')).sessionTimeoutMinutes).toBeNull();
  });
});

describe('create and edit', () => {
  it('User Administrators create users with a temporary password, but not Managers', async () => {
    const create = (who: string, username: string, role: string, node = CONTOSO) =>
      runAs(t.db, who, saveAccount, {
        mode: 'create',
        username,
        firstName: 'New',
        lastName: 'Person',
        email: 'new@example.test',
        role,
        node,
        authSource: 'local',
      });
    const ok = await create('useradmin.contoso', 'new.contoso', 'user');
    expect(ok.ok).toBe(true);
    expect(await state('new.contoso')).toMatchObject({ role: 'user', mustChangePassword: false, email: 'new@example.test' });
    expect((await create('useradmin.contoso', 'boss.contoso', 'manager')).ok).toBe(false);
    expect((await create('manager.contoso', 'op.contoso', 'system_operator')).ok).toBe(false);
    expect(await create('useradmin.contoso', 'NEW.contoso', 'user')).toMatchObject({
      ok: false,
      fieldErrors: { username: ['That username is taken'] },
    });
    expect((await create('useradmin.contoso', 'far.away', 'user', 'sys.hcs.globex')).ok).toBe(false);
    expect((await create('unit.contoso', 'unit.made', 'user')).ok).toBe(false);
  });

  it('nobody changes their own role; User Administrators cannot edit Managers or move accounts out of scope', async () => {
    const self = await edit('manager.contoso', 'manager.contoso', { role: 'user' });
    expect(self).toMatchObject({ ok: false, formError: 'You cannot change your own role.' });
    expect((await state('manager.contoso')).role).toBe('manager');
    expect((await edit('useradmin.contoso', 'manager.contoso', { role: 'manager' })).ok).toBe(false);
    expect((await edit('useradmin.contoso', 'new.contoso', { node: 'sys.hcs.globex' })).ok).toBe(false);
    expect((await edit('useradmin.contoso', 'new.contoso', { role: 'manager' })).ok).toBe(false);
    const ok = await edit('useradmin.contoso', 'new.contoso', { firstName: 'Renamed', role: 'user_admin' });
    expect(ok.ok).toBe(true);
    expect(await state('new.contoso')).toMatchObject({ firstName: 'Renamed', role: 'user_admin' });
    const [entry] = await t.db.select().from(auditLog).where(eq(auditLog.action, 'account.update')).orderBy(desc(auditLog.id)).limit(1);
    expect(entry).toMatchObject({ before: { firstName: 'New', role: 'user' }, after: { firstName: 'Renamed', role: 'user_admin' } });
  });
});

describe('Never Expire follows the account', () => {
  it('is cleared when the account stops being API-only', async () => {
    await t.db.update(accounts).set({ passwordNeverExpires: true }).where(eq(accounts.username, 'api.contoso'));
    const r = await edit('manager.contoso', 'api.contoso', { firstName: 'Api', apiOnly: true });
    expect(r.ok).toBe(true);
    expect((await state('api.contoso')).passwordNeverExpires).toBe(true);
    expect((await edit('manager.contoso', 'api.contoso', { firstName: 'Api' })).ok).toBe(true);
    expect(await state('api.contoso')).toMatchObject({ apiOnly: false, passwordNeverExpires: false });
  });
});

describe('the users list', () => {
  it('searches, filters and pages within the subtree only', async () => {
    const all = await searchAccounts(t.db, { subtreeRoot: 'sys.hcs.acme' });
    expect(all.rows.every((r) => r.nodePath.startsWith('sys.hcs.acme'))).toBe(true);
    expect(all.rows.map((r) => r.username)).not.toContain('manager.globex');
    expect((await searchAccounts(t.db, { subtreeRoot: CONTOSO, search: 'ALICE' })).rows.map((r) => r.username)).toEqual(['alice.contoso']);
    expect((await searchAccounts(t.db, { subtreeRoot: CONTOSO, role: 'unit_manager' })).rows.map((r) => r.username)).toEqual(['unit.contoso']);
    expect((await searchAccounts(t.db, { subtreeRoot: CONTOSO, search: '%' })).total).toBe(0);
    const [contoso] = await t.db.select({ id: nodes.id }).from(nodes).where(eq(nodes.path, CONTOSO));
    await t.db
      .insert(accounts)
      .values(Array.from({ length: 30 }, (_, i) => ({ username: `bulk${i}.contoso`, nodeId: contoso!.id, status: 'disabled' as const })));
    const p1 = await searchAccounts(t.db, { subtreeRoot: CONTOSO, status: 'disabled' });
    const p2 = await searchAccounts(t.db, { subtreeRoot: CONTOSO, status: 'disabled', after: p1.next ?? '' });
    expect([p1.total, p1.rows.length, p2.rows.length, p2.next]).toEqual([30, 25, 5, null]);
    const back = await searchAccounts(t.db, { subtreeRoot: CONTOSO, status: 'disabled', before: p2.previous ?? '' });
    expect(back.rows).toEqual(p1.rows);
    expect(new Set([...p1.rows, ...p2.rows].map((r) => r.username)).size).toBe(30);
  });
});
