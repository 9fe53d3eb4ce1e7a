import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { credentialPolicies, nodeDefaultPolicies, nodes } from '@/lib/db/schema';
import { governedAccounts } from '@/lib/notices/queries';
import { defaultPolicyValues } from '@/lib/policy/fields';
import { loadEffectivePolicy } from '@/lib/policy/queries';
import { findAccount } from '@/lib/users/queries';
import { assignPolicy } from '../support/fixtures';
import { createTestDatabase } from '../support/test-db';

// The scheduled work reads every active account with its policy in one set-based query; the sign-in
// resolves one account at a time. Both must name the same policy for every account.

let t: Awaited<ReturnType<typeof createTestDatabase>>;
beforeAll(async () => {
  t = await createTestDatabase();
});
afterAll(async () => t?.drop());

/** A policy at `at`, named the default of `defaultOf`, with an expiry no other policy has. */
async function defaultPolicy(at: string, defaultOf: string, months: number) {
  const [node] = await t.db.select({ id: nodes.id }).from(nodes).where(sql`${nodes.path} = ${at}`);
  const [target] = await t.db.select({ id: nodes.id }).from(nodes).where(sql`${nodes.path} = ${defaultOf}`);
  const [p] = await t.db
    .insert(credentialPolicies)
    .values({ ...defaultPolicyValues(), name: `Governed ${months}`, nodeId: node!.id, passwordExpiresMonths: months })
    .returning({ id: credentialPolicies.id });
  await t.db
    .insert(nodeDefaultPolicies)
    .values({ nodeId: target!.id, policyId: p!.id })
    .onConflictDoUpdate({ target: nodeDefaultPolicies.nodeId, set: { policyId: p!.id } });
}

describe('the policy in force, for every account at once', () => {
  it('agrees with the one-account resolution: explicit, then the nearest default, then the fallback', async () => {
    await defaultPolicy('sys.hcs.acme', 'sys.hcs.acme', 7);
    await defaultPolicy('sys.hcs.acme', 'sys.hcs.acme.north.contoso', 11);
    await assignPolicy(t.db, 'alice.contoso', 'sys.hcs.acme', { passwordExpiresMonths: 13 });
    const rows = await governedAccounts(t.db);
    expect(rows.length).toBeGreaterThan(5);
    const seen = new Set<number>();
    for (const r of rows) {
      const a = await findAccount(t.db, { id: r.id });
      const { policy } = await loadEffectivePolicy(t.db, a!.nodePath, a!.credentialPolicyId);
      expect({ username: r.username, months: r.passwordExpiresMonths }).toEqual({ username: r.username, months: policy.passwordExpiresMonths });
      seen.add(r.passwordExpiresMonths);
    }
    // All three sources are represented: the explicit policy, a nearer default over a higher one, the higher one.
    expect([...seen]).toEqual(expect.arrayContaining([7, 11, 13]));
    const byName = Object.fromEntries(rows.map((r) => [r.username, r.passwordExpiresMonths]));
    expect(byName['alice.contoso']).toBe(13);
    expect(byName['manager.contoso']).toBe(11);
    expect(byName['manager.acme']).toBe(7);
  });
});
