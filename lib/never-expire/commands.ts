import { and, eq, inArray, ne, sql } from 'drizzle-orm';
import { ActionError } from '@/lib/actions/result';
import { nodeCommand } from '@/lib/actions/run';
import type { Queryable } from '@/lib/db';
import { accounts, neverExpireAgreements, nodeSettings, nodes } from '@/lib/db/schema';
import { inSubtree } from '@/lib/hierarchy/queries';
import { deleteSetting, writeSetting } from '@/lib/security-settings/commands';
import { ownSettingRow, resolveSettings } from '@/lib/security-settings/queries';
import { AGREEMENT_VERSION } from './agreement';
import { neverExpireActivationFormSchema, neverExpireDecisionFormSchema } from './forms';
import type { NeverExpireRow } from './rules';

/** Opting out of Password Never Expires clears the flag on every account below the node at once. */
async function clearNeverExpireBelow(q: Queryable, nodePath: string): Promise<string[]> {
  const below = q.select({ id: nodes.id }).from(nodes).where(inSubtree(nodePath));
  const res = await q
    .update(accounts)
    .set({ passwordNeverExpires: false, updatedAt: new Date() })
    .where(and(eq(accounts.passwordNeverExpires, true), sql`${accounts.nodeId} in ${below}`))
    .returning({ username: accounts.username });
  return res.map((r) => r.username);
}

/** The Never-Expire rows strictly below a node, locked, with their paths. */
async function rowsBelow(q: Queryable, nodePath: string) {
  const rows = await q
    .select({ nodeId: nodeSettings.nodeId, value: nodeSettings.value, path: nodes.path })
    .from(nodeSettings)
    .innerJoin(nodes, eq(nodes.id, nodeSettings.nodeId))
    .where(and(eq(nodeSettings.group, 'neverExpire'), inSubtree(nodePath), ne(nodes.path, nodePath)))
    .for('update', { of: nodeSettings });
  return rows.map((r) => ({ ...r, value: r.value as NeverExpireRow }));
}

async function deleteRows(q: Queryable, nodeIds: number[]) {
  if (nodeIds.length === 0) return;
  await q.delete(nodeSettings).where(and(eq(nodeSettings.group, 'neverExpire'), inArray(nodeSettings.nodeId, nodeIds)));
}

/**
 * Turning the feature off at a node reaches every node below: their activations and decisions were
 * made under this one, so they go with it (the decisions stay in never_expire_agreements and the audit).
 */
async function removeEverythingBelow(q: Queryable, nodePath: string): Promise<string[]> {
  const rows = await rowsBelow(q, nodePath);
  await deleteRows(
    q,
    rows.map((r) => r.nodeId),
  );
  return rows.map((r) => r.path);
}

/**
 * An opt-out at a node withdraws every acceptance below it too: a decision row below goes, and a row
 * that also holds an operator's own activation keeps it, now not accepted.
 */
async function withdrawAcceptancesBelow(q: Queryable, nodePath: string): Promise<string[]> {
  const accepted = (await rowsBelow(q, nodePath)).filter((r) => r.value.accepted === true);
  await deleteRows(
    q,
    accepted.filter((r) => r.value.activated === undefined).map((r) => r.nodeId),
  );
  for (const r of accepted.filter((r) => r.value.activated !== undefined)) {
    await writeSetting(q, r.nodeId, 'neverExpire', { activated: r.value.activated, accepted: false });
  }
  return accepted.map((r) => r.path);
}

/** The "contact support" step of SPEC §6: only the System operator switches the feature on or off. */
export const setNeverExpireActivation = nodeCommand({
  name: 'setNeverExpireActivation',
  permission: 'never-expire:activate',
  schema: neverExpireActivationFormSchema,
  run: async (ctx, { path, id: nodeId }) => {
    const { value: before } = await ownSettingRow(ctx.tx, nodeId, 'neverExpire');
    let cleared: string[] = [];
    let removedBelow: string[] = [];
    if (ctx.input.activate) {
      // A new activation asks the Primary Contact again.
      await writeSetting(ctx.tx, nodeId, 'neverExpire', { activated: true, accepted: false });
    } else {
      await deleteSetting(ctx.tx, nodeId, 'neverExpire');
      removedBelow = await removeEverythingBelow(ctx.tx, path);
      // An activation further up would otherwise still reach this node.
      if ((await resolveSettings(ctx.tx, path, ['neverExpire'])).neverExpire.value.activated) {
        await writeSetting(ctx.tx, nodeId, 'neverExpire', { activated: false });
      }
      cleared = await clearNeverExpireBelow(ctx.tx, path);
    }
    const after = ctx.input.activate
      ? { activated: true, accepted: false }
      : { activated: false, accepted: false, clearedAccounts: cleared, removedBelow };
    await ctx.audit({
      action: 'never-expire.activation',
      nodePath: path,
      targetType: 'node_setting',
      targetId: `${path}:neverExpire`,
      before,
      after,
    });
    return { activated: ctx.input.activate };
  },
});

/**
 * Step 2 of SPEC §6: the node's Primary Contact accepts or declines the risk agreement. Who, when,
 * from which IP and which text version are recorded; declining (or opting out later) clears the
 * flag on every account below the node in the same transaction.
 */
export const decideNeverExpire = nodeCommand({
  name: 'decideNeverExpire',
  permission: 'never-expire:decide',
  schema: neverExpireDecisionFormSchema,
  run: async (ctx, { path, id: nodeId }) => {
    if (!ctx.actor.isPrimaryContact || ctx.actor.nodePath !== path) {
      throw new ActionError(`Only the Primary Contact of ${path} accepts or declines this agreement.`);
    }
    if (ctx.input.textVersion !== AGREEMENT_VERSION)
      throw new ActionError('The agreement text has changed since you opened the page. Reload it and read it again.');
    const resolved = (await resolveSettings(ctx.tx, path, ['neverExpire'])).neverExpire.value;
    if (!resolved.activated)
      throw new ActionError('Password Never Expires has not been activated for this node. Contact support (the System operator).');
    const { value: before } = await ownSettingRow(ctx.tx, nodeId, 'neverExpire');
    const accepted = ctx.input.decision === 'accept';
    // A decision, not an activation: the node's own activation (if the operator made one) is kept as
    // it is, and none is written otherwise.
    const own: NeverExpireRow = before?.activated === undefined ? {} : { activated: before.activated };
    await writeSetting(ctx.tx, nodeId, 'neverExpire', { ...own, accepted });
    const withdrawnBelow = accepted ? [] : await withdrawAcceptancesBelow(ctx.tx, path);
    const cleared = accepted ? [] : await clearNeverExpireBelow(ctx.tx, path);
    // Declining an acceptance in force is what the page offers as "Opt out", and is recorded as such.
    const decision = accepted ? 'accepted' : resolved.accepted ? 'opted_out' : 'declined';
    await ctx.tx
      .insert(neverExpireAgreements)
      .values({ nodeId, decision, accountId: ctx.actor.accountId, username: ctx.actor.username, ip: ctx.actor.ip, textVersion: AGREEMENT_VERSION });
    await ctx.audit({
      action: `never-expire.${decision.replace('_', '-')}`,
      nodePath: path,
      targetType: 'node_setting',
      targetId: `${path}:neverExpire`,
      before,
      after: { ...own, accepted, textVersion: AGREEMENT_VERSION, clearedAccounts: cleared, withdrawnBelow },
    });
    return { decision, cleared: cleared.length };
  },
});
