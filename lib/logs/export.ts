import 'server-only';
import { can } from '@/lib/auth/permissions';
import { currentActor } from '@/lib/auth/request';
import { db, type Queryable } from '@/lib/db';
import { csvStream } from './csv';
import { type LogFilter, parseLogFilter } from './forms';
import { logRoot } from './scope';

/** One log's CSV: its file name, header and cells, and its keyset page (as the page reads it). */
export interface LogExport<R extends { id: number }> {
  filename: string;
  header: string[];
  cells: (r: R) => unknown[];
  page: (q: Queryable, root: string, f: LogFilter, limit: number) => Promise<{ rows: R[]; next?: number }>;
}

/**
 * "Export CSV": every row the filter selects, streamed; the same session, permission and scope checks
 * as the log's page.
 */
export async function exportLogCsv<R extends { id: number }>(request: Request, log: LogExport<R>): Promise<Response> {
  const actor = await currentActor();
  if (actor?.stage !== 'active' || actor.apiOnly) return new Response('Sign in first', { status: 401 });
  if (!can(actor.role, 'logs:read')) return new Response('Forbidden', { status: 403 });
  const f = parseLogFilter(Object.fromEntries(new URL(request.url).searchParams));
  const root = logRoot(actor.nodePath, f.node);
  if (!root) return new Response('Forbidden', { status: 403 });
  const body = csvStream<R>(log.header, log.cells, (page) => log.page(db(), root, page, 1000), { ...f, before: undefined });
  return new Response(body, {
    headers: {
      'content-type': 'text/csv; charset=utf-8',
      'content-disposition': `attachment; filename="${log.filename}"`,
      'cache-control': 'no-store',
    },
  });
}
