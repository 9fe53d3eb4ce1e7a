import 'server-only';
import { eq, inArray, sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import type { Queryable } from '@/lib/db';
import { accounts, credentialPolicies, nodeDefaultPolicies, nodes } from '@/lib/db/schema';
import { isInSubtree, selfAndAncestors } from '@/lib/hierarchy/paths';
import { loadEffectivePolicy } from './queries';
import { buildExplanation, type Explanation } from './explain-rules';

export type { Explanation, ExplainStep } from './explain-rules';

const policyNode = alias(nodes, 'policy_node');

/**
 * "Why this policy" for an account, as a function (the account page shows it). Returns null when the
 * account does not exist or lies outside `scopeRoot`, the same answer for both.
 */
export async function explainAccountPolicy(q: Queryable, username: string, scopeRoot = 'sys'): Promise<Explanation | null> {
  const [acc] = await q
    .select({ username: accounts.username, nodePath: nodes.path, authSource: accounts.authSource, policyId: accounts.credentialPolicyId })
    .from(accounts)
    .innerJoin(nodes, eq(nodes.id, accounts.nodeId))
    .where(sql`lower(${accounts.username}) = lower(${username})`);
  if (!acc || !isInSubtree(acc.nodePath, scopeRoot)) return null;
  const effective = await loadEffectivePolicy(q, acc.nodePath, acc.policyId);
  const rows = await q
    .select({ path: nodes.path, name: credentialPolicies.name, definedAt: policyNode.path })
    .from(nodeDefaultPolicies)
    .innerJoin(nodes, eq(nodes.id, nodeDefaultPolicies.nodeId))
    .innerJoin(credentialPolicies, eq(credentialPolicies.id, nodeDefaultPolicies.policyId))
    .innerJoin(policyNode, eq(policyNode.id, credentialPolicies.nodeId))
    .where(inArray(nodes.path, selfAndAncestors(acc.nodePath)));
  return buildExplanation({
    account: { username: acc.username, nodePath: acc.nodePath, authSource: acc.authSource },
    explicit: effective.source.kind === 'explicit' ? effective.policy : null,
    defaults: new Map(rows.map((r) => [r.path, { name: r.name, definedAt: r.definedAt }])),
    effective: effective.policy,
  });
}
