import type { ActionDefinition } from '@/lib/actions/run';
import { ActionError } from '@/lib/actions/result';
import { neverExpireAgreements } from '@/lib/db/schema';
import { resolveSettings } from '@/lib/hierarchy/queries';
import { clearNeverExpireBelow, nodeIdOf, ownSetting, writeSetting } from '@/lib/security-settings/store';
import { AGREEMENT_VERSION } from './agreement';
import { neverExpireDecisionFormSchema } from './forms';

/**
 * Step 2 of SPEC §6: the node's Primary Contact accepts or declines the risk agreement. Who, when,
 * from which IP and which text version are recorded; declining (or opting out later) clears the
 * flag on every account below the node in the same transaction.
 */
export const decideNeverExpire: ActionDefinition<typeof neverExpireDecisionFormSchema, { decision: 'accepted' | 'declined'; cleared: number }> = {
  name: 'decideNeverExpire',
  permission: 'never-expire:decide',
  schema: neverExpireDecisionFormSchema,
  targetNode: (input) => input.node.toLowerCase(),
  run: async (ctx) => {
    const path = ctx.input.node.toLowerCase();
    if (!ctx.actor.isPrimaryContact || ctx.actor.nodePath !== path) {
      throw new ActionError(`Only the Primary Contact of ${path} accepts or declines this agreement.`);
    }
    if (ctx.input.textVersion !== AGREEMENT_VERSION) throw new ActionError('The agreement text has changed since you opened the page. Reload it and read it again.');
    const nodeId = await nodeIdOf(ctx.tx, path);
    const resolved = (await resolveSettings(ctx.tx, path, ['neverExpire'])).neverExpire.value;
    if (!resolved.activated) throw new ActionError('Password Never Expires has not been activated for this node. Contact support (the System operator).');
    const before = await ownSetting(ctx.tx, nodeId, 'neverExpire');
    const accepted = ctx.input.decision === 'accept';
    await writeSetting(ctx.tx, nodeId, 'neverExpire', { activated: true, accepted });
    const cleared = accepted ? [] : await clearNeverExpireBelow(ctx.tx, path);
    const decision = accepted ? 'accepted' : 'declined';
    await ctx.tx.insert(neverExpireAgreements).values({ nodeId, decision, accountId: ctx.actor.accountId, username: ctx.actor.username, ip: ctx.actor.ip, textVersion: AGREEMENT_VERSION });
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
};
