import 'server-only';
import { and, eq, inArray } from 'drizzle-orm';
import type { Queryable } from '@/lib/db';
import { nodeSettings, nodes, SETTING_GROUPS, type SettingGroup } from '@/lib/db/schema';
import { type Resolved, resolveNearest, selfAndAncestors } from '@/lib/hierarchy/rules';
import { ROOT_SETTINGS, type SettingValue, settingGroupSchemas } from './groups';

export type ResolvedSettings = { [G in SettingGroup]: Resolved<SettingValue<G>> };

/**
 * Every setting group of a node resolved by the nearest-ancestor rule, from one query over the node's
 * own path and its ancestors. A stored value that no longer parses is skipped (the next ancestor wins)
 * rather than trusted.
 */
export async function resolveSettings(q: Queryable, path: string, groups: readonly SettingGroup[] = SETTING_GROUPS): Promise<ResolvedSettings> {
  const rows = await q
    .select({ path: nodes.path, group: nodeSettings.group, value: nodeSettings.value })
    .from(nodeSettings)
    .innerJoin(nodes, eq(nodes.id, nodeSettings.nodeId))
    .where(and(inArray(nodes.path, selfAndAncestors(path)), inArray(nodeSettings.group, [...groups])));
  const out = {} as Record<SettingGroup, Resolved<unknown>>;
  for (const group of groups) {
    const defined = new Map<string, unknown>();
    for (const r of rows) {
      if (r.group !== group) continue;
      const parsed = settingGroupSchemas[group].safeParse(r.value);
      if (parsed.success) defined.set(r.path, parsed.data);
    }
    out[group] = resolveNearest(path, defined) ?? { value: ROOT_SETTINGS[group], from: 'sys', definedHere: path === 'sys' };
  }
  return out as ResolvedSettings;
}

/**
 * One group resolved from rows already read (path, stored value), by the same rule as resolveSettings:
 * the nearest node whose value parses. For callers that fold the read into a statement of their own.
 */
export function resolveGroupFromRows<G extends SettingGroup>(
  group: G,
  path: string,
  rows: readonly { path: string; value: unknown }[],
): Resolved<SettingValue<G>> {
  const defined = new Map<string, SettingValue<G>>();
  for (const r of rows) {
    const parsed = settingGroupSchemas[group].safeParse(r.value);
    if (parsed.success) defined.set(r.path, parsed.data as SettingValue<G>);
  }
  return resolveNearest(path, defined) ?? { value: ROOT_SETTINGS[group], from: 'sys', definedHere: path === 'sys' };
}

/** The node's own row of a group with its version (0 when the node inherits), read under a row lock. */
export async function ownSettingRow<G extends SettingGroup>(
  q: Queryable,
  nodeId: number,
  group: G,
): Promise<{ value: SettingValue<G> | null; version: number }> {
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
