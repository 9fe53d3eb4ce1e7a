import type { Metadata } from 'next';
import { requireSession } from '@/lib/auth/request';
import { loadMe } from '@/lib/users/me';
import { roleLabel } from '@/lib/security-settings/groups';
import { Card } from '@/components/ui';

export const metadata: Metadata = { title: 'My account' };

export default async function AccountPage() {
  const actor = await requireSession();
  const me = await loadMe(actor.accountId);
  return (
    <main className="max-w-xl space-y-4">
      <h1 className="text-2xl font-semibold">My account</h1>
      <Card title="Account">
        <dl className="grid grid-cols-2 gap-y-1">
          <dt>Username</dt><dd className="font-mono">{me?.username}</dd>
          <dt>Role</dt><dd>{roleLabel(actor.role)}</dd>
          <dt>Node</dt><dd className="font-mono">{actor.nodePath}</dd>
          <dt>Password expires</dt><dd>{me?.passwordExpiresAt ? new Date(me.passwordExpiresAt).toUTCString().slice(0, 16) : 'Never'}</dd>
        </dl>
      </Card>
    </main>
  );
}
