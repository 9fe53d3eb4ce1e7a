import 'server-only';
import { eq, inArray, or } from 'drizzle-orm';
import type { Queryable } from '@/lib/db';
import { accounts, nodeDefaultPolicies, nodes } from '@/lib/db/schema';
import { inSubtree } from '@/lib/hierarchy/queries';
import { resolveNearest, selfAndAncestors } from '@/lib/hierarchy/rules';
import type { PolicyValues } from './fields';
import { loadEffectivePolicy, loadPolicy } from './queries';
import { type GovernedAccount, summariseWhatIf, type WhatIf } from './rules';

/** Accounts of a subtree and the defaults that decide their policies (the subtree plus its ancestors). */
async function loadSubtree(q: Queryable, rootPath: string) {
  const rows = await q
    .select({
      id: accounts.id,
      username: accounts.username,
      nodePath: nodes.path,
      authSource: accounts.authSource,
      credentialPolicyId: accounts.credentialPolicyId,
      passwordChangedAt: accounts.passwordChangedAt,
      passwordNeverExpires: accounts.passwordNeverExpires,
      lastLoginAt: accounts.lastLoginAt,
      createdAt: accounts.createdAt,
      status: accounts.status,
    })
    .from(accounts)
    .innerJoin(nodes, eq(nodes.id, accounts.nodeId))
    .where(inSubtree(rootPath));
  const defaults = await q
    .select({ path: nodes.path, policyId: nodeDefaultPolicies.policyId })
    .from(nodeDefaultPolicies)
    .innerJoin(nodes, eq(nodes.id, nodeDefaultPolicies.nodeId))
    .where(or(inArray(nodes.path, selfAndAncestors(rootPath)), inSubtree(rootPath)));
  const fallback = (await loadEffectivePolicy(q, 'sys', null)).policy.id;
  return { accounts: rows as GovernedAccount[], defaults: new Map(defaults.map((d) => [d.path, d.policyId])), fallback };
}

function policyIdFor(a: GovernedAccount, defaults: ReadonlyMap<string, number>, fallback: number): number {
  return a.credentialPolicyId ?? resolveNearest(a.nodePath, defaults)?.value ?? fallback;
}

/** Before an edit is saved: the accounts the policy governs, and how many the new values would at once expire or find inactive. */
export async function whatIfPolicyEdit(q: Queryable, policyId: number, values: PolicyValues, now = new Date()): Promise<WhatIf> {
  const p = await loadPolicy(q, policyId);
  if (!p) return { governed: 0, expired: 0, inactive: 0 };
  const s = await loadSubtree(q, p.nodePath);
  const governed = s.accounts
    .filter((a) => a.authSource !== 'sso' && policyIdFor(a, s.defaults, s.fallback) === policyId)
    .map((account) => ({ account, values }));
  return summariseWhatIf(governed, now);
}

/**
 * Before a node's default changes (to a policy, or "" = revert to inherited): the accounts whose
 * policy would then come from that change, and the expired / inactive counts under their new policy.
 */
export async function whatIfDefaultChange(
  q: Queryable,
  nodePath: string,
  policyId: number | '',
  now = new Date(),
): Promise<WhatIf & { changed: number }> {
  const s = await loadSubtree(q, nodePath);
  const after = new Map(s.defaults);
  if (policyId === '') after.delete(nodePath);
  else after.set(nodePath, policyId);
  const cache = new Map<number, PolicyValues | null>();
  const valuesOf = async (id: number) => {
    if (!cache.has(id)) cache.set(id, await loadPolicy(q, id));
    return cache.get(id) ?? null;
  };
  const governed: { account: GovernedAccount; values: PolicyValues }[] = [];
  let changed = 0;
  for (const a of s.accounts) {
    if (a.authSource === 'sso' || a.credentialPolicyId) continue;
    const from = resolveNearest(a.nodePath, after);
    const afterId = from?.value ?? s.fallback;
    if (afterId !== policyIdFor(a, s.defaults, s.fallback)) changed++;
    // Governed by this change: the account's default now resolves at this node (or, on revert, above it).
    const decidedHere =
      policyId === '' ? !resolveNearest(a.nodePath, new Map([...after].filter(([k]) => k.startsWith(`${nodePath}.`)))) : from?.from === nodePath;
    if (!decidedHere) continue;
    const v = await valuesOf(afterId);
    if (v) governed.push({ account: a, values: v });
  }
  return { ...summariseWhatIf(governed, now), changed };
}
