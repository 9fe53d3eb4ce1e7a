import 'server-only';
import { isInSubtree, isValidPath } from '@/lib/hierarchy/rules';

/**
 * The subtree a log view shows: the `node` filter when it lies in the actor's subtree, else null (the
 * page answers 403, the export 403). Without a filter, the actor's own node.
 */
export function logRoot(actorNodePath: string, node: string | undefined): string | null {
  const path = (node ?? actorNodePath).trim().toLowerCase();
  if (!isValidPath(path) || !isInSubtree(path, actorNodePath)) return null;
  return path;
}
