import { exportLogCsv } from '@/lib/logs/export';
import { signInLogPage } from '@/lib/logs/queries';

/** "Export CSV" of the sign-in log: every sign-in the filter selects, with the page's checks (lib/logs/export.ts). */
export function GET(request: Request) {
  return exportLogCsv(request, {
    filename: 'sign-in-log.csv',
    header: ['when', 'account', 'from', 'channel', 'outcome', 'step', 'detail', 'node', 'user_agent'],
    cells: (r) => [r.at, r.username, r.ip, r.channel, r.outcome, r.step, r.detail, r.nodePath, r.userAgent],
    page: signInLogPage,
  });
}
