import 'server-only';
import { and, asc, eq, inArray, ne, or, sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import { builtOnce, type Queryable } from '@/lib/db';
import { accounts, credentialPolicies, nodeDefaultPolicies, nodes } from '@/lib/db/schema';
import { inSubtree } from '@/lib/hierarchy/queries';
import { depth, parentPath, selfAndAncestors } from '@/lib/hierarchy/rules';
import { resolveSettings } from '@/lib/security-settings/queries';
import type { AuthSource, Role } from '@/lib/users/fields';
import { buildExplanation, type Explanation } from './explain';
import { HCS_POLICY_NAME } from './fields';
import { type EffectivePolicy, effectivePolicy, type Policy } from './rules';

const policyNode = alias(nodes, 'policy_node');
const defaultNode = alias(nodes, 'default_node');

type PolicyRow = typeof credentialPolicies.$inferSelect;

function toPolicy(row: PolicyRow, nodePath: string): Policy {
  const { nodeId: _n, createdAt: _c, updatedAt: _u, ...rest } = row;
  return { ...rest, nodePath } as Policy;
}

/** Tree depth the effective-policy statement is built for (sys › hcs › provider › reseller › customer › site). */
const USUAL_DEPTH = 6;

function effectivePolicyQuery(q: Queryable, depth: number) {
  const ancestors = sql.join(
    Array.from({ length: depth }, (_, i) => sql`${sql.placeholder(`a${i}`)}`),
    sql`, `,
  );
  return (
    q
      .select({ policy: credentialPolicies, policyNodePath: policyNode.path, defaultAt: defaultNode.path })
      .from(credentialPolicies)
      .innerJoin(policyNode, eq(policyNode.id, credentialPolicies.nodeId))
      .leftJoin(nodeDefaultPolicies, eq(nodeDefaultPolicies.policyId, credentialPolicies.id))
      .leftJoin(defaultNode, and(eq(defaultNode.id, nodeDefaultPolicies.nodeId), sql`${defaultNode.path} in (${ancestors})`))
      // The candidate ids first (each an indexed lookup), so the policies are fetched by primary key:
      // an OR across the joins made PostgreSQL read every policy and sort them (~5 ms at 300 policies).
      .where(
        inArray(
          credentialPolicies.id,
          sql`(select ndp.policy_id from ${nodeDefaultPolicies} ndp join ${nodes} dn on dn.id = ndp.node_id
          where dn.path in (${ancestors})
        union all select hcs.id from ${credentialPolicies} hcs join ${nodes} hn on hn.id = hcs.node_id
          where hn.path = 'sys.hcs' and hcs.name = ${HCS_POLICY_NAME}
        union all select ${sql.placeholder('explicitId')}::int)`,
        ),
      )
      .prepare(`effective_policy_${depth}`)
  );
}

/**
 * Everything that decides an account's policy, in one query: its explicit policy, the defaults
 * named at its node and every ancestor, and HcsCredentialPolicy at sys.hcs as the fallback.
 */
export async function loadEffectivePolicy(q: Queryable, nodePath: string, explicitPolicyId: number | null): Promise<EffectivePolicy> {
  const ancestors = selfAndAncestors(nodePath);
  const depth = Math.max(USUAL_DEPTH, ancestors.length);
  const query = builtOnce(q, `effective_policy_${depth}`, () => effectivePolicyQuery(q, depth));
  // Unused slots repeat the node's own path, so the statement's text is the same at every depth.
  const slots = Object.fromEntries(Array.from({ length: depth }, (_, i) => [`a${i}`, ancestors[i] ?? nodePath]));
  const rows = await query.execute({ ...slots, explicitId: explicitPolicyId ?? -1 });
  let explicit: Policy | null = null;
  let fallback: Policy | null = null;
  const defaults = new Map<string, Policy>();
  for (const r of rows) {
    const p = toPolicy(r.policy, r.policyNodePath);
    if (r.policy.id === explicitPolicyId) explicit = p;
    if (r.policy.name === HCS_POLICY_NAME && r.policyNodePath === 'sys.hcs') fallback = p;
    if (r.defaultAt) defaults.set(r.defaultAt, p);
  }
  if (!fallback) throw new Error(`${HCS_POLICY_NAME} is missing at sys.hcs: run npm run db:seed`);
  return effectivePolicy({ nodePath, explicit, nodeDefaults: defaults, fallback });
}

/** The minimum policies that govern a node: marked "Minimum below" at the node or above it, except `excludeId`. */
export async function minimumsGoverning(q: Queryable, nodePath: string, excludeId = 0): Promise<Policy[]> {
  const rows = await q
    .select({ policy: credentialPolicies, nodePath: policyNode.path })
    .from(credentialPolicies)
    .innerJoin(policyNode, eq(policyNode.id, credentialPolicies.nodeId))
    .where(
      and(eq(credentialPolicies.minimumBelow, true), inArray(policyNode.path, selfAndAncestors(nodePath)), ne(credentialPolicies.id, excludeId)),
    );
  // Highest first: a refusal names the minimum set furthest up.
  return rows.map((r) => toPolicy(r.policy, r.nodePath)).sort((a, b) => depth(a.nodePath) - depth(b.nodePath));
}

export interface PolicySummary {
  id: number;
  name: string;
  nodePath: string;
  version: number;
}

/** Policies visible at a node: those defined at it or at any node above it (SPEC §3), nearest first. */
export async function listVisiblePolicies(q: Queryable, nodePath: string): Promise<PolicySummary[]> {
  const rows = await q
    .select({ id: credentialPolicies.id, name: credentialPolicies.name, nodePath: nodes.path, version: credentialPolicies.version })
    .from(credentialPolicies)
    .innerJoin(nodes, eq(nodes.id, credentialPolicies.nodeId))
    .where(inArray(nodes.path, selfAndAncestors(nodePath)))
    .orderBy(asc(credentialPolicies.name));
  return rows.sort((a, b) => depth(b.nodePath) - depth(a.nodePath) || a.name.localeCompare(b.name));
}

export async function loadPolicy(q: Queryable, id: number): Promise<Policy | null> {
  const [row] = await q
    .select({ policy: credentialPolicies, nodePath: nodes.path })
    .from(credentialPolicies)
    .innerJoin(nodes, eq(nodes.id, credentialPolicies.nodeId))
    .where(eq(credentialPolicies.id, id));
  return row ? toPolicy(row.policy, row.nodePath) : null;
}

export interface PolicyUsage {
  defaultAt: string[];
  accounts: string[];
  accountCount: number;
}

/** Where each policy is used: as a node's default, and as accounts' explicit assignment. */
export async function policyUsage(q: Queryable, ids: number[]): Promise<Map<number, PolicyUsage>> {
  const out = new Map<number, PolicyUsage>(ids.map((id) => [id, { defaultAt: [], accounts: [], accountCount: 0 }]));
  if (!ids.length) return out;
  const defaults = await q
    .select({ policyId: nodeDefaultPolicies.policyId, path: nodes.path })
    .from(nodeDefaultPolicies)
    .innerJoin(nodes, eq(nodes.id, nodeDefaultPolicies.nodeId))
    .where(inArray(nodeDefaultPolicies.policyId, ids))
    .orderBy(asc(nodes.path));
  for (const d of defaults) out.get(d.policyId)?.defaultAt.push(d.path);
  const assigned = await q
    .select({ policyId: accounts.credentialPolicyId, username: accounts.username })
    .from(accounts)
    .where(inArray(accounts.credentialPolicyId, ids))
    .orderBy(asc(accounts.username));
  for (const a of assigned) {
    const u = a.policyId == null ? undefined : out.get(a.policyId);
    if (!u) continue;
    u.accountCount++;
    if (u.accounts.length < 20) u.accounts.push(a.username);
  }
  return out;
}

/**
 * Another policy with this name (case-insensitive) that would be visible together with one defined at
 * `nodePath`: defined at the node or above it, or below it (where both are visible).
 */
export async function findNameClash(q: Queryable, nodePath: string, name: string, excludeId = 0): Promise<PolicySummary | null> {
  const [row] = await q
    .select({ id: credentialPolicies.id, name: credentialPolicies.name, nodePath: nodes.path, version: credentialPolicies.version })
    .from(credentialPolicies)
    .innerJoin(nodes, eq(nodes.id, credentialPolicies.nodeId))
    .where(
      and(
        sql`lower(${credentialPolicies.name}) = lower(${name.trim()})`,
        ne(credentialPolicies.id, excludeId),
        or(inArray(nodes.path, selfAndAncestors(nodePath)), inSubtree(nodePath)),
      ),
    )
    .limit(1);
  return row ?? null;
}

/**
 * What a node would otherwise inherit, as the yardstick for "weaker" (SPEC §3): the default in force
 * at the node, or, when that default is the policy being edited, the one in force at its parent.
 */
export async function inheritedBaseline(q: Queryable, nodePath: string, policyId = 0): Promise<EffectivePolicy> {
  const here = await loadEffectivePolicy(q, nodePath, null);
  const parent = parentPath(nodePath);
  if (here.policy.id === policyId && parent) return loadEffectivePolicy(q, parent, null);
  return here;
}

/** The node's own Default Credential Policy row, if it names one. */
export async function ownDefault(q: Queryable, nodeId: number): Promise<{ policyId: number; version: number } | null> {
  const [row] = await q
    .select({ policyId: nodeDefaultPolicies.policyId, version: nodeDefaultPolicies.version })
    .from(nodeDefaultPolicies)
    .where(eq(nodeDefaultPolicies.nodeId, nodeId));
  return row ?? null;
}

/** The account facts that decide its policy (a row of the one account lookup, lib/users/queries.ts). */
interface PolicyAccount {
  username: string;
  nodePath: string;
  authSource: AuthSource;
  credentialPolicyId: number | null;
  role?: Role;
  sessionTimeoutMinutes?: number | null;
}

/** Where the default a node inherits comes from, for "inherited from …" (the fallback lives at sys.hcs). */
export function defaultSource(p: EffectivePolicy): string {
  return p.source.kind === 'node-default' ? p.source.nodePath : 'sys.hcs';
}

interface AssignmentView {
  explicitPolicyId: number | null;
  /** What "Use the node default" means today. */
  nodeDefault: { name: string; from: string };
  /** Exactly the policies defined at or above the account's node (SPEC §3). */
  options: PolicySummary[];
}

/** The credential-policy drop-down of an account's Security tab. */
export async function loadAssignmentView(q: Queryable, acc: PolicyAccount): Promise<AssignmentView> {
  const [def, options] = await Promise.all([loadEffectivePolicy(q, acc.nodePath, null), listVisiblePolicies(q, acc.nodePath)]);
  return { explicitPolicyId: acc.credentialPolicyId, nodeDefault: { name: def.policy.name, from: defaultSource(def) }, options };
}

/** "Why this policy" for an account (SPEC §10): the chain that chose it and every effective value. */
export async function explainAccountPolicy(q: Queryable, acc: PolicyAccount): Promise<Explanation> {
  const [effective, minimums] = await Promise.all([loadEffectivePolicy(q, acc.nodePath, acc.credentialPolicyId), minimumsGoverning(q, acc.nodePath)]);
  const rows = await q
    .select({ path: nodes.path, name: credentialPolicies.name, definedAt: policyNode.path })
    .from(nodeDefaultPolicies)
    .innerJoin(nodes, eq(nodes.id, nodeDefaultPolicies.nodeId))
    .innerJoin(credentialPolicies, eq(credentialPolicies.id, nodeDefaultPolicies.policyId))
    .innerJoin(policyNode, eq(policyNode.id, credentialPolicies.nodeId))
    .where(inArray(nodes.path, selfAndAncestors(acc.nodePath)));
  const timeouts = (await resolveSettings(q, acc.nodePath, ['sessionTimeouts'])).sessionTimeouts;
  const roleMinutes = acc.role ? timeouts.value.byRole[acc.role] : undefined;
  return buildExplanation({
    account: { username: acc.username, nodePath: acc.nodePath, authSource: acc.authSource },
    explicit: effective.source.kind === 'explicit' ? effective.policy : null,
    defaults: new Map(rows.map((r) => [r.path, { name: r.name, definedAt: r.definedAt }])),
    effective: effective.policy,
    session: acc.role
      ? {
          role: acc.role,
          roleTimeout: roleMinutes != null ? { minutes: roleMinutes, node: timeouts.from } : null,
          accountTimeout: acc.sessionTimeoutMinutes ?? null,
        }
      : undefined,
    minimums: minimums.map((m) => ({ name: m.name, definedAt: m.nodePath })),
  });
}
