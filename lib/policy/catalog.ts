import 'server-only';
import { and, asc, eq, inArray, ne, or, sql } from 'drizzle-orm';
import type { Queryable } from '@/lib/db';
import { accounts, credentialPolicies, nodeDefaultPolicies, nodes } from '@/lib/db/schema';
import { inSubtree } from '@/lib/hierarchy/queries';
import { depth, parentPath, selfAndAncestors } from '@/lib/hierarchy/paths';
import { loadEffectivePolicy, toPolicy } from './queries';
import type { EffectivePolicy, Policy } from './resolve';

export interface PolicySummary {
  id: number;
  name: string;
  nodePath: string;
  version: number;
}

/** Policies visible at a node: those defined at it or at any node above it (SPEC §3), nearest first. */
export async function listVisiblePolicies(q: Queryable, nodePath: string): Promise<PolicySummary[]> {
  const rows = await q
    .select({ id: credentialPolicies.id, name: credentialPolicies.name, nodePath: nodes.path, version: credentialPolicies.version })
    .from(credentialPolicies)
    .innerJoin(nodes, eq(nodes.id, credentialPolicies.nodeId))
    .where(inArray(nodes.path, selfAndAncestors(nodePath)))
    .orderBy(asc(credentialPolicies.name));
  return rows.sort((a, b) => depth(b.nodePath) - depth(a.nodePath) || a.name.localeCompare(b.name));
}

export async function loadPolicy(q: Queryable, id: number): Promise<Policy | null> {
  const [row] = await q
    .select({ policy: credentialPolicies, nodePath: nodes.path })
    .from(credentialPolicies)
    .innerJoin(nodes, eq(nodes.id, credentialPolicies.nodeId))
    .where(eq(credentialPolicies.id, id));
  return row ? toPolicy(row.policy, row.nodePath) : null;
}

export interface PolicyUsage {
  defaultAt: string[];
  accounts: string[];
  accountCount: number;
}

/** Where each policy is used: as a node's default, and as accounts' explicit assignment. */
export async function policyUsage(q: Queryable, ids: number[]): Promise<Map<number, PolicyUsage>> {
  const out = new Map<number, PolicyUsage>(ids.map((id) => [id, { defaultAt: [], accounts: [], accountCount: 0 }]));
  if (!ids.length) return out;
  const defaults = await q
    .select({ policyId: nodeDefaultPolicies.policyId, path: nodes.path })
    .from(nodeDefaultPolicies)
    .innerJoin(nodes, eq(nodes.id, nodeDefaultPolicies.nodeId))
    .where(inArray(nodeDefaultPolicies.policyId, ids))
    .orderBy(asc(nodes.path));
  for (const d of defaults) out.get(d.policyId)!.defaultAt.push(d.path);
  const assigned = await q
    .select({ policyId: accounts.credentialPolicyId, username: accounts.username })
    .from(accounts)
    .where(inArray(accounts.credentialPolicyId, ids))
    .orderBy(asc(accounts.username));
  for (const a of assigned) {
    const u = out.get(a.policyId!)!;
    u.accountCount++;
    if (u.accounts.length < 20) u.accounts.push(a.username);
  }
  return out;
}

/**
 * Another policy with this name (case-insensitive) that would be visible together with one defined at
 * `nodePath`: defined at the node or above it, or below it (where both are visible).
 */
export async function findNameClash(q: Queryable, nodePath: string, name: string, excludeId = 0): Promise<PolicySummary | null> {
  const [row] = await q
    .select({ id: credentialPolicies.id, name: credentialPolicies.name, nodePath: nodes.path, version: credentialPolicies.version })
    .from(credentialPolicies)
    .innerJoin(nodes, eq(nodes.id, credentialPolicies.nodeId))
    .where(
      and(
        sql`lower(${credentialPolicies.name}) = lower(${name.trim()})`,
        ne(credentialPolicies.id, excludeId),
        or(inArray(nodes.path, selfAndAncestors(nodePath)), inSubtree(nodePath)),
      ),
    )
    .limit(1);
  return row ?? null;
}

/**
 * What a node would otherwise inherit, as the yardstick for "weaker" (SPEC §3): the default in force
 * at the node, or, when that default is the policy being edited, the one in force at its parent.
 */
export async function inheritedBaseline(q: Queryable, nodePath: string, policyId = 0): Promise<EffectivePolicy> {
  const here = await loadEffectivePolicy(q, nodePath, null);
  const parent = parentPath(nodePath);
  if (here.policy.id === policyId && parent) return loadEffectivePolicy(q, parent, null);
  return here;
}

/** The node's own Default Credential Policy row, if it names one. */
export async function ownDefault(q: Queryable, nodeId: number): Promise<{ policyId: number; version: number } | null> {
  const [row] = await q
    .select({ policyId: nodeDefaultPolicies.policyId, version: nodeDefaultPolicies.version })
    .from(nodeDefaultPolicies)
    .where(eq(nodeDefaultPolicies.nodeId, nodeId));
  return row ?? null;
}
