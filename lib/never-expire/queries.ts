import 'server-only';
import { and, desc, eq, sql } from 'drizzle-orm';
import type { Queryable } from '@/lib/db';
import { accounts, neverExpireAgreements, nodes } from '@/lib/db/schema';
import { inSubtree } from '@/lib/hierarchy/queries';

/** The node's recorded decisions on the agreement, newest first: who, when, from where, which text. */
export async function listAgreementDecisions(q: Queryable, nodeId: number, limit = 20) {
  return q
    .select({
      decision: neverExpireAgreements.decision,
      username: neverExpireAgreements.username,
      ip: neverExpireAgreements.ip,
      textVersion: neverExpireAgreements.textVersion,
      at: neverExpireAgreements.createdAt,
    })
    .from(neverExpireAgreements)
    .where(eq(neverExpireAgreements.nodeId, nodeId))
    .orderBy(desc(neverExpireAgreements.createdAt))
    .limit(limit);
}

/** Accounts at the node or below whose password is set to Never Expire (what turning it off clears). */
export async function countNeverExpireAccounts(q: Queryable, nodePath: string): Promise<number> {
  const [row] = await q
    .select({ n: sql<number>`count(*)::int` })
    .from(accounts)
    .innerJoin(nodes, eq(nodes.id, accounts.nodeId))
    .where(and(eq(accounts.passwordNeverExpires, true), inSubtree(nodePath)));
  return Number(row?.n ?? 0);
}
