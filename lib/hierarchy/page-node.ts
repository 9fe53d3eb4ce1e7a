import 'server-only';
import { forbidden } from 'next/navigation';
import { db } from '@/lib/db';
import type { Actor } from '@/lib/auth/request';
import { lookupNodeInScope, type NodeLookup } from './scope';
import { listSubtree } from './queries';

/**
 * For pages with a `node` query parameter: the node, checked against the actor's scope (403 when
 * outside it), plus the actor's subtree for the node picker. Bad or unknown paths come back as a
 * message for the page to show.
 */
export async function pageNode(actor: Actor, param: string | string[] | undefined) {
  const requested = Array.isArray(param) ? param[0] : param;
  const lookup: NodeLookup = await lookupNodeInScope(db(), actor.nodePath, requested);
  if (!lookup.ok && lookup.reason === 'forbidden') forbidden();
  const subtree = await listSubtree(db(), actor.nodePath);
  return { lookup, subtree };
}
