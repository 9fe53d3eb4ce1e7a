import 'server-only';
import { and, asc, count, eq, ilike, inArray, like, or, type SQL, sql } from 'drizzle-orm';
import { ActionError } from '@/lib/actions/result';
import { db, type Queryable } from '@/lib/db';
import { accounts, nodes } from '@/lib/db/schema';
import { isInSubtree, isValidPath, selfAndAncestors } from './rules';

export type NodeRow = { id: number; path: string; type: string; name: string; parentId: number | null };

const nodeColumns = { id: nodes.id, path: nodes.path, type: nodes.type, name: nodes.name, parentId: nodes.parentId };

export async function getNodeByPath(q: Queryable, path: string): Promise<NodeRow | null> {
  const [row] = await q.select(nodeColumns).from(nodes).where(eq(nodes.path, path)).limit(1);
  return row ?? null;
}

/** The node's id, inside an action: an unknown path refuses the action with a clear message. */
export async function nodeIdOf(q: Queryable, path: string): Promise<number> {
  const node = await getNodeByPath(q, path);
  if (!node) throw new ActionError(`There is no node ${path}.`);
  return node.id;
}

/** The subtree's condition: the node itself or any path below it. */
export function inSubtree(rootPath: string): SQL {
  const escaped = rootPath.replace(/[\\%_]/g, (c) => `\\${c}`);
  return or(eq(nodes.path, rootPath), like(nodes.path, `${escaped}.%`)) as SQL;
}

/** Up to this many nodes, the picker lists the whole subtree; above, it offers a bounded choice and a search. */
export const PICKER_LIMIT = 200;

export type NodeChoices = { nodes: NodeRow[]; complete: boolean };

/**
 * The nodes a picker offers. A subtree of at most PICKER_LIMIT nodes is listed whole; a larger one
 * (an HCS with 10,000 nodes) never is: the picker gets the current node, its ancestors within scope,
 * its children, and the nodes whose path or name contain `find`, at most PICKER_LIMIT in all.
 */
export async function nodeChoices(q: Queryable, rootPath: string, current: NodeRow | null, find?: string): Promise<NodeChoices> {
  const all = await q
    .select(nodeColumns)
    .from(nodes)
    .where(inSubtree(rootPath))
    .orderBy(asc(nodes.path))
    .limit(PICKER_LIMIT + 1);
  if (all.length <= PICKER_LIMIT) return { nodes: all, complete: true };
  const here = current?.path ?? rootPath;
  const term = (find ?? '')
    .trim()
    .slice(0, 100)
    .replace(/[\\%_]/g, (c) => `\\${c}`);
  const wanted = [
    inArray(
      nodes.path,
      selfAndAncestors(here).filter((p) => isInSubtree(p, rootPath)),
    ),
    ...(current ? [eq(nodes.parentId, current.id)] : []),
    ...(term ? [and(inSubtree(rootPath), or(ilike(nodes.path, `%${term}%`), ilike(nodes.name, `%${term}%`)))] : []),
  ];
  const rows = await q
    .select(nodeColumns)
    .from(nodes)
    .where(or(...wanted))
    .orderBy(asc(nodes.path))
    .limit(PICKER_LIMIT);
  return { nodes: rows, complete: false };
}

/** The picker of a page whose node is already resolved (`currentPath`, in the actor's subtree). */
export async function nodeChoicesAt(q: Queryable, rootPath: string, currentPath: string, find?: string): Promise<NodeChoices> {
  return nodeChoices(q, rootPath, await getNodeByPath(q, currentPath), find);
}

type NodeLookup = { ok: true; node: NodeRow } | { ok: false; reason: 'invalid' | 'forbidden' | 'unknown'; message: string };

/**
 * The scope rule (SPEC §1): an administrator acts only on nodes in their own subtree. A path outside
 * it is refused whether or not it exists, so other tenants' node names cannot be probed.
 */
