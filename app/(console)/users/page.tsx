import type { Metadata } from 'next';
import { db } from '@/lib/db';
import { requireSession } from '@/lib/auth/request';
import { pageNode } from '@/lib/hierarchy/page-node';
import { listAccounts } from '@/lib/users/queries';
import { roleLabel } from '@/lib/security-settings/groups';
import { Badge, ErrorPanel } from '@/components/ui';
import { NodePicker } from '@/components/node-picker';

export const metadata: Metadata = { title: 'Users' };

export default async function UsersPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const actor = await requireSession('users:read');
  const { lookup, subtree } = await pageNode(actor, (await searchParams).node);
  const current = lookup.ok ? lookup.node.path : actor.nodePath;
  const rows = lookup.ok ? await listAccounts(db(), lookup.node.path) : [];
  return (
    <main className="space-y-5">
      <div className="flex flex-wrap items-end justify-between gap-4">
        <div>
          <h1 className="text-2xl font-semibold">Users</h1>
          <p className="text-sm text-slate-600">Accounts at {current} and below.</p>
        </div>
        <NodePicker nodes={subtree} current={current} action="/users" />
      </div>
      {!lookup.ok && <ErrorPanel title="Unknown node">{lookup.message}</ErrorPanel>}
      <table className="w-full overflow-hidden rounded-lg border border-slate-200 bg-white text-sm">
        <thead className="bg-slate-100 text-left">
          <tr><th className="p-2">Username</th><th className="p-2">Name</th><th className="p-2">Role</th><th className="p-2">Node</th><th className="p-2">Status</th></tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr key={r.username} className="border-t border-slate-100">
              <td className="p-2 font-mono">{r.username} {r.apiOnly && <Badge>API only</Badge>}</td>
              <td className="p-2">{r.firstName} {r.lastName}</td>
              <td className="p-2">{roleLabel(r.role)}</td>
              <td className="p-2 font-mono text-xs">{r.nodePath}</td>
              <td className="p-2"><Badge tone={r.status === 'active' ? 'green' : 'amber'}>{r.status}</Badge></td>
            </tr>
          ))}
        </tbody>
      </table>
    </main>
  );
}
