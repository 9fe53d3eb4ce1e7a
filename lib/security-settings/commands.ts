import { and, eq, sql } from 'drizzle-orm';
import { ActionError } from '@/lib/actions/result';
import { type ActionContext, nodeCommand, type TargetNode } from '@/lib/actions/run';
import type { Queryable } from '@/lib/db';
import { nodeSettings } from '@/lib/db/schema';
import { isInSubtree } from '@/lib/hierarchy/rules';
import { ipAllowed } from '@/lib/net/ip';
import { externalIdsSettingRefusal } from '@/lib/users/rules';
import { enforcedRefusal, isEnforceable } from './enforcement';
import {
  dataSecurityModelFormSchema,
  externalIdsFormSchema,
  ipAllowlistFormSchema,
  revertSettingFormSchema,
  sessionTimeoutsFormSchema,
  twoFactorFormSchema,
} from './forms';
import { GROUP_TITLES, type SettingGroup, type SettingValue, settingGroupSchemas } from './groups';
import { ownSettingRow, resolveSettings } from './queries';

/**
 * The Security page's commands (SPEC §4) as action definitions; app/ binds them with defineAction and
 * the integration tests run them through the same wrapper with crafted input.
 */

/** Defines the group at the node ("Override here" and every later save). The value is re-validated. */
export async function writeSetting<G extends SettingGroup>(q: Queryable, nodeId: number, group: G, value: SettingValue<G>): Promise<void> {
  const checked = settingGroupSchemas[group].parse(value);
  await q
    .insert(nodeSettings)
    .values({ nodeId, group, value: checked })
    .onConflictDoUpdate({
      target: [nodeSettings.nodeId, nodeSettings.group],
      set: { value: checked, version: sql`${nodeSettings.version} + 1`, updatedAt: new Date() },
    });
}

/** "Revert to inherited": the node stops defining the group. */
export async function deleteSetting(q: Queryable, nodeId: number, group: SettingGroup): Promise<boolean> {
  const res = await q
    .delete(nodeSettings)
    .where(and(eq(nodeSettings.nodeId, nodeId), eq(nodeSettings.group, group)))
    .returning({ nodeId: nodeSettings.nodeId });
  return res.length > 0;
}

/**
 * A node below one that enforces the group cannot change it: not by saving, not by reverting. Read in
 * the transaction, so a crafted request meets the same refusal as the page's missing button.
 */
async function refuseIfEnforcedAbove(ctx: ActionContext<unknown>, node: TargetNode, group: SettingGroup) {
  if (!isEnforceable(group)) return;
  const { enforcedFrom } = (await resolveSettings(ctx.tx, node.path, [group]))[group];
  if (enforcedFrom) throw new ActionError(enforcedRefusal(GROUP_TITLES[group], enforcedFrom));
}

const CONFLICT_MESSAGE = 'Someone else changed this section since you opened the page. Reload to see their change, then save again.';

/**
 * Saves one group at a node and records before and after (before = the node's own row or null).
 * The form's version must match the row's (0 = inherited), so two people editing one section do not
 * silently overwrite each other.
 */
async function save<G extends SettingGroup>(
  ctx: ActionContext<{ node: string; version?: number }>,
  node: TargetNode,
  group: G,
  value: SettingValue<G>,
) {
  const { value: before, version } = await ownSettingRow(ctx.tx, node.id, group);
  if (ctx.input.version !== undefined && ctx.input.version !== version) throw new ActionError(CONFLICT_MESSAGE);
  await writeSetting(ctx.tx, node.id, group, value);
  await ctx.audit({
    action: `settings.${group}.save`,
    nodePath: node.path,
    targetType: 'node_setting',
    targetId: `${node.path}:${group}`,
    before,
    after: value,
  });
  return { saved: true as const, version: version + 1 };
}

const security = { permission: 'security:write' } as const;

