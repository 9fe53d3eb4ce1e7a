import 'server-only';
import { and, asc, eq, inArray, like, or } from 'drizzle-orm';
import type { Queryable } from '@/lib/db';
import { nodes, nodeSettings, SETTING_GROUPS, type SettingGroup } from '@/lib/db/schema';
import { resolveNearest, type Resolved } from './resolve';
import { selfAndAncestors } from './paths';
import { ROOT_SETTINGS, settingGroupSchemas, type SettingValue } from '@/lib/security-settings/groups';

export type NodeRow = { id: number; path: string; type: string; name: string; parentId: number | null };

const nodeColumns = { id: nodes.id, path: nodes.path, type: nodes.type, name: nodes.name, parentId: nodes.parentId };

export async function getNodeByPath(q: Queryable, path: string): Promise<NodeRow | null> {
  const [row] = await q.select(nodeColumns).from(nodes).where(eq(nodes.path, path)).limit(1);
  return row ?? null;
}

/** The subtree's condition: the node itself or any path below it. */
export function inSubtree(rootPath: string) {
  const escaped = rootPath.replace(/[\\%_]/g, (c) => '\\' + c);
  return or(eq(nodes.path, rootPath), like(nodes.path, `${escaped}.%`));
}

export async function listSubtree(q: Queryable, rootPath: string): Promise<NodeRow[]> {
  return q.select(nodeColumns).from(nodes).where(inSubtree(rootPath)).orderBy(asc(nodes.path));
}

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
