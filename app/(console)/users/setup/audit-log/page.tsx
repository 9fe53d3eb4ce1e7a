import type { Metadata } from 'next';
import Link from 'next/link';
import { Breadcrumb } from '@/components/breadcrumb';
import { LogFilters } from '@/components/log-filters';
import { TableHead } from '@/components/ui';
import { filterQuery } from '@/lib/logs/forms';
import { logStamp, readLogPage } from '@/lib/logs/page';
import { auditLogPage } from '@/lib/logs/queries';

export const metadata: Metadata = { title: 'Audit log' };

const json = (v: unknown) => (v == null ? '—' : JSON.stringify(v));

export default async function AuditLogPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const { f, find, root, page, picker, filter } = await readLogPage(searchParams, auditLogPage);
  return (
    <main className="space-y-5">
      <Breadcrumb items={['Users', 'Setup', 'Audit log']} />
      <div className="flex flex-wrap items-end justify-between gap-4">
        <h1 className="text-2xl font-semibold">Audit log</h1>
        <a
          href={`/users/setup/audit-log/export?${filterQuery(filter)}`}
          className="rounded-md bg-blue-700 px-3 py-1.5 text-sm font-medium text-white"
        >
          Export CSV
        </a>
      </div>
      <LogFilters action="/users/setup/audit-log" nodes={picker.nodes} complete={picker.complete} find={find} current={root} values={f} />
      <table className="w-full border-collapse text-sm">
        <TableHead columns={['When', 'Who', 'From', 'Action', 'Node', 'Target', 'Before → after']} />
        <tbody>
          {page.rows.map((r) => (
            <tr key={r.id} className="border-t border-slate-200 align-top">
              <td className="p-2 whitespace-nowrap">{logStamp(r.at)}</td>
              <td className="p-2 font-mono">{r.actorUsername}</td>
              <td className="p-2 font-mono">{r.ip}</td>
              <td className="p-2 font-mono">{r.action}</td>
              <td className="p-2 font-mono">{r.nodePath ?? '—'}</td>
              <td className="p-2 font-mono">
                {r.targetType}
                {r.targetId ? ` ${r.targetId}` : ''}
              </td>
              <td className="max-w-md p-2 font-mono text-xs break-all">
                {json(r.before)} → {json(r.after)}
              </td>
            </tr>
          ))}
          {page.rows.length === 0 && (
            <tr>
              <td colSpan={7} className="p-2 text-slate-600">
                No entries match.
              </td>
            </tr>
          )}
        </tbody>
      </table>
      {page.next && (
        <Link href={`/users/setup/audit-log?${filterQuery(filter, { before: page.next })}`} className="text-blue-700 underline">
          Older entries
        </Link>
      )}
    </main>
  );
}
