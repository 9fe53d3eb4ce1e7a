import 'server-only';
import { and, eq, inArray, or } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import type { Queryable } from '@/lib/db';
import { credentialPolicies, nodeDefaultPolicies, nodes } from '@/lib/db/schema';
import { selfAndAncestors } from '@/lib/hierarchy/paths';
import { HCS_POLICY_NAME } from './fields';
import { effectivePolicy, type EffectivePolicy, type Policy } from './resolve';

const policyNode = alias(nodes, 'policy_node');
const defaultNode = alias(nodes, 'default_node');

type PolicyRow = typeof credentialPolicies.$inferSelect;

export function toPolicy(row: PolicyRow, nodePath: string): Policy {
  const { nodeId: _n, createdAt: _c, updatedAt: _u, ...rest } = row;
  return { ...rest, nodePath } as Policy;
}

/**
 * Everything that decides an account's policy, in one query: its explicit policy, the defaults
 * named at its node and every ancestor, and HcsCredentialPolicy at sys.hcs as the fallback.
 */
export async function loadEffectivePolicy(
  q: Queryable,
  nodePath: string,
  explicitPolicyId: number | null,
): Promise<EffectivePolicy> {
  const ancestors = selfAndAncestors(nodePath);
  const rows = await q
    .select({ policy: credentialPolicies, policyNodePath: policyNode.path, defaultAt: defaultNode.path })
    .from(credentialPolicies)
    .innerJoin(policyNode, eq(policyNode.id, credentialPolicies.nodeId))
    .leftJoin(nodeDefaultPolicies, eq(nodeDefaultPolicies.policyId, credentialPolicies.id))
    .leftJoin(defaultNode, and(eq(defaultNode.id, nodeDefaultPolicies.nodeId), inArray(defaultNode.path, ancestors)))
    .where(
      or(
        eq(credentialPolicies.id, explicitPolicyId ?? -1),
        and(eq(credentialPolicies.name, HCS_POLICY_NAME), eq(policyNode.path, 'sys.hcs')),
        inArray(defaultNode.path, ancestors),
      ),
    );
  let explicit: Policy | null = null;
  let fallback: Policy | null = null;
  const defaults = new Map<string, Policy>();
  for (const r of rows) {
    const p = toPolicy(r.policy, r.policyNodePath);
    if (r.policy.id === explicitPolicyId) explicit = p;
    if (r.policy.name === HCS_POLICY_NAME && r.policyNodePath === 'sys.hcs') fallback = p;
    if (r.defaultAt) defaults.set(r.defaultAt, p);
  }
  if (!fallback) throw new Error(`${HCS_POLICY_NAME} is missing at sys.hcs: run npm run db:seed`);
  return effectivePolicy({ nodePath, explicit, nodeDefaults: defaults, fallback });
}
