import { and, eq, sql } from 'drizzle-orm';
import type { Queryable } from '@/lib/db/connect';
import { accounts, nodes, nodeSettings, type SettingGroup } from '@/lib/db/schema';
import { inSubtree } from '@/lib/hierarchy/queries';
import { ActionError } from '@/lib/actions/result';
import { settingGroupSchemas, type SettingValue } from './groups';

export async function nodeIdOf(q: Queryable, path: string): Promise<number> {
  const [n] = await q.select({ id: nodes.id }).from(nodes).where(eq(nodes.path, path)).limit(1);
  if (!n) throw new ActionError(`There is no node ${path}.`);
  return n.id;
}

/** The node's own definition of a group (null when it inherits), read under a row lock. */
export async function ownSetting<G extends SettingGroup>(q: Queryable, nodeId: number, group: G): Promise<SettingValue<G> | null> {
  const [row] = await q
    .select({ value: nodeSettings.value })
    .from(nodeSettings)
    .where(and(eq(nodeSettings.nodeId, nodeId), eq(nodeSettings.group, group)))
    .for('update');
  if (!row) return null;
  const parsed = settingGroupSchemas[group].safeParse(row.value);
  return parsed.success ? (parsed.data as SettingValue<G>) : null;
}

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

/** Opting out of Password Never Expires clears the flag on every account below the node at once. */
export async function clearNeverExpireBelow(q: Queryable, nodePath: string): Promise<string[]> {
  const below = q.select({ id: nodes.id }).from(nodes).where(inSubtree(nodePath));
  const res = await q
    .update(accounts)
    .set({ passwordNeverExpires: false, updatedAt: new Date() })
    .where(and(eq(accounts.passwordNeverExpires, true), sql`${accounts.nodeId} in ${below}`))
    .returning({ username: accounts.username });
  return res.map((r) => r.username);
}
