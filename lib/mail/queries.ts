import 'server-only';
import { and, desc, eq, lt, type SQL } from 'drizzle-orm';
import type { Queryable } from '@/lib/db';
import { accounts, nodes, outbox } from '@/lib/db/schema';
import { inSubtree } from '@/lib/hierarchy/queries';

export const OUTBOX_PAGE_SIZE = 50;

/**
 * The outbox for a subtree: messages to accounts whose node lies in it, newest first, paged by id
 * (keyset: `before` is the last id of the previous page). Messages without an account are nobody's
 * subtree and are not listed.
 */
export async function listOutbox(q: Queryable, subtreeRoot: string, opts: { before?: number; account?: string } = {}) {
  const where: SQL[] = [inSubtree(subtreeRoot)];
  if (opts.before) where.push(lt(outbox.id, opts.before));
  if (opts.account) where.push(eq(accounts.username, opts.account.trim().toLowerCase()));
  const rows = await q
    .select({
      id: outbox.id,
      username: accounts.username,
      nodePath: nodes.path,
      toAddress: outbox.toAddress,
      subject: outbox.subject,
      body: outbox.body,
      createdAt: outbox.createdAt,
      sentAt: outbox.sentAt,
    })
    .from(outbox)
    .innerJoin(accounts, eq(accounts.id, outbox.accountId))
    .innerJoin(nodes, eq(nodes.id, accounts.nodeId))
    .where(and(...where))
    .orderBy(desc(outbox.id))
    .limit(OUTBOX_PAGE_SIZE + 1);
  return { rows: rows.slice(0, OUTBOX_PAGE_SIZE), next: rows.length > OUTBOX_PAGE_SIZE ? rows[OUTBOX_PAGE_SIZE - 1]?.id : undefined };
}
