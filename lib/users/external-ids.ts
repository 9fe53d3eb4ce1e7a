import 'server-only';
import { and, desc, eq, inArray, ne, sql } from 'drizzle-orm';
import { ActionError } from '@/lib/actions/result';
import type { Queryable } from '@/lib/db';
import { accounts, nodes } from '@/lib/db/schema';
import { inSubtree } from '@/lib/hierarchy/queries';
import { isInSubtree, selfAndAncestors } from '@/lib/hierarchy/rules';

/**
 * The scope in which an External ID is unique: the subtree of the topmost customer or provider at or
 * above the account's node (one organisation's directory). An account on a system node (sys, sys.hcs)
 * belongs to no organisation: its scope is its own node.
 */
export async function externalIdScope(q: Queryable, nodePath: string): Promise<{ root: string; subtree: boolean }> {
  const [top] = await q
    .select({ path: nodes.path })
    .from(nodes)
    .where(and(inArray(nodes.path, selfAndAncestors(nodePath)), inArray(nodes.type, ['provider', 'customer'])))
    .orderBy(sql`length(${nodes.path})`)
    .limit(1);
  return top ? { root: top.path, subtree: true } : { root: nodePath, subtree: false };
}

/**
 * Refuses an External ID already held (case-insensitively) by another account in the scope, naming
 * the holder when it lies in the actor's own part of the hierarchy. A transaction-scoped advisory lock
 * on the scope serialises concurrent saves, so two of them cannot both pass the check.
 */
export async function refuseDuplicateExternalId(
  q: Queryable,
  input: { nodePath: string; externalId: string; accountId: number; actorNodePath: string },
): Promise<void> {
  const scope = await externalIdScope(q, input.nodePath);
  await q.execute(sql`select pg_advisory_xact_lock(hashtext(${`external-id:${scope.root}`}))`);
  const [holder] = await q
    .select({ username: accounts.username, nodePath: nodes.path })
    .from(accounts)
    .innerJoin(nodes, eq(nodes.id, accounts.nodeId))
    .where(
      and(
        sql`lower(${accounts.externalId}) = lower(${input.externalId})`,
        ne(accounts.id, input.accountId),
        scope.subtree ? inSubtree(scope.root) : eq(nodes.path, scope.root),
      ),
    )
    .orderBy(desc(accounts.id))
    .limit(1);
  if (!holder) return;
  const who = isInSubtree(holder.nodePath, input.actorNodePath)
    ? `${holder.username} (at ${holder.nodePath})`
    : `an account outside your part of the hierarchy`;
  const message = `External ID "${input.externalId}" is already used by ${who}. External IDs are unique within ${scope.root}, whatever their case.`;
  throw new ActionError(message, { externalId: [message] });
}
