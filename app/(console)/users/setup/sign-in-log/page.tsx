import type { Metadata } from 'next';
import Link from 'next/link';
import { Breadcrumb } from '@/components/breadcrumb';
import { LogFilters } from '@/components/log-filters';
import { TableHead } from '@/components/ui';
import { filterQuery, SIGN_IN_OUTCOMES } from '@/lib/logs/forms';
import { logStamp, readLogPage } from '@/lib/logs/page';
import { signInLogPage } from '@/lib/logs/queries';

export const metadata: Metadata = { title: 'Sign-in log' };

export default async function SignInLogPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const { f, find, root, page, picker, filter } = await readLogPage(searchParams, signInLogPage);
  return (
    <main className="space-y-5">
      <Breadcrumb items={['Users', 'Setup', 'Sign-in log']} />
      <div className="flex flex-wrap items-end justify-between gap-4">
        <h1 className="text-2xl font-semibold">Sign-in log</h1>
        <a
          href={`/users/setup/sign-in-log/export?${filterQuery(filter)}`}
          className="rounded-md bg-blue-700 px-3 py-1.5 text-sm font-medium text-white"
        >
          Export CSV
        </a>
      </div>
      <LogFilters
        action="/users/setup/sign-in-log"
        nodes={picker.nodes}
        complete={picker.complete}
        find={find}
        current={root}
        values={f}
        outcomes={SIGN_IN_OUTCOMES}
      />
      <table className="w-full border-collapse text-sm">
        <TableHead columns={['When', 'Account', 'From', 'Channel', 'Outcome', 'Step', 'Detail', 'Node']} />
        <tbody>
          {page.rows.map((r) => (
            <tr key={r.id} className="border-t border-slate-200 align-top">
              <td className="p-2 whitespace-nowrap">{logStamp(r.at)}</td>
              <td className="p-2 font-mono">{r.username}</td>
              <td className="p-2 font-mono">{r.ip}</td>
              <td className="p-2">{r.channel}</td>
              <td className="p-2 font-mono">{r.outcome}</td>
              <td className="p-2 font-mono">{r.step}</td>
              <td className="p-2">{r.detail ?? ''}</td>
              <td className="p-2 font-mono">{r.nodePath ?? '—'}</td>
            </tr>
          ))}
          {page.rows.length === 0 && (
            <tr>
              <td colSpan={8} className="p-2 text-slate-600">
                No sign-ins match.
              </td>
            </tr>
          )}
        </tbody>
      </table>
      {page.next && (
        <Link href={`/users/setup/sign-in-log?${filterQuery(filter, { before: page.next })}`} className="text-blue-700 underline">
          Older sign-ins
        </Link>
      )}
    </main>
  );
}
