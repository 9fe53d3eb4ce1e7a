import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { performSignIn } from '@/lib/auth/commands';
import { sessions } from '@/lib/db/schema';
import { DEMO_PASSWORD } from '@/lib/db/seed';
import { revokeSession } from '@/lib/sessions/commands';
import { checkSession } from '@/lib/sessions/queries';
import { hashSessionId } from '@/lib/sessions/token';
import { accountState, assignPolicy } from '../support/fixtures';
import { createTestDatabase } from '../support/test-db';

let t: Awaited<ReturnType<typeof createTestDatabase>>;
beforeAll(async () => {
  t = await createTestDatabase();
});
afterAll(async () => t?.drop());

async function signIn(username: string) {
  const r = await performSignIn({ username, password: DEMO_PASSWORD, ip: '192.0.2.10', userAgent: 'vitest', channel: 'console' });
  expect(r.ok).toBe(true);
  return r.sessionId!;
}

describe('database sessions', () => {
  it('stores only the hash of the opaque id and resolves the actor from it', async () => {
    const id = await signIn('manager.contoso');
    const rows = await t.db
      .select()
      .from(sessions)
      .where(eq(sessions.idHash, hashSessionId(id)));
    expect(rows).toHaveLength(1);
    expect(JSON.stringify(rows)).not.toContain(id);
    const live = await checkSession(t.db, id, { touch: true });
    expect(live).toMatchObject({
      username: 'manager.contoso',
      role: 'manager',
      nodePath: 'sys.hcs.acme.north.contoso',
      stage: 'active',
      idleTimeoutMinutes: 20,
    });
    expect(await checkSession(t.db, `${id}x`, { touch: true })).toBeNull();
  });

  it('refuses a revoked session', async () => {
    const id = await signIn('manager.contoso');
    await revokeSession(t.db, id, 'signed-out');
    expect(await checkSession(t.db, id, { touch: true })).toBeNull();
  });

  it('refuses a session idle past its timeout, and refreshes the idle clock when used', async () => {
    const id = await signIn('manager.contoso');
    const h = hashSessionId(id);
    await t.db.execute(sql`update sessions set last_seen_at = now() - interval '19 minutes' where id_hash = ${h}`);
    expect(await checkSession(t.db, id, { touch: true })).not.toBeNull();
    const [row] = await t.db.select({ lastSeenAt: sessions.lastSeenAt }).from(sessions).where(eq(sessions.idHash, h));
    expect(Date.now() - row!.lastSeenAt.getTime()).toBeLessThan(60_000);
    await t.db.execute(sql`update sessions set last_seen_at = now() - interval '21 minutes' where id_hash = ${h}`);
    expect(await checkSession(t.db, id, { touch: true })).toBeNull();
  });

  it('refuses a session past its absolute timeout even when active', async () => {
    const id = await signIn('manager.contoso');
    await t.db.execute(sql`update sessions set created_at = now() - interval '1441 minutes' where id_hash = ${hashSessionId(id)}`);
    expect(await checkSession(t.db, id, { touch: true })).toBeNull();
  });

  it('ends sessions at once when the account is locked', async () => {
    const id = await signIn('useradmin.contoso');
    const { id: accountId } = await accountState(t.db, 'useradmin.contoso');
    await t.db.execute(sql`update accounts set status = 'locked' where id = ${accountId}`);
    expect(await checkSession(t.db, id, { touch: false })).toBeNull();
    await t.db.execute(sql`update accounts set status = 'active' where id = ${accountId}`);
  });

  it('ends the oldest session over the Session Login Limit Per User', async () => {
    await assignPolicy(t.db, 'alice.contoso', 'sys.hcs.acme', { sessionLoginLimitPerUser: 2 });
    const first = await signIn('alice.contoso');
    const second = await signIn('alice.contoso');
    const third = await signIn('alice.contoso');
    expect(await checkSession(t.db, first, { touch: false })).toBeNull();
    expect(await checkSession(t.db, second, { touch: false })).not.toBeNull();
    expect(await checkSession(t.db, third, { touch: false })).not.toBeNull();
  });

  it('refuses API-only accounts in the console after the password check', async () => {
    const r = await performSignIn({ username: 'api.contoso', password: DEMO_PASSWORD, ip: '192.0.2.10', userAgent: 'vitest', channel: 'console' });
    expect(r).toMatchObject({ ok: false, code: 'api-only' });
  });
});
