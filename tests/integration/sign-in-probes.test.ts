import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { performSignIn } from '@/lib/auth/commands';
import { OUTSIDE_ALLOWLIST_BUDGET } from '@/lib/auth/lockout';
import { nodeSettings, nodes, sessions } from '@/lib/db/schema';
import { DEMO_PASSWORD } from '@/lib/db/seed';
import { checkSession } from '@/lib/sessions/queries';
import { hashSessionId } from '@/lib/sessions/token';
import { accountState, assignPolicy } from '../support/fixtures';
import { createTestDatabase } from '../support/test-db';

let t: Awaited<ReturnType<typeof createTestDatabase>>;
beforeAll(async () => {
  t = await createTestDatabase();
});
afterAll(async () => t?.drop());

const attempt = (username: string, password: string, ip: string) =>
  performSignIn({ username, password, ip, userAgent: 'vitest', channel: 'console' });

async function nodeId(path: string) {
  const [n] = await t.db.select({ id: nodes.id }).from(nodes).where(eq(nodes.path, path));
  return n!.id;
}

describe(`sign-in probes (${process.env.TEST_DATABASE_URL ? 'PostgreSQL' : 'PGlite'})`, () => {
  it('outside the allowlist, right and wrong passwords answer alike once the small per-account budget is spent', async () => {
    await t.db.insert(nodeSettings).values({
      nodeId: await nodeId('sys.hcs.globex'),
      group: 'ipAllowlist',
      value: { enabled: true, entries: ['192.0.2.0/24'] },
    });
    await assignPolicy(t.db, 'manager.globex', 'sys.hcs.globex', { failedLoginCountPerUser: 5, disableFailedLoginLimitingPerSource: true });
    // Within the budget the owner learns why: the address is not allowed.
    expect(await attempt('manager.globex', DEMO_PASSWORD, '203.0.113.5')).toMatchObject({ ok: false, code: 'ip-denied' });
    for (let i = 0; i < OUTSIDE_ALLOWLIST_BUDGET; i++) {
      expect(await attempt('manager.globex', `guess-${i}`, `203.0.113.${10 + i}`)).toMatchObject({ ok: false, code: 'invalid' });
    }
    // Spent: the right password from outside gets the generic answer, from any outside address.
    expect(await attempt('manager.globex', DEMO_PASSWORD, '203.0.113.99')).toMatchObject({ ok: false, code: 'invalid' });
    // The guesses were counted against the account, which stays usable from its allowed network.
    const state = await accountState(t.db, 'manager.globex');
    expect(state.status).toBe('active');
    expect(await attempt('manager.globex', DEMO_PASSWORD, '192.0.2.7')).toMatchObject({ ok: true });
  });

  it('directory accounts get the generic failure and their probes are throttled per source', async () => {
    await t.db.execute(sql`update accounts set auth_source = 'ldap', password_hash = null where lower(username) = 'unit.contoso'`);
    await t.db.execute(sql`update accounts set auth_source = 'sso', password_hash = null where lower(username) = 'useradmin.contoso'`);
    const ldap = await attempt('unit.contoso', 'anything-1', '198.51.100.60');
    const sso = await attempt('useradmin.contoso', 'anything-1', '198.51.100.60');
    const unknown = await attempt('nobody.contoso', 'anything-1', '198.51.100.60');
    expect(ldap).toMatchObject({ ok: false, code: 'invalid' });
    expect(sso).toMatchObject({ ok: false, code: 'invalid' });
    expect(unknown).toMatchObject({ ok: false, code: 'invalid' });
    // HcsCredentialPolicy: 10 per source; sso probes take slots like any other.
    const ip = '198.51.100.61';
    const results = await Promise.all(Array.from({ length: 12 }, () => attempt('useradmin.contoso', 'x', ip)));
    expect(results.filter((r) => !r.ok && r.code === 'throttled')).toHaveLength(2);
  });

  it('locking an account ends its sessions: they stay ended after the unlock', async () => {
    await assignPolicy(t.db, 'alice.contoso', 'sys.hcs.acme', { failedLoginCountPerUser: 2, disableFailedLoginLimitingPerSource: true });
    const live = await attempt('alice.contoso', DEMO_PASSWORD, '198.51.100.70');
    expect(live.ok).toBe(true);
    await attempt('alice.contoso', 'wrong-1', '198.51.100.71');
    await attempt('alice.contoso', 'wrong-2', '198.51.100.71');
    expect((await accountState(t.db, 'alice.contoso')).status).toBe('locked');
    const [row] = await t.db
      .select()
      .from(sessions)
      .where(eq(sessions.idHash, hashSessionId(live.sessionId!)));
    expect(row).toMatchObject({ revokedReason: 'locked' });
    expect(row!.revokedAt).not.toBeNull();
    await t.db.execute(sql`update accounts set status = 'active', locked_until = null, failed_count = 0 where lower(username) = 'alice.contoso'`);
    expect(await checkSession(t.db, live.sessionId!, { touch: false })).toBeNull();
  });

  it('disabling an account (inactivity) ends its sessions', async () => {
    await assignPolicy(t.db, 'manager.contoso', 'sys.hcs.acme', { inactiveDaysBeforeDisabling: 30, disableFailedLoginLimitingPerSource: true });
    const live = await attempt('manager.contoso', DEMO_PASSWORD, '198.51.100.72');
    expect(live.ok).toBe(true);
    await t.db.execute(sql`update accounts set last_login_at = now() - interval '60 days' where lower(username) = 'manager.contoso'`);
    expect(await attempt('manager.contoso', DEMO_PASSWORD, '198.51.100.72')).toMatchObject({ ok: false, code: 'inactive' });
    const [row] = await t.db
      .select()
      .from(sessions)
      .where(eq(sessions.idHash, hashSessionId(live.sessionId!)));
    expect(row).toMatchObject({ revokedReason: 'disabled' });
  });
});
