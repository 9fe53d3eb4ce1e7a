import 'server-only';
import { eq, inArray } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import type { Queryable } from '@/lib/db';
import { credentialPolicies, nodeDefaultPolicies, nodes } from '@/lib/db/schema';
import { selfAndAncestors } from '@/lib/hierarchy/paths';
import { loadEffectivePolicy } from './queries';
import { findPolicyAccount } from './policy-account';
import { buildExplanation, type Explanation } from './explain-rules';

export type { Explanation, ExplainStep } from './explain-rules';

const policyNode = alias(nodes, 'policy_node');

/**
 * "Why this policy" for an account, as a function (the account page shows it). Returns null when the
 * account does not exist or lies outside `scopeRoot`, the same answer for both.
 */
export async function explainAccountPolicy(q: Queryable, username: string, scopeRoot = 'sys'): Promise<Explanation | null> {
  const acc = await findPolicyAccount(q, username, scopeRoot);
  if (!acc) return null;
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
