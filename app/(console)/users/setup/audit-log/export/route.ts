import { can } from '@/lib/auth/permissions';
import { currentActor } from '@/lib/auth/request';
import { db } from '@/lib/db';
import { csvStream } from '@/lib/logs/csv';
import { parseLogFilter } from '@/lib/logs/forms';
import { type AuditRow, auditLogPage } from '@/lib/logs/queries';
import { logRoot } from '@/lib/logs/scope';

/** "Export CSV": every row the filter selects, streamed; the same session, permission and scope checks as the page. */
export async function GET(request: Request) {
  const actor = await currentActor();
  if (actor?.stage !== 'active' || actor.apiOnly) return new Response('Sign in first', { status: 401 });
  if (!can(actor.role, 'logs:read')) return new Response('Forbidden', { status: 403 });
  const f = parseLogFilter(Object.fromEntries(new URL(request.url).searchParams));
  const root = logRoot(actor.nodePath, f.node);
  if (!root) return new Response('Forbidden', { status: 403 });
  const body = csvStream<AuditRow>(
    ['when', 'who', 'from', 'action', 'node', 'target_type', 'target', 'before', 'after'],
    (r) => [r.at, r.actorUsername, r.ip, r.action, r.nodePath, r.targetType, r.targetId, r.before, r.after],
    (page) => auditLogPage(db(), root, page, 1000),
    { ...f, before: undefined },
  );
  return new Response(body, {
    headers: {
      'content-type': 'text/csv; charset=utf-8',
      'content-disposition': 'attachment; filename="audit-log.csv"',
      'cache-control': 'no-store',
    },
  });
}
