import 'server-only';
import { and, eq, sql } from 'drizzle-orm';
import type { Tx } from '@/lib/db';
import { accounts, credentialPolicies, nodeDefaultPolicies, nodes } from '@/lib/db/schema';
import { ActionError } from '@/lib/actions/result';
import { getNodeByPath } from '@/lib/hierarchy/queries';
import { selfAndAncestors } from '@/lib/hierarchy/paths';
import { HCS_POLICY_NAME, type PolicyValues } from './fields';
import { findNameClash, inheritedBaseline, loadPolicy, ownDefault, policyUsage } from './catalog';
import { weakerFields } from './compare';
import { pickValues, type CredentialPolicyOutput } from './schema';
import type { Policy } from './resolve';

/** The audit callback of the action wrapper (written in the same transaction). */
type Audit = (e: { action: string; nodePath?: string | null; targetType: string; targetId?: string | number | null; before?: unknown; after?: unknown }) => Promise<void>;

export const STALE_MESSAGE = 'Someone else saved this policy after you opened it. Reload the page to see the current values, then make your change again.';

function valuesOf(p: Policy): PolicyValues & { name: string } {
  const { id: _i, nodePath: _n, version: _v, ...rest } = p;
  return rest;
}

function isFallback(p: { name: string; nodePath: string }) {
  return p.name === HCS_POLICY_NAME && p.nodePath === 'sys.hcs';
}

async function refuseClash(tx: Tx, nodePath: string, name: string, excludeId = 0) {
  const clash = await findNameClash(tx, nodePath, name, excludeId);
  if (clash) {
    const msg = `A policy named "${clash.name}" is already visible here (defined at ${clash.nodePath}). Choose another name.`;
    throw new ActionError(msg, { name: [msg] });
  }
}

/** Refuses, until confirmed, a policy weaker than what its node would otherwise inherit. */
async function refuseUnconfirmedWeaker(tx: Tx, nodePath: string, policyId: number, values: PolicyValues, confirmed: boolean) {
  const baseline = await inheritedBaseline(tx, nodePath, policyId);
  const weaker = weakerFields(values, baseline.policy);
  if (weaker.length && !confirmed) {
    throw new ActionError(
      `This policy is weaker than ${baseline.policy.name}, which ${nodePath} would otherwise inherit, in ${weaker.length} field${weaker.length === 1 ? '' : 's'}. Review the warning and confirm to save.`,
      { confirmWeaker: weaker.map((w) => `${w.label}: ${w.value} (inherited: ${w.inherited})`) },
    );
  }
  return weaker;
}

/** Create or edit a policy (the editor's one action). */
export async function savePolicy(tx: Tx, input: CredentialPolicyOutput, audit: Audit) {
  const values = pickValues(input);
  if (input.mode === 'create') {
    const node = await getNodeByPath(tx, input.node);
    if (!node) throw new ActionError(`There is no node ${input.node}.`);
    await refuseClash(tx, node.path, input.name);
    const weaker = await refuseUnconfirmedWeaker(tx, node.path, 0, values, input.confirmWeaker);
    const [row] = await tx
      .insert(credentialPolicies)
      .values({ ...values, name: input.name, nodeId: node.id })
      .returning({ id: credentialPolicies.id, version: credentialPolicies.version });
    await audit({ action: 'policy.create', nodePath: node.path, targetType: 'credential_policy', targetId: row!.id, after: { name: input.name, ...values, weakerThanInherited: weaker.map((w) => w.key) } });
    return { id: row!.id, name: input.name, nodePath: node.path, version: row!.version };
  }
  const before = await loadPolicy(tx, input.policyId);
  if (!before) throw new ActionError('This policy no longer exists. Reload the page.');
  if (before.name !== input.name) {
    if (isFallback(before)) throw new ActionError(`${HCS_POLICY_NAME} is the product's fallback policy and keeps its name.`, { name: ['Cannot be renamed'] });
    await refuseClash(tx, before.nodePath, input.name, before.id);
  }
  const weaker = await refuseUnconfirmedWeaker(tx, before.nodePath, before.id, values, input.confirmWeaker);
  const [row] = await tx
    .update(credentialPolicies)
    .set({ ...values, name: input.name, version: sql`${credentialPolicies.version} + 1`, updatedAt: new Date() })
    .where(and(eq(credentialPolicies.id, before.id), eq(credentialPolicies.version, input.version)))
    .returning({ version: credentialPolicies.version });
  if (!row) throw new ActionError(STALE_MESSAGE);
  await audit({
    action: 'policy.update',
    nodePath: before.nodePath,
    targetType: 'credential_policy',
    targetId: before.id,
    before: valuesOf(before),
    after: { name: input.name, ...values, weakerThanInherited: weaker.map((w) => w.key) },
  });
  return { id: before.id, name: input.name, nodePath: before.nodePath, version: row.version };
}

