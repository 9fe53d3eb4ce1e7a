import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { performSignIn } from '@/lib/auth/commands';
import { rowsOf } from '@/lib/db';
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

  it('over the limit, the sign-in log row says how many older sessions ended', async () => {
    await assignPolicy(t.db, 'unit.contoso', 'sys.hcs.acme', { sessionLoginLimitPerUser: 1 });
    await signIn('unit.contoso');
    await signIn('unit.contoso');
    expect(await lastLogRow('unit.contoso')).toMatchObject({ outcome: 'success', detail: '1 older session(s) ended by the session limit' });
  });
});

/** Earlier failures of the account and of the source, as an attacker or a forgetful owner leaves them. */
async function leaveFailures(username: string, ip: string, n: number) {
  await t.db.execute(sql`update accounts set failed_count = ${n}, failed_last_at = now() where lower(username) = ${username}`);
  await t.db.execute(sql`insert into source_counters (ip, failed_count, failed_last_at) values (${ip}, ${n}, now())
    on conflict (ip) do update set failed_count = ${n}, failed_last_at = now()`);
}

async function counters(username: string, ip: string) {
  const [row] = rowsOf<{ account: number; source: number; last_login_at: Date | null }>(
    await t.db.execute(sql`select a.failed_count as account, a.last_login_at, (select failed_count from source_counters where ip = ${ip}) as source
      from accounts a where lower(a.username) = ${username}`),
  );
  return { account: Number(row!.account), source: Number(row!.source), lastLoginAt: row!.last_login_at };
}

async function lastLogRow(username: string) {
  const [row] = rowsOf<{ outcome: string; step: string; detail: string | null }>(
    await t.db.execute(sql`select outcome, step, detail from sign_in_log where username = ${username} order by id desc limit 1`),
  );
  return row;
}

describe('what a right password gives back, written with the session', () => {
  const consoleSignIn = (username: string, ip: string) =>
    performSignIn({ username, password: DEMO_PASSWORD, ip, userAgent: 'vitest', channel: 'console' });

  it('a completed sign-in forgives the account’s failures and returns only its own slot at the source', async () => {
    await leaveFailures('manager.contoso', '192.0.2.41', 3);
    const r = await consoleSignIn('manager.contoso', '192.0.2.41');
    expect(r).toMatchObject({ ok: true, stage: 'active' });
    const c = await counters('manager.contoso', '192.0.2.41');
    expect(c).toMatchObject({ account: 0, source: 3 });
    expect(Date.now() - new Date(c.lastLoginAt!).getTime()).toBeLessThan(60_000);
    expect(await lastLogRow('manager.contoso')).toMatchObject({ outcome: 'success', step: 'session' });
    expect(await checkSession(t.db, r.sessionId!, { touch: false })).not.toBeNull();
  });

  it('a sign-in that stops at a required change keeps the earlier failures and returns its own slots', async () => {
    await t.db.execute(sql`update accounts set must_change_password = true where lower(username) = 'useradmin.contoso'`);
    await leaveFailures('useradmin.contoso', '192.0.2.42', 2);
    const r = await consoleSignIn('useradmin.contoso', '192.0.2.42');
    expect(r).toMatchObject({ ok: true, stage: 'change_password' });
    expect(await counters('useradmin.contoso', '192.0.2.42')).toMatchObject({ account: 2, source: 2 });
    expect(await lastLogRow('useradmin.contoso')).toMatchObject({ outcome: 'pending-change_password', step: 'session' });
    await t.db.execute(sql`update accounts set must_change_password = false, failed_count = 0 where lower(username) = 'useradmin.contoso'`);
  });

  it('a right password refused after the check (an API-only account in the console) returns its slots too', async () => {
    await leaveFailures('api.contoso', '192.0.2.43', 2);
    const r = await consoleSignIn('api.contoso', '192.0.2.43');
    expect(r).toMatchObject({ ok: false, code: 'api-only' });
    expect(await counters('api.contoso', '192.0.2.43')).toMatchObject({ account: 2, source: 2 });
    expect(await lastLogRow('api.contoso')).toMatchObject({ outcome: 'api-only' });
  });

  it('an API call whose password is verified forgives the account’s failures and returns its source slot', async () => {
    await leaveFailures('api.contoso', '192.0.2.45', 3);
    const r = await performSignIn({ username: 'api.contoso', password: DEMO_PASSWORD, ip: '192.0.2.45', userAgent: 'vitest', channel: 'api' });
    expect(r).toMatchObject({ ok: true, stage: 'active' });
    const c = await counters('api.contoso', '192.0.2.45');
    expect(c).toMatchObject({ account: 0, source: 3 });
    expect(Date.now() - new Date(c.lastLoginAt!).getTime()).toBeLessThan(60_000);
    expect(await lastLogRow('api.contoso')).toMatchObject({ outcome: 'success', step: 'api' });
  });

  it('a wrong password keeps its slots at both', async () => {
    await leaveFailures('manager.contoso', '192.0.2.44', 1);
    const r = await performSignIn({ username: 'manager.contoso', password: 'wrong', ip: '192.0.2.44', userAgent: 'vitest', channel: 'console' });
    expect(r).toMatchObject({ ok: false, code: 'invalid' });
    expect(await counters('manager.contoso', '192.0.2.44')).toMatchObject({ account: 2, source: 2 });
    await t.db.execute(sql`update accounts set failed_count = 0 where lower(username) = 'manager.contoso'`);
  });
});
