import 'server-only';
import { asc, eq } from 'drizzle-orm';
import type { Queryable } from '@/lib/db';
import { accounts, nodes } from '@/lib/db/schema';
import { inSubtree } from '@/lib/hierarchy/queries';

/** Accounts of a subtree, with explicit columns only: no hash, secret or counter leaves here. */
export async function listAccounts(q: Queryable, subtreeRoot: string) {
  return q
    .select({
      username: accounts.username,
      firstName: accounts.firstName,
      lastName: accounts.lastName,
      role: accounts.role,
      status: accounts.status,
      apiOnly: accounts.apiOnly,
      authSource: accounts.authSource,
      nodePath: nodes.path,
    })
    .from(accounts)
    .innerJoin(nodes, eq(nodes.id, accounts.nodeId))
    .where(inSubtree(subtreeRoot))
    .orderBy(asc(nodes.path), asc(accounts.username))
    .limit(500);
}