export async function renamePolicy(tx: Tx, input: { policyId: number; version: number; name: string }, audit: Audit) {
  const before = await loadPolicy(tx, input.policyId);
  if (!before) throw new ActionError('This policy no longer exists. Reload the page.');
  if (isFallback(before)) throw new ActionError(`${HCS_POLICY_NAME} is the product's fallback policy and keeps its name.`);
  await refuseClash(tx, before.nodePath, input.name, before.id);
  const [row] = await tx
    .update(credentialPolicies)
    .set({ name: input.name, version: sql`${credentialPolicies.version} + 1`, updatedAt: new Date() })
    .where(and(eq(credentialPolicies.id, before.id), eq(credentialPolicies.version, input.version)))
    .returning({ version: credentialPolicies.version });
  if (!row) throw new ActionError(STALE_MESSAGE);
  await audit({ action: 'policy.rename', nodePath: before.nodePath, targetType: 'credential_policy', targetId: before.id, before: { name: before.name }, after: { name: input.name } });
  return { id: before.id, name: input.name };
}

/** Deletes a policy that nothing uses; otherwise says where it is used. */
export async function deletePolicy(tx: Tx, input: { policyId: number; version: number }, audit: Audit) {
  const before = await loadPolicy(tx, input.policyId);
  if (!before) throw new ActionError('This policy no longer exists. Reload the page.');
  if (isFallback(before)) throw new ActionError(`${HCS_POLICY_NAME} is the product's fallback policy and cannot be deleted.`);
  const usage = (await policyUsage(tx, [before.id])).get(before.id)!;
  if (usage.defaultAt.length || usage.accountCount) {
    const parts = [];
    if (usage.defaultAt.length) parts.push(`Default Credential Policy of ${usage.defaultAt.join(', ')}`);
    if (usage.accountCount) {
      const more = usage.accountCount - usage.accounts.length;
      parts.push(`assigned to ${usage.accounts.join(', ')}${more > 0 ? ` and ${more} more` : ''}`);
    }
    throw new ActionError(`"${before.name}" is in use and cannot be deleted: ${parts.join('; ')}. Choose another policy there first.`);
  }
  const deleted = await tx
    .delete(credentialPolicies)
    .where(and(eq(credentialPolicies.id, before.id), eq(credentialPolicies.version, input.version)))
    .returning({ id: credentialPolicies.id });
  if (!deleted.length) throw new ActionError(STALE_MESSAGE);
  await audit({ action: 'policy.delete', nodePath: before.nodePath, targetType: 'credential_policy', targetId: before.id, before: valuesOf(before) });
  return { name: before.name };
}

async function visiblePolicy(tx: Tx, policyId: number, nodePath: string): Promise<Policy> {
  const p = await loadPolicy(tx, policyId);
  // The same message whether the policy does not exist or lies outside the node's ancestry: other
  // tenants' policies are not to be probed.
  if (!p || !selfAndAncestors(nodePath).includes(p.nodePath)) {
    throw new ActionError(`Choose a policy defined at ${nodePath} or above it.`, { policyId: ['Not a policy defined at or above this node'] });
  }
  return p;
}

