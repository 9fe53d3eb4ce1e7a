import type { Metadata } from 'next';
import Link from 'next/link';
import { Breadcrumb } from '@/components/breadcrumb';
import { NodePicker } from '@/components/node-picker';
import { ErrorPanel, TableHead } from '@/components/ui';
import { requireSession } from '@/lib/auth/request';
import { db } from '@/lib/db';
import { pageNode } from '@/lib/hierarchy/queries';
import { listLockedAccounts } from '@/lib/notices/locked-accounts';
import { roleLabel } from '@/lib/users/fields';
import { accountOperationRefusal } from '@/lib/users/rules';
import { unlockAccountAction } from '../../[username]/actions';
import { UnlockButton } from './unlock-button';

export const metadata: Metadata = { title: 'Locked accounts' };

const stamp = (d: Date | null) => (d ? `${d.toISOString().slice(0, 16).replace('T', ' ')} UTC` : '');

export default async function LockedAccountsPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const actor = await requireSession('locked:read');
  const sp = await searchParams;
  const { lookup, subtree, current } = await pageNode(actor, sp.node);
  const after = typeof sp.after === 'string' ? sp.after : undefined;
  const page = lookup.ok ? await listLockedAccounts(db(), lookup.node.path, after) : null;
  return (
    <main className="space-y-5">
      <Breadcrumb items={['Users', 'Locked accounts']} />
      <div className="flex flex-wrap items-end justify-between gap-4">
        <h1 className="text-2xl font-semibold">Locked accounts</h1>
        <NodePicker nodes={subtree} current={current} action="/users/setup/locked-accounts" />
      </div>
      {!lookup.ok && <ErrorPanel title="Unknown node">{lookup.message}</ErrorPanel>}
      {page && (
        <table className="w-full border-collapse text-sm">
          <TableHead columns={['Account', 'Role', 'Node', 'Reason', 'Locked since', 'Until', '']} />
          <tbody>
            {page.rows.map((a) => (
              <tr key={a.username} className="border-t border-slate-200">
                <td className="p-2 font-mono">
                  <Link href={`/users/${encodeURIComponent(a.username)}?tab=security`} className="text-blue-700 underline">
                    {a.username}
                  </Link>
                </td>
                <td className="p-2">{roleLabel(a.role)}</td>
                <td className="p-2 font-mono">{a.nodePath}</td>
                <td className="p-2">{a.statusReason}</td>
                <td className="p-2 whitespace-nowrap">{stamp(a.updatedAt)}</td>
                <td className="p-2 whitespace-nowrap">{a.lockedUntil ? stamp(a.lockedUntil) : 'Until unlocked'}</td>
                <td className="p-2">
                  <UnlockButton
                    username={a.username}
                    action={unlockAccountAction}
                    refusal={accountOperationRefusal(actor, { id: -1, role: a.role, nodePath: a.nodePath }, 'unlock')}
                  />
                </td>
              </tr>
            ))}
            {page.rows.length === 0 && (
              <tr>
                <td colSpan={7} className="p-2 text-slate-600">
                  No locked accounts.
                </td>
              </tr>
            )}
          </tbody>
        </table>
      )}
      {page?.next && (
        <Link href={`/users/setup/locked-accounts?${new URLSearchParams({ node: current, after: page.next })}`} className="text-blue-700 underline">
          More
        </Link>
      )}
    </main>
  );
}