export const saveIpAllowlist = nodeCommand({
  ...security,
  name: 'saveIpAllowlist',
  schema: ipAllowlistFormSchema,
  run: async (ctx, node) => {
    const { enabled, list, confirmSelfLockout, enforceBelow, normalised, duplicates } = ctx.input;
    await refuseIfEnforcedAbove(ctx, node, 'ipAllowlist');
    // The list governs the saver only when the saver sits at or below the node (SPEC §4: refuse a
    // list that would lock the saving Manager out unless they confirm explicitly).
    const governsSaver = isInSubtree(ctx.actor.nodePath, node.path);
    if (enabled && governsSaver && !ipAllowed(ctx.actor.ip, list) && !confirmSelfLockout) {
      throw new ActionError(`This list does not include your own IP address (${ctx.actor.ip}): saving it would lock you out.`, {
        confirmSelfLockout: ['Tick this box to save a list that excludes your own IP address'],
      });
    }
    const saved = await save(ctx, node, 'ipAllowlist', { enabled, entries: list, ...(enforceBelow ? { enforced: true } : {}) });
    // What the saver typed is not always what is stored: say what changed.
    return { ...saved, normalised, duplicates };
  },
});

export const saveTwoFactor = nodeCommand({
  ...security,
  name: 'saveTwoFactor',
  schema: twoFactorFormSchema,
  run: async (ctx, node) => {
    await refuseIfEnforcedAbove(ctx, node, 'twoFactor');
    return save(ctx, node, 'twoFactor', { required: ctx.input.required, ...(ctx.input.enforceBelow ? { enforced: true } : {}) });
  },
});

export const saveExternalIds = nodeCommand({
  ...security,
  name: 'saveExternalIds',
  schema: externalIdsFormSchema,
  run: (ctx, node) => {
    const refusal = externalIdsSettingRefusal(ctx.actor);
    if (refusal) throw new ActionError(refusal);
    // Grants stay on the accounts: clearing the setting hides them, setting it again restores them.
    return save(ctx, node, 'externalIds', { allowOthers: ctx.input.allowOthers });
  },
});

/** One-way (SPEC §4): there is deliberately no command that switches the model off. */
export const enableDataSecurityModel = nodeCommand({
  ...security,
  name: 'enableDataSecurityModel',
  schema: dataSecurityModelFormSchema,
  run: async (ctx, node) => {
    const current = (await resolveSettings(ctx.tx, node.path, ['dataSecurityModel'])).dataSecurityModel.value;
    if (current.enabled) throw new ActionError('The New Data Security Model is already enabled here.');
    return save(ctx, node, 'dataSecurityModel', { enabled: true, enabledAt: new Date().toISOString() });
  },
});

export const saveSessionTimeouts = nodeCommand({
  ...security,
  name: 'saveSessionTimeouts',
  schema: sessionTimeoutsFormSchema,
  run: (ctx, node) => {
    const { node: _node, version: _version, ...byRole } = ctx.input;
    const defined = Object.fromEntries(Object.entries(byRole).filter(([, m]) => m != null));
    return save(ctx, node, 'sessionTimeouts', { byRole: defined });
  },
});

export const revertSetting = nodeCommand({
  ...security,
  name: 'revertSetting',
  schema: revertSettingFormSchema,
  run: async (ctx, node) => {
    const { group } = ctx.input;
    if (node.path === 'sys') throw new ActionError('The root node defines every setting; there is nothing to inherit from.');
    // One-way and agreement-bound groups have their own flows; a crafted revert must not undo them.
    if (group === 'dataSecurityModel') throw new ActionError('The New Data Security Model cannot be switched off in the console.');
    if (group === 'neverExpire') throw new ActionError('Password Never Expires is changed through its agreement, not reverted here.');
    if (group === 'externalIds') {
      const refusal = externalIdsSettingRefusal(ctx.actor);
      if (refusal) throw new ActionError(refusal);
    }
    await refuseIfEnforcedAbove(ctx, node, group);
    const { value: before } = await ownSettingRow(ctx.tx, node.id, group);
    const reverted = await deleteSetting(ctx.tx, node.id, group);
    if (group === 'ipAllowlist' && isInSubtree(ctx.actor.nodePath, node.path)) {
      // Reverting can lock the saver out as surely as saving a list can.
      const inherited = (await resolveSettings(ctx.tx, node.path, ['ipAllowlist'])).ipAllowlist.value;
      if (inherited.enabled && !ipAllowed(ctx.actor.ip, inherited.entries)) {
        throw new ActionError(`The inherited list does not include your own IP address (${ctx.actor.ip}): reverting would lock you out.`);
      }
    }
    if (reverted)
      await ctx.audit({
        action: `settings.${group}.revert`,
        nodePath: node.path,
        targetType: 'node_setting',
        targetId: `${node.path}:${group}`,
        before,
        after: null,
      });
    return { reverted };
  },
});
