import { accountOperationRefusal } from '@/lib/users/rules';
import 'server-only';
import { and, eq, sql } from 'drizzle-orm';
import type { z } from 'zod';
import { ActionError } from '@/lib/actions/result';
import type { ActionContext, ActionDefinition } from '@/lib/actions/run';
import type { Tx } from '@/lib/db';
import { accounts, credentialPolicies, nodeDefaultPolicies } from '@/lib/db/schema';
import { getNodeByPath } from '@/lib/hierarchy/queries';
import { selfAndAncestors } from '@/lib/hierarchy/rules';
import { findAccount } from '@/lib/users/queries';
import { HCS_POLICY_NAME, type PolicyValues } from './fields';
import { assignPolicySchema, credentialPolicySchema, defaultPolicySchema, deletePolicySchema, pickValues, renamePolicySchema } from './forms';
import { refuseBelowMinimum, refuseWeakerInUseBelow } from './minimum';
import { findNameClash, inheritedBaseline, loadPolicy, ownDefault, policyUsage } from './queries';
import { type Policy, weakerFields } from './rules';
import { whatIfDefaultChange, whatIfPolicyEdit } from './what-if';

/*
 * The credential-policy commands (SPEC §3) as definitions for the action wrapper; app/ binds them
 * with defineAction and the integration tests run exactly these with crafted input.
 */

const STALE_MESSAGE = 'Someone else saved this policy after you opened it. Reload the page to see the current values, then make your change again.';

type Def<S extends z.ZodType, R> = ActionDefinition<S, R>;
type Ctx<S extends z.ZodType> = ActionContext<z.infer<S>>;

function valuesOf(p: Policy): PolicyValues & { name: string } {
  // Not the minimum mark: a copy of a minimum policy is an ordinary policy.
  const { id: _i, nodePath: _n, version: _v, minimumBelow: _m, ...rest } = p;
  return rest;
}

function isFallback(p: { name: string; nodePath: string }) {
  return p.name === HCS_POLICY_NAME && p.nodePath === 'sys.hcs';
}

// The node an existing policy is defined at, read from the database: a hidden "node" field is
// attacker-controlled and never decides the scope of an edit.
async function policyNode(tx: Tx, policyId: number): Promise<string | null> {
  return (await loadPolicy(tx, policyId))?.nodePath ?? null;
}

