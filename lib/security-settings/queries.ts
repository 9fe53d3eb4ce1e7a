import 'server-only';
import { and, eq, inArray, sql } from 'drizzle-orm';
import type { Queryable } from '@/lib/db';
import { rowsOf } from '@/lib/db/connect';
import { accounts, nodeSettings, nodes, SETTING_GROUPS, type SettingGroup } from '@/lib/db/schema';
import { inSubtree } from '@/lib/hierarchy/queries';
import { resolveNearest, selfAndAncestors } from '@/lib/hierarchy/rules';
import { type NeverExpireState, resolveNeverExpire } from '@/lib/never-expire/rules';
import { type EnforcedResolved, isEnforceable, resolveEnforceable } from './enforcement';
import { ROOT_SETTINGS, type SettingValue, settingGroupSchemas } from './groups';

export type ResolvedSettings = { [G in Exclude<SettingGroup, 'neverExpire'>]: EnforcedResolved<SettingValue<G>> } & {
  neverExpire: EnforcedResolved<NeverExpireState>;
};

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
  const out = {} as Record<SettingGroup, EnforcedResolved<unknown>>;
  for (const group of groups) {
    const defined = new Map<string, unknown>();
    for (const r of rows) {
      if (r.group !== group) continue;
      const parsed = settingGroupSchemas[group].safeParse(r.value);
      if (parsed.success) defined.set(r.path, parsed.data);
    }
    out[group] = resolveGroup(group, path, defined);
  }
  return out as ResolvedSettings;
}

/** The one resolution rule per group: Never Expire's own, enforcement from above, else the nearest definition. */
function resolveGroup(group: SettingGroup, path: string, defined: Map<string, unknown>): EnforcedResolved<unknown> {
  if (group === 'neverExpire') return resolveNeverExpire(path, defined as Map<string, SettingValue<'neverExpire'>>);
  const resolved = isEnforceable(group) ? resolveEnforceable(path, defined as Map<string, { enforced?: boolean }>) : resolveNearest(path, defined);
  return resolved ?? { value: ROOT_SETTINGS[group], from: 'sys', definedHere: path === 'sys' };
}

/**
 * One group resolved from rows already read (path, stored value), by the same rule as resolveSettings:
 * the nearest node whose value parses. For callers that fold the read into a statement of their own.
 */
export function resolveGroupFromRows<G extends SettingGroup>(
  group: G,
  path: string,
  rows: readonly { path: string; value: unknown }[],
): ResolvedSettings[G] {
  const defined = new Map<string, unknown>();
  for (const r of rows) {
    const parsed = settingGroupSchemas[group].safeParse(r.value);
    if (parsed.success) defined.set(r.path, parsed.data);
  }
  return resolveGroup(group, path, defined) as ResolvedSettings[G];
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

/**
 * Who "Require two-factor authentication" at a node would send to enrolment at their next sign-in:
 * local console accounts at the node or below without an authenticator, except below a node that
 * defines two-factor itself (it keeps its own value). `includesActor` when the saver is one of them.
 */
export async function countTwoFactorEnrolments(
  q: Queryable,
  nodePath: string,
  actorAccountId: number,
): Promise<{ count: number; includesActor: boolean }> {
  const escaped = nodePath.replace(/[\\%_]/g, (c) => `\\${c}`);
  // Counted per node from accounts_enrol_candidates_idx (the accounts' rows are not read), then the
  // nodes of the subtree that no setting below already covers are summed.
  const res = await q.execute(sql`
    select coalesce(sum(c.k), 0)::int as n, coalesce(bool_or(c.mine), false) as mine
    from (
      select a.node_id, count(*) as k, bool_or(a.id = ${actorAccountId}) as mine from accounts a
      where not a.api_only and a.auth_source = 'local' and a.totp_secret_enc is null and a.status <> 'disabled'
      group by a.node_id
    ) c join nodes n on n.id = c.node_id
    where (n.path = ${nodePath} or n.path like ${`${escaped}.%`})
      and not exists (
        select 1 from node_settings s join nodes d on d.id = s.node_id
        where s."group" = 'twoFactor' and d.path like ${`${escaped}.%`}
          and (n.path = d.path or n.path like d.path || '.%')
      )`);
  // Counted in the database: at the top of a large tree the ids would be ~100,000 rows sent for one number.
  const [row] = rowsOf<{ n: number; mine: boolean }>(res);
  return { count: Number(row?.n ?? 0), includesActor: Boolean(row?.mine) };
}

/** Accounts at the node or below holding the External ID grant (the setting's clearing hides it from them). */
export async function countExternalIdGrants(q: Queryable, nodePath: string): Promise<number> {
  const [row] = await q
    .select({ n: sql<number>`count(*)::int` })
    .from(accounts)
    .innerJoin(nodes, eq(nodes.id, accounts.nodeId))
    .where(and(eq(accounts.canManageExternalIds, true), inSubtree(nodePath)));
  return Number(row?.n ?? 0);
}
