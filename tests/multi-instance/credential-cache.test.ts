import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hashPassword } from '@/lib/auth/password-hash';
import { type DbHandle, openDatabase } from '@/lib/db/connect';
import { accounts, credentialPolicies, nodes } from '@/lib/db/schema';
import { DEMO_PASSWORD } from '@/lib/db/seed';
import { defaultPolicyValues, HCS_POLICY_NAME } from '@/lib/policy/fields';

/*
 * Verified HTTP Basic credentials are cached in each instance's memory (lib/auth/credential-cache.ts),
 * and so are resolved policies and settings (lib/auth/queries.ts, against config_version).
 * Two `next start` instances share one PostgreSQL (scripts/test.mjs, INSTANCE_URLS): whatever happens
 * to the account — through either instance or straight in the database — its old password must be
 * refused on the very next call on every instance, however warm their caches are.
 */
const urls = (process.env.INSTANCE_URLS ?? '').split(',').filter(Boolean);
let h: DbHandle;
let seq = 0;

beforeAll(async () => {
  h = openDatabase({ url: process.env.DATABASE_URL, dataDir: '/tmp', poolSize: 5 });
  // Per-source limiting off for these calls: they come from one address and are not what is measured.
  await h.db.update(credentialPolicies).set({ disableFailedLoginLimitingPerSource: true }).where(eq(credentialPolicies.name, HCS_POLICY_NAME));
});
afterAll(async () => h?.close());

const basic = (user: string, password: string) => ({ authorization: `Basic ${Buffer.from(`${user}:${password}`).toString('base64')}` });
const me = (url: string, user: string, password: string) => fetch(`${url}/api/v1/me`, { headers: basic(user, password) }).then((r) => r.status);

/** A fresh API-only account at contoso, with its own policy (so expiry can be set on it alone). */
async function apiAccount(): Promise<{ username: string; id: number; policyId: number }> {
  const username = `cache.api${++seq}.${Date.now().toString(36)}`;
  const [node] = await h.db.select({ id: nodes.id }).from(nodes).where(eq(nodes.path, 'sys.hcs.acme.north.contoso'));
  const [policy] = await h.db
    .insert(credentialPolicies)
    .values({ ...defaultPolicyValues(), name: `Cache test ${username}`, nodeId: node!.id })
    .returning({ id: credentialPolicies.id });
  const [row] = await h.db
    .insert(accounts)
    .values({
      username,
      nodeId: node!.id,
      apiOnly: true,
      credentialPolicyId: policy!.id,
      passwordHash: await hashPassword(DEMO_PASSWORD),
      passwordChangedAt: new Date(),
    })
    .returning({ id: accounts.id });
  return { username, id: row!.id, policyId: policy!.id };
}

/** Both instances have verified (and cached) the password. */
async function warm(username: string) {
  for (const url of urls) for (let i = 0; i < 2; i++) expect(await me(url, username, DEMO_PASSWORD)).toBe(200);
}

describe.skipIf(urls.length < 2)('cached API credentials on two instances', () => {
  it('a password changed through one instance: the old one is refused at once on both', async () => {
    const a = await apiAccount();
    await warm(a.username);
    const res = await fetch(`${urls[0]}/api/v1/password`, {
      method: 'POST',
      headers: { ...basic(a.username, DEMO_PASSWORD), 'content-type': 'application/json' },
      body: JSON.stringify({ currentPassword: DEMO_PASSWORD, newPassword: 'Quiet-Harbour-Lantern-8143!' }),
    });
    expect(res.status).toBe(200);
    for (const url of urls) {
      expect(await me(url, a.username, DEMO_PASSWORD)).toBe(401);
      expect(await me(url, a.username, 'Quiet-Harbour-Lantern-8143!')).toBe(200);
    }
  });

  it('a password reset in the database (another instance, a Manager): the old one is refused on both', async () => {
    const a = await apiAccount();
    await warm(a.username);
    await h.db
      .update(accounts)
      .set({ passwordHash: await hashPassword('Other-Password-5521!') })
      .where(eq(accounts.id, a.id));
    for (const url of urls) expect(await me(url, a.username, DEMO_PASSWORD)).toBe(401);
  });

  it('a locked account: the cached password is refused on both', async () => {
    const a = await apiAccount();
    await warm(a.username);
    await h.db.execute(sql`update accounts set status = 'locked', locked_until = null where id = ${a.id}`);
    for (const url of urls) expect(await me(url, a.username, DEMO_PASSWORD)).toBe(401);
  });

  it('a disabled account: the cached password is refused on both', async () => {
    const a = await apiAccount();
    await warm(a.username);
    await h.db.execute(sql`update accounts set status = 'disabled' where id = ${a.id}`);
    for (const url of urls) expect(await me(url, a.username, DEMO_PASSWORD)).toBe(401);
  });

  it('an expired password: the cached password is refused on both', async () => {
    const a = await apiAccount();
    await warm(a.username);
    await h.db.execute(sql`update accounts set password_changed_at = now() - interval '400 days' where id = ${a.id}`);
    await h.db.update(credentialPolicies).set({ passwordExpiresMonths: 3 }).where(eq(credentialPolicies.id, a.policyId));
    for (const url of urls) expect(await me(url, a.username, DEMO_PASSWORD)).toBe(403);
  });

  it('an allowlist set in the database (resolved settings are cached too): the next call is refused on both', async () => {
    const a = await apiAccount();
    await warm(a.username);
    const contoso = sql`(select id from nodes where path = 'sys.hcs.acme.north.contoso')`;
    await h.db.execute(sql`insert into node_settings (node_id, "group", value)
      values (${contoso}, 'ipAllowlist', '{"enabled":true,"entries":["203.0.113.0/24"]}'::jsonb)`);
    try {
      for (const url of urls) expect(await me(url, a.username, DEMO_PASSWORD)).toBe(403);
    } finally {
      await h.db.execute(sql`delete from node_settings where "group" = 'ipAllowlist' and node_id = ${contoso}`);
    }
    for (const url of urls) expect(await me(url, a.username, DEMO_PASSWORD)).toBe(200);
  });
});
