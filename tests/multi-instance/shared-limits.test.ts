import { and, eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type DbHandle, openDatabase } from '@/lib/db/connect';
import { accounts, credentialPolicies, signInLog, sourceCounters } from '@/lib/db/schema';
import { HCS_POLICY_NAME } from '@/lib/policy/fields';
import { assignPolicy } from '../support/fixtures';

/*
 * Run by scripts/test.mjs after the build, on PostgreSQL only: two `next start` instances
 * (INSTANCE_URLS) share one database, as behind a load balancer. Counters live in the database, so
 * together they enforce one limit.
 */
const urls = (process.env.INSTANCE_URLS ?? '').split(',').filter(Boolean);
let h: DbHandle;

beforeAll(async () => {
  h = openDatabase({ url: process.env.DATABASE_URL, dataDir: '/tmp', poolSize: 5 });
  for (const name of ['api.contoso', 'useradmin.contoso']) {
    await h.db.update(accounts).set({ apiOnly: true }).where(eq(accounts.username, name));
  }
  await assignPolicy(h.db, 'api.contoso', 'sys.hcs.acme', { failedLoginCountPerUser: 5 });
  await assignPolicy(h.db, 'useradmin.contoso', 'sys.hcs.acme', { failedLoginCountPerUser: 5 });
  // The per-source limit is product-wide (HcsCredentialPolicy): off while the per-user limit is measured.
  await perSourceLimiting(false);
});

const perSourceLimiting = (on: boolean) =>
  h.db.update(credentialPolicies).set({ disableFailedLoginLimitingPerSource: !on }).where(eq(credentialPolicies.name, HCS_POLICY_NAME));
afterAll(async () => h?.close());

const basic = (user: string, password: string) => ({ authorization: `Basic ${Buffer.from(`${user}:${password}`).toString('base64')}` });

async function wrongPasswords(username: string, targets: string[], n: number) {
  return Promise.all(
    Array.from({ length: n }, (_, i) =>
      fetch(`${targets[i % targets.length]}/api/v1/me`, { headers: basic(username, `wrong-${i}`) }).then((r) => r.status),
    ),
  );
}

async function passwordChecks(username: string) {
  const [a] = await h.db
    .select({ id: accounts.id, status: accounts.status, failedCount: accounts.failedCount })
    .from(accounts)
    .where(eq(accounts.username, username));
  const [row] = await h.db
    .select({ n: sql<number>`count(*)::int` })
    .from(signInLog)
    .where(and(eq(signInLog.accountId, a!.id), eq(signInLog.outcome, 'wrong-password')));
  return { status: a!.status, failedCount: a!.failedCount, checked: Number(row!.n) };
}

describe.skipIf(urls.length < 2)('limits shared by two instances on one PostgreSQL', () => {
  it('200 parallel wrong passwords at one instance reach the password check at most 5 times', async () => {
    const statuses = await wrongPasswords('api.contoso', [urls[0]!], 200);
    expect(new Set(statuses)).toEqual(new Set([401]));
    expect(await passwordChecks('api.contoso')).toEqual({ status: 'locked', failedCount: 5, checked: 5 });
  });

  it('200 parallel wrong passwords spread over two instances reach it at most 5 times in all', async () => {
    const statuses = await wrongPasswords('useradmin.contoso', urls, 200);
    expect(new Set(statuses)).toEqual(new Set([401]));
    expect(await passwordChecks('useradmin.contoso')).toEqual({ status: 'locked', failedCount: 5, checked: 5 });
  });

  it('the per-source limit holds across both instances', async () => {
    await perSourceLimiting(true);
    const statuses = await wrongPasswords('no.such.account', urls, 200);
    expect(statuses.filter((s) => s === 401)).toHaveLength(10); // HcsCredentialPolicy: 10 per source
    expect(statuses.filter((s) => s === 429)).toHaveLength(190);
    const [c] = await h.db.select().from(sourceCounters).where(eq(sourceCounters.ip, '127.0.0.1'));
    expect(c!.failedCount).toBe(10);
  });
});
