import 'server-only';
import { eq, sql } from 'drizzle-orm';
import type { Queryable } from '@/lib/db';
import { accounts, nodes } from '@/lib/db/schema';
import { isInSubtree } from '@/lib/hierarchy/paths';

/**
 * The account facts that decide its policy, or null when it does not exist or lies outside
 * `scopeRoot` (the same answer for both, so other tenants' usernames cannot be probed).
 */
export async function findPolicyAccount(q: Queryable, username: string, scopeRoot: string) {
  const [acc] = await q
    .select({ username: accounts.username, nodePath: nodes.path, authSource: accounts.authSource, policyId: accounts.credentialPolicyId })
    .from(accounts)
    .innerJoin(nodes, eq(nodes.id, accounts.nodeId))
    .where(sql`lower(${accounts.username}) = lower(${username})`);
  return acc && isInSubtree(acc.nodePath, scopeRoot) ? acc : null;
}