async function lookupNodeInScope(q: Queryable, actorNodePath: string, requested: string | null | undefined): Promise<NodeLookup> {
  const path = (requested ?? actorNodePath).trim().toLowerCase();
  if (!isValidPath(path))
    return { ok: false, reason: 'invalid', message: `"${String(requested).slice(0, 80)}" is not a node path (expected e.g. sys.hcs.acme).` };
  if (!isInSubtree(path, actorNodePath))
    return { ok: false, reason: 'forbidden', message: `You can act only on ${actorNodePath} and the nodes below it.` };
  const node = await getNodeByPath(q, path);
  if (!node) return { ok: false, reason: 'unknown', message: `There is no node ${path}.` };
  return { ok: true, node };
}

/**
 * For pages with a `node` query parameter: the node, checked against the actor's scope (403 when
 * outside it), plus the actor's subtree for the node picker. Bad or unknown paths come back as a
 * message for the page to show.
 */
export async function pageNode(actor: { nodePath: string }, param: string | string[] | undefined, findParam?: string | string[]) {
  const requested = Array.isArray(param) ? param[0] : param;
  const find = Array.isArray(findParam) ? findParam[0] : findParam;
  const lookup = await lookupNodeInScope(db(), actor.nodePath, requested);
  if (!lookup.ok && lookup.reason === 'forbidden') {
    // Loaded here, not at the top: scripts and tests read nodes through this module outside Next.js.
    const { refuseAccess, scopeRefusal } = await import('@/lib/auth/forbidden');
    refuseAccess(scopeRefusal(actor.nodePath));
  }
  const here = lookup.ok ? lookup.node : await getNodeByPath(db(), actor.nodePath);
  const choices = await nodeChoices(db(), actor.nodePath, here, find);
  return { lookup, subtree: choices.nodes, complete: choices.complete, current: lookup.ok ? lookup.node.path : actor.nodePath, find: find ?? '' };
}

/** A node as the Hierarchy tree shows it: with how many children it has, so it can offer to expand. */
export type NodeSummary = { path: string; name: string; type: string; childCount: number };

const summaryColumns = {
  path: nodes.path,
  name: nodes.name,
  type: nodes.type,
  // Spelled out: inside a sql template drizzle may leave the outer column unqualified ("id"), which the
  // subquery would read as its own.
  childCount: sql<number>`(select count(*)::int from nodes c where c.parent_id = "nodes"."id")`,
};

/** At most this many children per expansion; search finds the rest (the tree stays usable at 10,000). */
export const CHILDREN_LIMIT = 200;

export async function nodeSummary(q: Queryable, path: string): Promise<NodeSummary | null> {
  const [row] = await q.select(summaryColumns).from(nodes).where(eq(nodes.path, path)).limit(1);
  return row ?? null;
}

/** The children of one node, by name, bounded; `more` says whether some were left out. */
export async function childrenOf(q: Queryable, path: string): Promise<{ children: NodeSummary[]; more: boolean }> {
  const parent = await getNodeByPath(q, path);
  if (!parent) return { children: [], more: false };
  const rows = await q
    .select(summaryColumns)
    .from(nodes)
    .where(eq(nodes.parentId, parent.id))
    .orderBy(asc(sql`lower(${nodes.name})`), asc(nodes.path))
    .limit(CHILDREN_LIMIT + 1);
  return { children: rows.slice(0, CHILDREN_LIMIT), more: rows.length > CHILDREN_LIMIT };
}

/** Nodes of a subtree whose name or path contains the term (case-insensitive), at most `limit`. */
export async function searchNodes(q: Queryable, rootPath: string, term: string, limit = 50): Promise<NodeSummary[]> {
  const t = `%${term
    .trim()
    .toLowerCase()
    .slice(0, 100)
    .replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
  return q
    .select(summaryColumns)
    .from(nodes)
    .where(and(inSubtree(rootPath), or(ilike(nodes.name, t), like(nodes.path, t))))
    .orderBy(asc(nodes.path))
    .limit(limit);
}

/** How many accounts sit at the node itself (what a delete would be refused for). */
export async function accountCountAt(q: Queryable, path: string): Promise<number> {
  const [row] = await q.select({ n: count() }).from(accounts).innerJoin(nodes, eq(nodes.id, accounts.nodeId)).where(eq(nodes.path, path));
  return Number(row?.n ?? 0);
}
