import 'server-only';
import { and, eq, inArray, ne, or, sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import { ActionError } from '@/lib/actions/result';
import type { Queryable } from '@/lib/db';
import { accounts, credentialPolicies, nodeDefaultPolicies, nodes } from '@/lib/db/schema';
import { inSubtree } from '@/lib/hierarchy/queries';
import type { PolicyValues } from './fields';
import { loadEffectivePolicy, minimumsGoverning } from './queries';
import { minimumRefusal, type Policy, weakerFields } from './rules';

/*
 * "Minimum below this node" (a higher node enforcing its credential policy): a policy so marked is the
 * floor for every policy saved at its node or below, and for every default named or assignment made
 * there. Checked in the transaction of each of those commands; no confirmation lifts it.
 */

const ownerNode = alias(nodes, 'owner_node');

function toPolicy(row: typeof credentialPolicies.$inferSelect, nodePath: string): Policy {
  const { nodeId: _n, createdAt: _c, updatedAt: _u, ...rest } = row;
  return { ...rest, nodePath } as Policy;
}

/** Refuses values weaker than a minimum governing `nodePath` (field errors under `minimum`). */
export async function refuseBelowMinimum(q: Queryable, nodePath: string, values: PolicyValues, excludeId = 0): Promise<void> {
  const refusal = minimumRefusal(values, await minimumsGoverning(q, nodePath, excludeId));
  if (refusal) throw new ActionError(refusal.message, { minimum: refusal.lines });
}

/**
 * Marking (or keeping) a policy as the minimum at `nodePath`: refused while any policy in use or
 * defined at the node or below is weaker, so the mark never describes a floor that is not there. In
 * use: the default the node inherits, defaults named below, explicit assignments below.
 */
export async function refuseWeakerInUseBelow(q: Queryable, nodePath: string, values: PolicyValues, policyId: number): Promise<void> {
  const namedBelow = q
    .select({ id: nodeDefaultPolicies.policyId })
    .from(nodeDefaultPolicies)
    .innerJoin(nodes, eq(nodes.id, nodeDefaultPolicies.nodeId))
    .where(inSubtree(nodePath));
  const assignedBelow = q
    .select({ id: accounts.credentialPolicyId })
    .from(accounts)
    .innerJoin(nodes, eq(nodes.id, accounts.nodeId))
    .where(inSubtree(nodePath));
  const rows = await q
    .select({ policy: credentialPolicies, nodePath: ownerNode.path })
    .from(credentialPolicies)
    .innerJoin(ownerNode, eq(ownerNode.id, credentialPolicies.nodeId))
    .where(
      and(
        ne(credentialPolicies.id, policyId),
        or(
          inArray(ownerNode.path, [nodePath]),
          sql`${ownerNode.path} like ${`${nodePath.replace(/[\\%_]/g, (c) => `\\${c}`)}.%`}`,
          inArray(credentialPolicies.id, namedBelow),
          inArray(credentialPolicies.id, assignedBelow),
        ),
      ),
    );
  const candidates = rows.map((r) => toPolicy(r.policy, r.nodePath));
  const inherited = (await loadEffectivePolicy(q, nodePath, null)).policy;
  if (inherited.id !== policyId && !candidates.some((c) => c.id === inherited.id)) candidates.push(inherited);
  const weaker = candidates.filter((c) => weakerFields(c, values).length > 0).map((c) => `${c.name} (${c.nodePath})`);
  if (weaker.length) {
    throw new ActionError(
      `This policy cannot be the minimum below ${nodePath} while weaker policies are in use or defined there: ${weaker.join(', ')}. Strengthen or replace them first.`,
      { minimumBelow: [`Weaker policies at ${nodePath} or below: ${weaker.join(', ')}`] },
    );
  }
}
