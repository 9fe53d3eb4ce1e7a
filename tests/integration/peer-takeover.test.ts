import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { accounts, nodes } from '@/lib/db/schema';
import { assignPolicyDef } from '@/lib/policy/commands';
import { saveAccount } from '@/lib/users/commands';
import { endSessions, resetPassword, setSessionOverride } from '@/lib/users/security-commands';
import { reactivateAccount, unlockAccount } from '@/lib/users/status-commands';
import { runAs } from '../support/actors';
import { createTestDatabase } from '../support/test-db';

/*
 * Crafted requests (FormData straight into the action, as a direct POST) by an administrator against a
 * peer: someone of the same rank, or someone holding a permission the actor lacks. None may yield a
 * credential or power over the peer's account; unlocking and ending sessions stay allowed.
 */

let t: Awaited<ReturnType<typeof createTestDatabase>>;
const CONTOSO = 'sys.hcs.acme.north.contoso';
const state = async (username: string) => (await t.db.select().from(accounts).where(sql`lower(${accounts.username}) = ${username}`))[0]!;

beforeAll(async () => {
  t = await createTestDatabase();
  const [node] = await t.db.select({ id: nodes.id }).from(nodes).where(eq(nodes.path, CONTOSO));
  await t.db.insert(accounts).values([
    { username: 'peer.contoso', nodeId: node!.id, role: 'manager', passwordHash: 'x' },
    { username: 'peeradmin.contoso', nodeId: node!.id, role: 'user_admin', passwordHash: 'x' },
  ]);
});
afterAll(async () => t?.drop());

const refused = (r: { ok: boolean }) => expect(r.ok).toBe(false);

describe('no takeover of a peer', () => {
  it('a Manager cannot reset the password of another Manager of the same node, nor of the Primary Contact', async () => {
    const before = await state('manager.contoso');
    const r = await runAs(t.db, 'peer.contoso', resetPassword, { username: 'manager.contoso' });
    refused(r);
    if (!r.ok) expect(r.formError).toMatch(/Primary Contact|ranks above/);
    expect((await state('manager.contoso')).passwordHash).toBe(before.passwordHash);
    refused(await runAs(t.db, 'manager.contoso', resetPassword, { username: 'peer.contoso' }));
    expect((await state('peer.contoso')).passwordHash).toBe('x');
  });

  it('a Manager of a node above may reset a Manager below', async () => {
    const r = await runAs(t.db, 'manager.acme', resetPassword, { username: 'peer.contoso' });
    expect(r.ok).toBe(true);
    if (r.ok) expect((r.data.temporaryPassword ?? '').length).toBeGreaterThanOrEqual(16);
  });

  it('a Unit Manager cannot reset a User Administrator (it lacks the right to create accounts); equal ranks refuse each other', async () => {
    const r = await runAs(t.db, 'unit.contoso', resetPassword, { username: 'useradmin.contoso' });
    refused(r);
    if (!r.ok) expect(r.formError).toContain('User Administrator');
    refused(await runAs(t.db, 'useradmin.contoso', resetPassword, { username: 'unit.contoso' }));
    refused(await runAs(t.db, 'useradmin.contoso', resetPassword, { username: 'peeradmin.contoso' }));
    expect((await state('peeradmin.contoso')).passwordHash).toBe('x');
    expect((await runAs(t.db, 'useradmin.contoso', resetPassword, { username: 'alice.contoso' })).ok).toBe(true);
  });

  it('a Manager cannot change a peer Manager’s role, node, auth source or API-only flag', async () => {
    const edit = (over: Record<string, string | boolean>) =>
      runAs(t.db, 'manager.contoso', saveAccount, {
        mode: 'edit',
        username: 'peer.contoso',
        firstName: '',
        lastName: '',
        email: '',
        role: 'manager',
        node: CONTOSO,
        authSource: 'local',
        ...over,
      });
    refused(await edit({ role: 'user' }));
    refused(await edit({ node: `${CONTOSO}`, authSource: 'sso' }));
    refused(await edit({ apiOnly: true }));
    expect(await state('peer.contoso')).toMatchObject({ role: 'manager', authSource: 'local', apiOnly: false });
    // Names stay editable by a peer: they yield no credential.
    expect((await edit({ firstName: 'Pat' })).ok).toBe(true);
  });

  it('a Manager cannot set a session override or assign a policy to a peer Manager', async () => {
    refused(await runAs(t.db, 'manager.contoso', setSessionOverride, { username: 'peer.contoso', sessionTimeoutMinutes: 240 }));
    expect((await state('peer.contoso')).sessionTimeoutMinutes).toBeNull();
    refused(await runAs(t.db, 'manager.contoso', assignPolicyDef, { username: 'peer.contoso', policyId: '' }));
    expect((await runAs(t.db, 'manager.acme', setSessionOverride, { username: 'peer.contoso', sessionTimeoutMinutes: 60 })).ok).toBe(true);
  });

  it('unlocking, re-activating and ending sessions stay as SPEC §1 says: a Unit Manager unlocks a Manager of their node', async () => {
    await t.db.update(accounts).set({ status: 'locked', statusReason: 'test', failedCount: 20 }).where(eq(accounts.username, 'peer.contoso'));
    expect((await runAs(t.db, 'unit.contoso', unlockAccount, { username: 'peer.contoso' })).ok).toBe(true);
    await t.db.update(accounts).set({ status: 'disabled', statusReason: 'inactive' }).where(eq(accounts.username, 'peer.contoso'));
    expect((await runAs(t.db, 'manager.contoso', reactivateAccount, { username: 'peer.contoso' })).ok).toBe(true);
    expect((await runAs(t.db, 'manager.contoso', endSessions, { username: 'peer.contoso' })).ok).toBe(true);
    expect((await runAs(t.db, 'unit.contoso', endSessions, { username: 'useradmin.contoso' })).ok).toBe(true);
    // User Administrators still do not unlock Managers.
    await t.db.update(accounts).set({ status: 'locked', statusReason: 'test' }).where(eq(accounts.username, 'peer.contoso'));
    refused(await runAs(t.db, 'useradmin.contoso', unlockAccount, { username: 'peer.contoso' }));
  });
});