/** Names (or, with "", stops naming) the node's Default Credential Policy. */
export async function setNodeDefault(tx: Tx, input: { node: string; policyId: number | '' }, audit: Audit) {
  const node = await getNodeByPath(tx, input.node);
  if (!node) throw new ActionError(`There is no node ${input.node}.`);
  const current = await ownDefault(tx, node.id);
  const currentPolicy = current ? await loadPolicy(tx, current.policyId) : null;
  const before = currentPolicy ? { policyId: currentPolicy.id, name: currentPolicy.name, definedAt: currentPolicy.nodePath } : { inherited: true };
  if (input.policyId === '') {
    if (node.path === 'sys.hcs') throw new ActionError(`sys.hcs names ${HCS_POLICY_NAME}, the fallback of every node; choose another policy instead.`);
    if (!current) return { reverted: false };
    await tx.delete(nodeDefaultPolicies).where(eq(nodeDefaultPolicies.nodeId, node.id));
    await audit({ action: 'policy.default.revert', nodePath: node.path, targetType: 'node', targetId: node.path, before, after: { inherited: true } });
    return { reverted: true };
  }
  const p = await visiblePolicy(tx, input.policyId, node.path);
  await tx
    .insert(nodeDefaultPolicies)
    .values({ nodeId: node.id, policyId: p.id })
    .onConflictDoUpdate({ target: nodeDefaultPolicies.nodeId, set: { policyId: p.id, version: sql`${nodeDefaultPolicies.version} + 1`, updatedAt: new Date() } });
  await audit({ action: 'policy.default.set', nodePath: node.path, targetType: 'node', targetId: node.path, before, after: { policyId: p.id, name: p.name, definedAt: p.nodePath } });
  return { reverted: false };
}

/** The account's node path, for the wrapper's scope check (null when there is no such account). */
export async function accountNodePath(tx: Tx, username: string): Promise<string | null> {
  const [row] = await tx
    .select({ path: nodes.path })
    .from(accounts)
    .innerJoin(nodes, eq(nodes.id, accounts.nodeId))
    .where(sql`lower(${accounts.username}) = lower(${username})`);
  return row?.path ?? null;
}

/** Assigns a policy to an account explicitly, or ("") returns it to its node's default. */
export async function assignAccountPolicy(tx: Tx, input: { username: string; policyId: number | '' }, audit: Audit) {
  const [acc] = await tx
    .select({ id: accounts.id, username: accounts.username, nodePath: nodes.path, policyId: accounts.credentialPolicyId })
    .from(accounts)
    .innerJoin(nodes, eq(nodes.id, accounts.nodeId))
    .where(sql`lower(${accounts.username}) = lower(${input.username})`);
  if (!acc) throw new ActionError('There is no such account in your part of the hierarchy.');
  const beforePolicy = acc.policyId ? await loadPolicy(tx, acc.policyId) : null;
  const p = input.policyId === '' ? null : await visiblePolicy(tx, input.policyId, acc.nodePath);
  await tx
    .update(accounts)
    .set({ credentialPolicyId: p?.id ?? null, version: sql`${accounts.version} + 1`, updatedAt: new Date() })
    .where(eq(accounts.id, acc.id));
  await audit({
    action: 'account.policy.assign',
    nodePath: acc.nodePath,
    targetType: 'account',
    targetId: acc.username,
    before: beforePolicy ? { policyId: beforePolicy.id, name: beforePolicy.name } : { nodeDefault: true },
    after: p ? { policyId: p.id, name: p.name } : { nodeDefault: true },
  });
  return { policyName: p?.name ?? null };
}

/**
 * "Override here" on the Security page's Password Security section (SPEC §4): the node gets its own
 * copy of the default it inherits, named after the node, and names it as its default, in one step.
 */
export async function overrideInheritedDefault(tx: Tx, input: { node: string }, audit: Audit) {
  const node = await getNodeByPath(tx, input.node);
  if (!node) throw new ActionError(`There is no node ${input.node}.`);
  if (await ownDefault(tx, node.id)) throw new ActionError(`${node.path} already names its own Default Credential Policy; edit it instead.`);
  const { policy } = await inheritedBaseline(tx, node.path);
  let name = `${node.name} default`;
  for (let i = 2; await findNameClash(tx, node.path, name); i++) name = `${node.name} default ${i}`;
  const [created] = await tx
    .insert(credentialPolicies)
    .values({ ...valuesOf(policy), name, nodeId: node.id })
    .returning({ id: credentialPolicies.id });
  await tx.insert(nodeDefaultPolicies).values({ nodeId: node.id, policyId: created!.id });
  await audit({ action: 'policy.default.override', nodePath: node.path, targetType: 'node', targetId: node.path, before: { inherited: true, policy: policy.name, definedAt: policy.nodePath }, after: { policyId: created!.id, name, copiedFrom: policy.name } });
  return { policyId: created!.id };
}
