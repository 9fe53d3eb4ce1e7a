import 'server-only';
import { forbidden } from 'next/navigation';
import { requireSession } from '@/lib/auth/request';
import { db, type Queryable } from '@/lib/db';
import { nodeChoicesAt } from '@/lib/hierarchy/queries';
import { type LogFilter, parseLogFilter } from './forms';
import { logRoot } from './scope';

/** When a log row happened, as both log pages show it. */
export const logStamp = (d: Date) => `${d.toISOString().slice(0, 19).replace('T', ' ')} UTC`;

/**
 * What a log page reads besides its rows' markup: the session (logs:read), the filter, the subtree it
 * shows (403 outside the actor's own), one page of rows, the node filter's choices (a large subtree is
 * searched, not listed: lib/hierarchy/queries.ts nodeChoices), and the filter without its paging.
 */
export async function readLogPage<P>(
  searchParams: Promise<Record<string, string | string[] | undefined>>,
  read: (q: Queryable, root: string, f: LogFilter) => Promise<P>,
) {
  const actor = await requireSession('logs:read');
  const sp = await searchParams;
  const f = parseLogFilter(sp);
  const find = typeof sp.find === 'string' ? sp.find : '';
  const root = logRoot(actor.nodePath, f.node);
  if (!root) forbidden();
  const [page, picker] = await Promise.all([read(db(), root, f), nodeChoicesAt(db(), actor.nodePath, root, find)]);
  const { before: _b, ...filter } = { ...f, node: root };
  return { f, find, root, page, picker, filter };
}
