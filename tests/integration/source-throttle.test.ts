import { and, eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { performSignIn } from '@/lib/auth/commands';
import { hashWork } from '@/lib/auth/password-hash';
import { signInLog, sourceCounters } from '@/lib/db/schema';
import { assignPolicy } from '../support/fixtures';
import { createTestDatabase } from '../support/test-db';

let t: Awaited<ReturnType<typeof createTestDatabase>>;
beforeAll(async () => {
  t = await createTestDatabase();
});
afterAll(async () => t?.drop());

const attempt = (username: string, ip: string) =>
  performSignIn({ username, password: 'not-the-password', ip, userAgent: 'vitest', channel: 'console' });

async function attemptsUntilThrottled(username: (i: number) => string, ip: (i: number) => string, max = 60): Promise<number> {
  for (let i = 0; i < max; i++) {
    const r = await attempt(username(i), ip(i));
    if (!r.ok && r.code === 'throttled') return i;
  }
  return max;
}

describe('per-source limits that rotation cannot defeat', () => {
  it('rotating addresses within one IPv6 /64 is throttled as one source', async () => {
    const passed = await attemptsUntilThrottled(
      () => 'no.such.user',
      (i) => `2001:db8:aa:bb::${(i + 1).toString(16)}`,
    );
    expect(passed).toBe(10); // HcsCredentialPolicy: 10 per source
    const [row] = await t.db.select().from(sourceCounters).where(eq(sourceCounters.ip, '2001:db8:aa:bb::/64'));
    expect(row?.failedCount).toBe(10);
    // Another /64 is another source.
    expect((await attempt('no.such.user', '2001:db8:aa:bc::1')).ok).toBe(false);
    expect(await attempt('no.such.user', '2001:db8:aa:bc::1')).not.toMatchObject({ code: 'throttled' });
  });

  it('IPv4 sources are counted per address', async () => {
    expect(
      await attemptsUntilThrottled(
        () => 'no.such.user',
        () => '203.0.113.10',
      ),
    ).toBe(10);
    expect(await attempt('no.such.user', '203.0.113.11')).not.toMatchObject({ code: 'throttled' });
  });

  it('two usernames under different policies meet the same per-source throttle', async () => {
    await assignPolicy(t.db, 'alice.contoso', 'sys.hcs.acme', { failedLoginCountPerSource: 3, disableFailedLoginLimitingPerUser: true });
    await assignPolicy(t.db, 'unit.contoso', 'sys.hcs.acme', { failedLoginCountPerSource: 50, disableFailedLoginLimitingPerUser: true });
    await assignPolicy(t.db, 'useradmin.contoso', 'sys.hcs.acme', {
      disableFailedLoginLimitingPerSource: true,
      disableFailedLoginLimitingPerUser: true,
    });
    const alice = await attemptsUntilThrottled(
      () => 'alice.contoso',
      () => '198.51.100.31',
    );
    const unit = await attemptsUntilThrottled(
      () => 'unit.contoso',
      () => '198.51.100.32',
    );
    const admin = await attemptsUntilThrottled(
      () => 'useradmin.contoso',
      () => '198.51.100.33',
    );
    expect([alice, unit, admin]).toEqual([10, 10, 10]);
  });

  it('a throttled source is refused before any account lookup, hash or log row', async () => {
    const ip = '203.0.113.10'; // throttled above
    const hashes = hashWork.verifications;
    const logged = async () =>
      Number(
        (
          await t.db
            .select({ n: sql<number>`count(*)::int` })
            .from(signInLog)
            .where(and(eq(signInLog.ip, ip)))
        )[0]?.n,
      );
    const before = await logged();
    const results = await Promise.all(Array.from({ length: 20 }, () => attempt('alice.contoso', ip)));
    expect(results.every((r) => !r.ok && r.code === 'throttled' && (r.retryAfterSeconds ?? 0) > 0)).toBe(true);
    expect(hashWork.verifications).toBe(hashes);
    expect(await logged()).toBe(before);
  });
});