async function existingPolicy(tx: Tx, policyId: number): Promise<Policy> {
  const p = await loadPolicy(tx, policyId);
  if (!p) throw new ActionError('This policy no longer exists. Reload the page.');
  return p;
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

/** Writes a new name and values at the version the form was opened on; a stale version refuses. */
async function updateAtVersion(tx: Tx, id: number, version: number, set: Partial<typeof credentialPolicies.$inferInsert>) {
  const [row] = await tx
    .update(credentialPolicies)
    .set({ ...set, version: sql`${credentialPolicies.version} + 1`, updatedAt: new Date() })
    .where(and(eq(credentialPolicies.id, id), eq(credentialPolicies.version, version)))
    .returning({ version: credentialPolicies.version });
  if (!row) throw new ActionError(STALE_MESSAGE);
  return row.version;
}

async function createPolicy({ tx, input, audit }: Ctx<typeof credentialPolicySchema>, values: PolicyValues) {
  const node = await getNodeByPath(tx, input.node);
  if (!node) throw new ActionError(`There is no node ${input.node}.`);
  await refuseClash(tx, node.path, input.name);
  await refuseBelowMinimum(tx, node.path, values);
  if (input.minimumBelow) await refuseWeakerInUseBelow(tx, node.path, values, 0);
  const weaker = await refuseUnconfirmedWeaker(tx, node.path, 0, values, input.confirmWeaker);
  const [row] = await tx
    .insert(credentialPolicies)
    .values({ ...values, name: input.name, nodeId: node.id, minimumBelow: input.minimumBelow })
    .returning({ id: credentialPolicies.id, version: credentialPolicies.version });
  const after = { name: input.name, ...values, minimumBelow: input.minimumBelow, weakerThanInherited: weaker.map((w) => w.key) };
  await audit({ action: 'policy.create', nodePath: node.path, targetType: 'credential_policy', targetId: row?.id, after });
  if (input.makeDefault && row) {
    // Security page › Password Security › Override here: the pending copy becomes the node's default in
    // the same transaction, or nothing is saved.
    if (await ownDefault(tx, node.id)) throw new ActionError(`${node.path} already names its own Default Credential Policy; edit it instead.`);
    await tx.insert(nodeDefaultPolicies).values({ nodeId: node.id, policyId: row.id });
    await audit({
      action: 'policy.default.override',
      nodePath: node.path,
      targetType: 'node',
      targetId: node.path,
      before: { inherited: true },
      after: { policyId: row.id, name: input.name },
    });
  }
  return { id: row?.id as number, name: input.name, nodePath: node.path, version: row?.version as number };
}

/** Create (at `node`) or edit (`policyId` at `version`): the editor's one action. */
export const savePolicyDef = {
  name: 'savePolicy',
  permission: 'policy:write',
  schema: credentialPolicySchema,
  targetNode: (input, tx) => (input.mode === 'create' ? input.node : policyNode(tx, input.policyId)),
  run: async (ctx) => {
    const { tx, input, audit } = ctx;
    const values = pickValues(input);
    if (input.mode === 'create') return createPolicy(ctx, values);
    const before = await existingPolicy(tx, input.policyId);
    if (before.name !== input.name) {
      if (isFallback(before))
        throw new ActionError(`${HCS_POLICY_NAME} is the product's fallback policy and keeps its name.`, { name: ['Cannot be renamed'] });
      await refuseClash(tx, before.nodePath, input.name, before.id);
    }
    await refuseBelowMinimum(tx, before.nodePath, values, before.id);
    if (input.minimumBelow) await refuseWeakerInUseBelow(tx, before.nodePath, values, before.id);
    const weaker = await refuseUnconfirmedWeaker(tx, before.nodePath, before.id, values, input.confirmWeaker);
    const version = await updateAtVersion(tx, before.id, input.version, { ...values, name: input.name, minimumBelow: input.minimumBelow });
    const after = { name: input.name, ...values, minimumBelow: input.minimumBelow, weakerThanInherited: weaker.map((w) => w.key) };
    await audit({
      action: 'policy.update',
      nodePath: before.nodePath,
      targetType: 'credential_policy',
      targetId: before.id,
      before: { ...valuesOf(before), minimumBelow: before.minimumBelow ?? false },
      after,
    });
    return { id: before.id, name: input.name, nodePath: before.nodePath, version };
  },
} satisfies Def<typeof credentialPolicySchema, { id: number; name: string; nodePath: string; version: number }>;

export const renamePolicyDef = {
  name: 'renamePolicy',
  permission: 'policy:write',
  schema: renamePolicySchema,
  targetNode: (input, tx) => policyNode(tx, input.policyId),
  run: async ({ tx, input, audit }) => {
    const before = await existingPolicy(tx, input.policyId);
    if (isFallback(before)) throw new ActionError(`${HCS_POLICY_NAME} is the product's fallback policy and keeps its name.`);
    await refuseClash(tx, before.nodePath, input.name, before.id);
    await updateAtVersion(tx, before.id, input.version, { name: input.name });
    await audit({
      action: 'policy.rename',
      nodePath: before.nodePath,
      targetType: 'credential_policy',
      targetId: before.id,
      before: { name: before.name },
      after: { name: input.name },
    });
    return { id: before.id, name: input.name };
  },
} satisfies Def<typeof renamePolicySchema, { id: number; name: string }>;

/** Deletes a policy that nothing uses; otherwise says where it is used. */
export const deletePolicyDef = {
  name: 'deletePolicy',
  permission: 'policy:write',
  schema: deletePolicySchema,
  targetNode: (input, tx) => policyNode(tx, input.policyId),
  run: async ({ tx, input, audit }) => {
    const before = await existingPolicy(tx, input.policyId);
    if (isFallback(before)) throw new ActionError(`${HCS_POLICY_NAME} is the product's fallback policy and cannot be deleted.`);
    const usage = (await policyUsage(tx, [before.id])).get(before.id);
    if (usage && (usage.defaultAt.length || usage.accountCount)) {
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
    await audit({
      action: 'policy.delete',
      nodePath: before.nodePath,
      targetType: 'credential_policy',
      targetId: before.id,
      before: valuesOf(before),
    });
    return { name: before.name };
  },
} satisfies Def<typeof deletePolicySchema, { name: string }>;

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
export const setDefaultPolicyDef = {
  name: 'setDefaultPolicy',
  permission: 'policy:write',
  schema: defaultPolicySchema,
  targetNode: (input) => input.node,
  run: async ({ tx, input, audit }) => {
    const node = await getNodeByPath(tx, input.node);
    if (!node) throw new ActionError(`There is no node ${input.node}.`);
    const current = await ownDefault(tx, node.id);
    const currentPolicy = current ? await loadPolicy(tx, current.policyId) : null;
    const before = currentPolicy ? { policyId: currentPolicy.id, name: currentPolicy.name, definedAt: currentPolicy.nodePath } : { inherited: true };
    const entry = { nodePath: node.path, targetType: 'node', targetId: node.path, before };
    if (input.policyId === '') {
      if (node.path === 'sys.hcs')
        throw new ActionError(`sys.hcs names ${HCS_POLICY_NAME}, the fallback of every node; choose another policy instead.`);
      if (!current) return { reverted: false };
      await tx.delete(nodeDefaultPolicies).where(eq(nodeDefaultPolicies.nodeId, node.id));
      await audit({ ...entry, action: 'policy.default.revert', after: { inherited: true } });
      return { reverted: true };
    }
    const p = await visiblePolicy(tx, input.policyId, node.path);
    await refuseBelowMinimum(tx, node.path, p, p.id);
    await tx
      .insert(nodeDefaultPolicies)
      .values({ nodeId: node.id, policyId: p.id })
      .onConflictDoUpdate({
        target: nodeDefaultPolicies.nodeId,
        set: { policyId: p.id, version: sql`${nodeDefaultPolicies.version} + 1`, updatedAt: new Date() },
      });
    await audit({ ...entry, action: 'policy.default.set', after: { policyId: p.id, name: p.name, definedAt: p.nodePath } });
    return { reverted: false };
  },
} satisfies Def<typeof defaultPolicySchema, { reverted: boolean }>;

/** Assigns a policy to an account explicitly, or ("") returns it to its node's default. */
export const assignPolicyDef = {
  name: 'assignPolicy',
  permission: 'policy:write',
  schema: assignPolicySchema,
  // The account's node from the database; an unknown account gets the same refusal as one out of scope.
  targetNode: async (input, tx) => (await findAccount(tx, { username: input.username }))?.nodePath ?? null,
  run: async ({ tx, actor, input, audit }) => {
    const acc = await findAccount(tx, { username: input.username }, { scope: actor.nodePath, lock: true });
    if (!acc) throw new ActionError('There is no such account in your part of the hierarchy.');
    // A weaker policy is power over the account: the takeover rule of SPEC §1 applies.
    const refusal = accountOperationRefusal(actor, acc, 'assign-policy');
    if (refusal) throw new ActionError(refusal);
    const beforePolicy = acc.credentialPolicyId ? await loadPolicy(tx, acc.credentialPolicyId) : null;
    const p = input.policyId === '' ? null : await visiblePolicy(tx, input.policyId, acc.nodePath);
    if (p) await refuseBelowMinimum(tx, acc.nodePath, p, p.id);
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
  },
} satisfies Def<typeof assignPolicySchema, { policyName: string | null }>;

/** What-if of an edit (read-only; readers may preview too). A new policy governs no one yet. */
export const previewPolicyDef = {
  name: 'previewPolicy',
  permission: 'policy:read',
  schema: credentialPolicySchema,
  targetNode: (input, tx) => (input.mode === 'create' ? input.node : policyNode(tx, input.policyId)),
  run: async ({ tx, input }) =>
    input.mode === 'create' ? { governed: 0, expired: 0, inactive: 0 } : whatIfPolicyEdit(tx, input.policyId, pickValues(input)),
} satisfies Def<typeof credentialPolicySchema, { governed: number; expired: number; inactive: number }>;

export const previewDefaultDef = {
  name: 'previewDefault',
  permission: 'policy:read',
  schema: defaultPolicySchema,
  targetNode: (input) => input.node,
  run: async ({ tx, input }) => {
    // Only policies visible at the node: another tenant's policy is not to be probed through counts.
    if (input.policyId !== '') await visiblePolicy(tx, input.policyId, input.node);
    return whatIfDefaultChange(tx, input.node, input.policyId);
  },
} satisfies Def<typeof defaultPolicySchema, Awaited<ReturnType<typeof whatIfDefaultChange>>>;
