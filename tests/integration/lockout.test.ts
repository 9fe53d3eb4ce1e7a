import { and, eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { performSignIn } from '@/lib/auth/commands';
import { hashWork } from '@/lib/auth/password-hash';
import { signInLog, sourceCounters } from '@/lib/db/schema';
import { DEMO_PASSWORD } from '@/lib/db/seed';
import { accountState, assignPolicy } from '../support/fixtures';
import { createTestDatabase } from '../support/test-db';

let t: Awaited<ReturnType<typeof createTestDatabase>>;
beforeAll(async () => {
  t = await createTestDatabase();
});
afterAll(async () => t?.drop());

const attempt = (username: string, password: string, ip = '198.51.100.1') =>
  performSignIn({ username, password, ip, userAgent: 'vitest', channel: 'console' });

describe(`sign-in lockout (${process.env.TEST_DATABASE_URL ? 'PostgreSQL' : 'PGlite'})`, () => {
  it('50 parallel wrong passwords against a threshold of 5 count exactly 5 failures and lock the account', async () => {
    await assignPolicy(t.db, 'alice.contoso', 'sys.hcs.acme', { failedLoginCountPerUser: 5, disableFailedLoginLimitingPerSource: true });
    const before = hashWork.verifications;
    // From 50 addresses (the per-source limit is product-wide): only the per-user limit stops them.
    const results = await Promise.all(Array.from({ length: 50 }, (_, i) => attempt('alice.contoso', `wrong-${i}`, `198.18.${i}.1`)));
    expect(results.every((r) => !r.ok && r.code === 'invalid')).toBe(true);
    const state = await accountState(t.db, 'alice.contoso');
    expect(state.status).toBe('locked');
    expect(state.failedCount).toBe(5);
    const counted = await t.db
      .select({ n: sql<number>`count(*)::int` })
      .from(signInLog)
      .where(and(eq(signInLog.accountId, state.id), eq(signInLog.outcome, 'wrong-password')));
    expect(Number(counted[0]!.n)).toBe(5);
    // Every attempt cost one hash, whether it reached the password check or was refused before it.
    expect(hashWork.verifications - before).toBe(50);
    // Locked: the right password is refused too, with the same answer.
    const right = await attempt('alice.contoso', DEMO_PASSWORD);
    expect(right).toMatchObject({ ok: false, code: 'invalid', outcome: 'locked' });
  });

  it('a locked or disabled account stays out when its policy turns per-user limiting off', async () => {
    // Without the limit there is nothing to count, but a Manager's disable (or a lock) still holds:
    // neither the console nor an API call may get in with the right password.
    await assignPolicy(t.db, 'api.contoso', 'sys.hcs.acme', { disableFailedLoginLimitingPerUser: true, disableFailedLoginLimitingPerSource: true });
    const { id } = await accountState(t.db, 'api.contoso');
    for (const status of ['disabled', 'locked'] as const) {
      await t.db.execute(sql`update accounts set status = ${status}, locked_until = null where id = ${id}`);
      const api = await performSignIn({ username: 'api.contoso', password: DEMO_PASSWORD, ip: '198.51.100.9', userAgent: 'vitest', channel: 'api' });
      expect(api).toMatchObject({ ok: false, code: 'invalid', outcome: 'locked' });
    }
    await t.db.execute(sql`update accounts set status = 'active' where id = ${id}`);
    expect(
      await performSignIn({ username: 'api.contoso', password: DEMO_PASSWORD, ip: '198.51.100.9', userAgent: 'vitest', channel: 'api' }),
    ).toMatchObject({ ok: true });
  });

  it('an expired lock lets the account in again with a fresh count', async () => {
    const { id } = await accountState(t.db, 'alice.contoso');
    await t.db.execute(sql`update accounts set locked_until = now() - interval '1 minute' where id = ${id}`);
    const r = await attempt('alice.contoso', DEMO_PASSWORD);
    expect(r.ok).toBe(true);
    expect(await accountState(t.db, 'alice.contoso')).toMatchObject({ status: 'active', failedCount: 0 });
  });

  it('unknown usernames cost the same hash work as known ones and get the same answer', async () => {
    const before = hashWork.verifications;
    const unknown = await attempt('nobody.at.all', 'whatever-1', '198.51.100.2');
    const known = await attempt('manager.contoso', 'whatever-1', '198.51.100.2');
    expect(hashWork.verifications - before).toBe(2);
    expect(unknown).toMatchObject({ ok: false, code: 'invalid' });
    expect(known).toMatchObject({ ok: false, code: 'invalid' });
  });

  it('Disable Failed Login User Account disables instead of locking', async () => {
    await assignPolicy(t.db, 'unit.contoso', 'sys.hcs.acme', {
      failedLoginCountPerUser: 2,
      disableFailedLoginUserAccount: true,
      disableFailedLoginLimitingPerSource: true,
    });
    await attempt('unit.contoso', 'nope-1');
    await attempt('unit.contoso', 'nope-2');
    expect((await accountState(t.db, 'unit.contoso')).status).toBe('disabled');
  });

  it('throttles a source address after Failed Login Count per Source failures, with a retry time', async () => {
    const ip = '203.0.113.77';
    const results = await Promise.all(Array.from({ length: 15 }, () => attempt('no.such.user', 'x', ip)));
    const throttled = results.flatMap((r) => (!r.ok && r.code === 'throttled' ? [r] : []));
    expect(throttled).toHaveLength(5); // HcsCredentialPolicy: 10 per source
    expect(throttled[0]!.retryAfterSeconds).toBeGreaterThan(0);
    const [row] = await t.db.select().from(sourceCounters).where(eq(sourceCounters.ip, ip));
    expect(row!.failedCount).toBe(10);
  });
});
