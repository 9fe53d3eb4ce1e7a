import { and, eq, sql } from 'drizzle-orm';
import type { z } from 'zod';
import { ActionError } from '@/lib/actions/result';
import type { ActionContext, ActionDefinition } from '@/lib/actions/run';
import type { Queryable, Tx } from '@/lib/db';
import { nodeSettings } from '@/lib/db/schema';
import { nodeIdOf } from '@/lib/hierarchy/queries';
import { isInSubtree } from '@/lib/hierarchy/rules';
import { ipAllowed } from '@/lib/net/ip';
import { externalIdsSettingRefusal } from '@/lib/users/rules';
import {
  dataSecurityModelFormSchema,
  externalIdsFormSchema,
  ipAllowlistFormSchema,
  revertSettingFormSchema,
  sessionTimeoutsFormSchema,
  twoFactorFormSchema,
} from './forms';
import { type SettingGroup, type SettingValue, settingGroupSchemas } from './groups';
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

type NodeInput = { node: string; version?: number };
const targetNode = (input: NodeInput) => input.node.toLowerCase();

export const CONFLICT_MESSAGE = 'Someone else changed this section since you opened the page. Reload to see their change, then save again.';

/**
 * Saves one group at a node and records before and after (before = the node's own row or null).
 * The form's version must match the row's (0 = inherited), so two people editing one section do not
 * silently overwrite each other.
 */
async function save<G extends SettingGroup>(ctx: ActionContext<NodeInput>, group: G, value: SettingValue<G>) {
  const path = targetNode(ctx.input);
  const nodeId = await nodeIdOf(ctx.tx, path);
  const { value: before, version } = await ownSettingRow(ctx.tx, nodeId, group);
  if (ctx.input.version !== undefined && ctx.input.version !== version) throw new ActionError(CONFLICT_MESSAGE);
  await writeSetting(ctx.tx, nodeId, group, value);
  await ctx.audit({
    action: `settings.${group}.save`,
    nodePath: path,
    targetType: 'node_setting',
    targetId: `${path}:${group}`,
    before,
    after: value,
  });
  return { saved: true as const, version: version + 1 };
}

type Def<S extends z.ZodType> = ActionDefinition<S, { saved: true; version: number }>;

export const saveIpAllowlist: Def<typeof ipAllowlistFormSchema> = {
  name: 'saveIpAllowlist',
  permission: 'security:write',
  schema: ipAllowlistFormSchema,
  targetNode,
  run: async (ctx) => {
    const { enabled, list, confirmSelfLockout } = ctx.input;
    // The list governs the saver only when the saver sits at or below the node (SPEC §4: refuse a
    // list that would lock the saving Manager out unless they confirm explicitly).
    const governsSaver = isInSubtree(ctx.actor.nodePath, targetNode(ctx.input));
    if (enabled && governsSaver && !ipAllowed(ctx.actor.ip, list) && !confirmSelfLockout) {
      throw new ActionError(`This list does not include your own IP address (${ctx.actor.ip}): saving it would lock you out.`, {
        confirmSelfLockout: ['Tick this box to save a list that excludes your own IP address'],
      });
    }
    return save(ctx, 'ipAllowlist', { enabled, entries: list });
  },
};

export const saveTwoFactor: Def<typeof twoFactorFormSchema> = {
  name: 'saveTwoFactor',
  permission: 'security:write',
  schema: twoFactorFormSchema,
  targetNode,
  run: (ctx) => save(ctx, 'twoFactor', { required: ctx.input.required }),
};

export const saveExternalIds: Def<typeof externalIdsFormSchema> = {
  name: 'saveExternalIds',
  permission: 'security:write',
  schema: externalIdsFormSchema,
  targetNode,
  run: (ctx) => {
    const refusal = externalIdsSettingRefusal(ctx.actor);
    if (refusal) throw new ActionError(refusal);
    // Grants stay on the accounts: clearing the setting hides them, setting it again restores them.
    return save(ctx, 'externalIds', { allowOthers: ctx.input.allowOthers });
  },
};

async function dataModelEnabled(tx: Tx, path: string) {
  return (await resolveSettings(tx, path, ['dataSecurityModel'])).dataSecurityModel.value.enabled;
}

export const enableDataSecurityModel: Def<typeof dataSecurityModelFormSchema> = {
  name: 'enableDataSecurityModel',
  permission: 'security:write',
  schema: dataSecurityModelFormSchema,
  targetNode,
  run: async (ctx) => {
    if (await dataModelEnabled(ctx.tx, targetNode(ctx.input))) throw new ActionError('The New Data Security Model is already enabled here.');
    return save(ctx, 'dataSecurityModel', { enabled: true, enabledAt: new Date().toISOString() });
  },
};

export const saveSessionTimeouts: Def<typeof sessionTimeoutsFormSchema> = {
  name: 'saveSessionTimeouts',
  permission: 'security:write',
  schema: sessionTimeoutsFormSchema,
  targetNode,
  run: (ctx) => {
    const { node: _node, version: _version, ...byRole } = ctx.input;
    const defined = Object.fromEntries(Object.entries(byRole).filter(([, m]) => m != null));
    return save(ctx, 'sessionTimeouts', { byRole: defined });
  },
};

export const revertSetting: ActionDefinition<typeof revertSettingFormSchema, { reverted: boolean }> = {
  name: 'revertSetting',
  permission: 'security:write',
  schema: revertSettingFormSchema,
  targetNode,
  run: async (ctx) => {
    const path = targetNode(ctx.input);
    const { group } = ctx.input;
    if (path === 'sys') throw new ActionError('The root node defines every setting; there is nothing to inherit from.');
    // One-way and agreement-bound groups have their own flows; a crafted revert must not undo them.
    if (group === 'dataSecurityModel') throw new ActionError('The New Data Security Model cannot be switched off in the console.');
    if (group === 'neverExpire') throw new ActionError('Password Never Expires is changed through its agreement, not reverted here.');
    if (group === 'externalIds') {
      const refusal = externalIdsSettingRefusal(ctx.actor);
      if (refusal) throw new ActionError(refusal);
    }
    const nodeId = await nodeIdOf(ctx.tx, path);
    const { value: before } = await ownSettingRow(ctx.tx, nodeId, group);
    const reverted = await deleteSetting(ctx.tx, nodeId, group);
    if (group === 'ipAllowlist' && isInSubtree(ctx.actor.nodePath, path)) {
      // Reverting can lock the saver out as surely as saving a list can.
      const inherited = (await resolveSettings(ctx.tx, path, ['ipAllowlist'])).ipAllowlist.value;
      if (inherited.enabled && !ipAllowed(ctx.actor.ip, inherited.entries)) {
        throw new ActionError(`The inherited list does not include your own IP address (${ctx.actor.ip}): reverting would lock you out.`);
      }
    }
    if (reverted)
      await ctx.audit({
        action: `settings.${group}.revert`,
        nodePath: path,
        targetType: 'node_setting',
        targetId: `${path}:${group}`,
        before,
        after: null,
      });
    return { reverted };
  },
};
