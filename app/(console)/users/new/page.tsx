import type { Metadata } from 'next';
import { Breadcrumb } from '@/components/breadcrumb';
import { ErrorPanel } from '@/components/ui';
import { requireSession } from '@/lib/auth/request';
import { db } from '@/lib/db';
import { pageNode } from '@/lib/hierarchy/queries';
import { externalIdsEditable } from '@/lib/users/commands';
import { roleLabel } from '@/lib/users/fields';
import { assignableRoles } from '@/lib/users/rules';
import { AccountInformation } from '../[username]/account-information';

export const metadata: Metadata = { title: 'New user' };

export default async function NewUserPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const actor = await requireSession('users:write');
  const { lookup, subtree } = await pageNode(actor, (await searchParams).node);
  const roles = assignableRoles(actor.role);
  return (
    <main className="space-y-5">
      <Breadcrumb items={['Users', 'New user']} />
      <h1 className="text-2xl font-semibold">New user</h1>
      {!lookup.ok ? (
        <ErrorPanel title="Unknown node">{lookup.message}</ErrorPanel>
      ) : (
        <div className="rounded-lg border border-slate-200 bg-white p-5">
          <AccountInformation
            mode="create"
            values={{
              username: '',
              firstName: '',
              lastName: '',
              email: '',
              role: 'user',
              node: lookup.node.path,
              authSource: 'local',
              apiOnly: false,
              externalId: '',
            }}
            roleOptions={roles.map((r) => ({ value: r, label: roleLabel(r) }))}
            roleEditable
            roleLabel={roleLabel('user')}
            nodeOptions={subtree.map((n) => n.path)}
            nodeEditable
            externalIdEditable={await externalIdsEditable(db(), actor)}
            editable
          />
        </div>
      )}
    </main>
  );
}
