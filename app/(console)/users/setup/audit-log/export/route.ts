import { exportLogCsv } from '@/lib/logs/export';
import { auditLogPage } from '@/lib/logs/queries';

/** "Export CSV" of the audit log: every row the filter selects, with the page's checks (lib/logs/export.ts). */
export function GET(request: Request) {
  return exportLogCsv(request, {
    filename: 'audit-log.csv',
    header: ['when', 'who', 'from', 'action', 'node', 'target_type', 'target', 'before', 'after'],
    cells: (r) => [r.at, r.actorUsername, r.ip, r.action, r.nodePath, r.targetType, r.targetId, r.before, r.after],
    page: auditLogPage,
  });
}
