import type { Metadata } from 'next';
import Link from 'next/link';
import { Breadcrumb } from '@/components/breadcrumb';
import { NodePicker } from '@/components/node-picker';
import { ErrorPanel, TableHead } from '@/components/ui';
import { requireSession } from '@/lib/auth/request';
import { db } from '@/lib/db';
import { pageNode } from '@/lib/hierarchy/queries';
import { expiringPasswords } from '@/lib/overview/queries';

export const metadata: Metadata = { title: 'Expiring passwords' };

const LISTED = 200;

export default async function ExpiringPasswordsPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const actor = await requireSession('locked:read');
  const { lookup, subtree, current } = await pageNode(actor, (await searchParams).node);
  const all = lookup.ok ? await expiringPasswords(db(), lookup.node.path) : [];
  // The soonest first, at most LISTED of them: a large subtree can have thousands in their window.
  const rows = all.slice(0, LISTED);
  return (
    <main className="space-y-5">
      <Breadcrumb items={['Users', 'Expiring passwords']} />
      <div className="flex flex-wrap items-end justify-between gap-4">
        <div>
          <h1 className="text-2xl font-semibold">Expiring passwords</h1>
          <p className="text-sm text-slate-600">Accounts whose password expires within their policy&apos;s notice window, soonest first.</p>
        </div>
        <NodePicker nodes={subtree} current={current} action="/users/setup/expiring-passwords" />
      </div>
      {!lookup.ok && <ErrorPanel title="Unknown node">{lookup.message}</ErrorPanel>}
      <table className="w-full border-collapse text-sm">
        <TableHead columns={['Account', 'Node', 'Expires', 'Days left']} />
        <tbody>
          {rows.map((r) => (
            <tr key={r.username} className="border-t border-slate-200">
              <td className="p-2 font-mono">
                <Link href={`/users/${encodeURIComponent(r.username)}?tab=security`} className="text-blue-700 underline">
                  {r.username}
                </Link>
              </td>
              <td className="p-2 font-mono">{r.nodePath}</td>
              <td className="p-2">{r.expiresAt.toUTCString().slice(0, 22)}</td>
              <td className="p-2">{r.daysLeft}</td>
            </tr>
          ))}
          {rows.length === 0 && (
            <tr>
              <td colSpan={4} className="p-2 text-slate-600">
                No password expires soon.
              </td>
            </tr>
          )}
        </tbody>
      </table>
      {all.length > rows.length && (
        <p className="text-sm text-slate-600">
          The {rows.length} soonest of {all.length.toLocaleString('en')} are listed; choose a node further down to see the others.
        </p>
      )}
    </main>
  );
}
