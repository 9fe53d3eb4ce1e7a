import { eq, sql } from 'drizzle-orm';
import type { Db } from '@/lib/db/connect';
import { accounts, credentialPolicies, nodes } from '@/lib/db/schema';
import { defaultPolicyValues, type PolicyValues } from '@/lib/policy/fields';

/** Creates a policy at a node and assigns it explicitly to an account (test set-up through SQL). */
export async function assignPolicy(
  db: Db,
  username: string,
  nodePath: string,
  overrides: Partial<PolicyValues>,
  name = `Test-${Math.random().toString(36).slice(2, 8)}`,
) {
  const [node] = await db.select({ id: nodes.id }).from(nodes).where(eq(nodes.path, nodePath));
  const [policy] = await db
    .insert(credentialPolicies)
    .values({ ...defaultPolicyValues(), ...overrides, name, nodeId: node!.id })
    .returning({ id: credentialPolicies.id });
  await db.update(accounts).set({ credentialPolicyId: policy!.id }).where(sql`lower(${accounts.username}) = ${username}`);
  return policy!.id;
}

export async function accountState(db: Db, username: string) {
  const [a] = await db
    .select({ id: accounts.id, status: accounts.status, failedCount: accounts.failedCount, lockedUntil: accounts.lockedUntil })
    .from(accounts)
    .where(sql`lower(${accounts.username}) = ${username}`);
  return a!;
}
