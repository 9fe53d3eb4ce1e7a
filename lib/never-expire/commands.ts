import { and, eq, sql } from 'drizzle-orm';
import { ActionError } from '@/lib/actions/result';
import { nodeCommand } from '@/lib/actions/run';
import type { Queryable } from '@/lib/db';
import { accounts, neverExpireAgreements, nodes } from '@/lib/db/schema';
import { inSubtree } from '@/lib/hierarchy/queries';
import { deleteSetting, writeSetting } from '@/lib/security-settings/commands';
import { ownSettingRow, resolveSettings } from '@/lib/security-settings/queries';
import { AGREEMENT_VERSION } from './agreement';
import { neverExpireActivationFormSchema, neverExpireDecisionFormSchema } from './forms';

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

/** The "contact support" step of SPEC §6: only the System operator switches the feature on or off. */
export const setNeverExpireActivation = nodeCommand({
  name: 'setNeverExpireActivation',
  permission: 'never-expire:activate',
  schema: neverExpireActivationFormSchema,
  run: async (ctx, { path, id: nodeId }) => {
    const { value: before } = await ownSettingRow(ctx.tx, nodeId, 'neverExpire');
    let cleared: string[] = [];
    if (ctx.input.activate) {
      // A new activation asks the Primary Contact again.
      await writeSetting(ctx.tx, nodeId, 'neverExpire', { activated: true, accepted: false });
    } else {
      await deleteSetting(ctx.tx, nodeId, 'neverExpire');
      if ((await resolveSettings(ctx.tx, path, ['neverExpire'])).neverExpire.value.activated) {
        await writeSetting(ctx.tx, nodeId, 'neverExpire', { activated: false, accepted: false });
      }
      cleared = await clearNeverExpireBelow(ctx.tx, path);
    }
    const after = ctx.input.activate ? { activated: true, accepted: false } : { activated: false, accepted: false, clearedAccounts: cleared };
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
    await writeSetting(ctx.tx, nodeId, 'neverExpire', { activated: true, accepted });
    const cleared = accepted ? [] : await clearNeverExpireBelow(ctx.tx, path);
    const decision = accepted ? 'accepted' : 'declined';
    await ctx.tx
      .insert(neverExpireAgreements)
      .values({ nodeId, decision, accountId: ctx.actor.accountId, username: ctx.actor.username, ip: ctx.actor.ip, textVersion: AGREEMENT_VERSION });
    await ctx.audit({
      action: `never-expire.${decision}`,
      nodePath: path,
      targetType: 'node_setting',
      targetId: `${path}:neverExpire`,
      before,
      after: { activated: true, accepted, textVersion: AGREEMENT_VERSION, clearedAccounts: cleared },
    });
    return { decision, cleared: cleared.length };
  },
});
