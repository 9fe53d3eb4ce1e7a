import 'server-only';
import type { Queryable } from '@/lib/db';
import { isInSubtree, isValidPath } from './paths';
import { getNodeByPath, type NodeRow } from './queries';

export type NodeLookup =
  | { ok: true; node: NodeRow }
  | { ok: false; reason: 'invalid' | 'forbidden' | 'unknown'; message: string };

/**
 * The scope rule (SPEC §1): an administrator acts only on nodes in their own subtree. A path outside
 * it is refused whether or not it exists, so other tenants' node names cannot be probed.
 */
export async function lookupNodeInScope(q: Queryable, actorNodePath: string, requested: string | null | undefined): Promise<NodeLookup> {
  const path = (requested ?? actorNodePath).trim().toLowerCase();
  if (!isValidPath(path)) return { ok: false, reason: 'invalid', message: `"${String(requested).slice(0, 80)}" is not a node path (expected e.g. sys.hcs.acme).` };
  if (!isInSubtree(path, actorNodePath)) return { ok: false, reason: 'forbidden', message: `You can act only on ${actorNodePath} and the nodes below it.` };
  const node = await getNodeByPath(q, path);
  if (!node) return { ok: false, reason: 'unknown', message: `There is no node ${path}.` };
  return { ok: true, node };
}
