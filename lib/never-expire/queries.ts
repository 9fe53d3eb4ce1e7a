import 'server-only';
import { desc, eq } from 'drizzle-orm';
import type { Queryable } from '@/lib/db';
import { neverExpireAgreements } from '@/lib/db/schema';

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
