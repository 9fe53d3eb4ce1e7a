import 'server-only';
import { and, asc, eq, gt, sql } from 'drizzle-orm';
import type { Queryable } from '@/lib/db';
import { accounts, nodes } from '@/lib/db/schema';
import { inSubtree } from '@/lib/hierarchy/queries';

export const LOCKED_PAGE_SIZE = 50;

/** Locked accounts of a subtree, by username, paged by the last username of the previous page. */
export async function listLockedAccounts(q: Queryable, subtreeRoot: string, after?: string) {
  const rows = await q
    .select({
      username: accounts.username,
      firstName: accounts.firstName,
      lastName: accounts.lastName,
      role: accounts.role,
      nodePath: nodes.path,
      statusReason: accounts.statusReason,
      lockedUntil: accounts.lockedUntil,
      updatedAt: accounts.updatedAt,
    })
    .from(accounts)
    .innerJoin(nodes, eq(nodes.id, accounts.nodeId))
    .where(and(inSubtree(subtreeRoot), eq(accounts.status, 'locked'), after ? gt(sql`lower(${accounts.username})`, after.toLowerCase()) : undefined))
    .orderBy(asc(sql`lower(${accounts.username})`))
    .limit(LOCKED_PAGE_SIZE + 1);
  return { rows: rows.slice(0, LOCKED_PAGE_SIZE), next: rows.length > LOCKED_PAGE_SIZE ? rows[LOCKED_PAGE_SIZE - 1]?.username : undefined };
}
