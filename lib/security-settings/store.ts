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
  return (await ownSettingRow(q, nodeId, group)).value;
}

/** The node's own row with its version (0 when the node inherits), read under a row lock. */
export async function ownSettingRow<G extends SettingGroup>(q: Queryable, nodeId: number, group: G): Promise<{ value: SettingValue<G> | null; version: number }> {
  const [row] = await q
    .select({ value: nodeSettings.value, version: nodeSettings.version })
    .from(nodeSettings)
    .where(and(eq(nodeSettings.nodeId, nodeId), eq(nodeSettings.group, group)))
    .for('update');
  if (!row) return { value: null, version: 0 };
  const parsed = settingGroupSchemas[group].safeParse(row.value);
  return { value: parsed.success ? (parsed.data as SettingValue<G>) : null, version: row.version };
}

/** Versions of the groups a node defines itself, for the forms' concurrent-edit check. */
export async function ownSettingVersions(q: Queryable, nodeId: number): Promise<Partial<Record<SettingGroup, number>>> {
  const rows = await q.select({ group: nodeSettings.group, version: nodeSettings.version }).from(nodeSettings).where(eq(nodeSettings.nodeId, nodeId));
  return Object.fromEntries(rows.map((r) => [r.group, r.version]));
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
