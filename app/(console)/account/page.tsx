import type { Metadata } from 'next';
import { db } from '@/lib/db';
import { requireSession } from '@/lib/auth/request';
import { loadStageAccount } from '@/lib/auth/stages';
import { loadMe } from '@/lib/users/me';
import { roleLabel } from '@/lib/security-settings/groups';
import { Card } from '@/components/ui';
import { ChangePasswordForm } from '@/components/change-password-form';
import { changeOwnPasswordAction } from './actions';

export const metadata: Metadata = { title: 'My account' };

export default async function AccountPage() {
  const actor = await requireSession();
  const [me, a] = await Promise.all([loadMe(actor.accountId), loadStageAccount(db(), actor.accountId)]);
  return (
    <main className="grid max-w-4xl gap-4 md:grid-cols-2">
      <h1 className="text-2xl font-semibold md:col-span-2">My account</h1>
      <Card title="Account">
        <dl className="grid grid-cols-2 gap-y-1">
          <dt>Username</dt><dd className="font-mono">{me?.username}</dd>
          <dt>Role</dt><dd>{roleLabel(actor.role)}</dd>
          <dt>Node</dt><dd className="font-mono">{actor.nodePath}</dd>
          <dt>Password expires</dt><dd>{me?.passwordExpiresAt ? new Date(me.passwordExpiresAt).toUTCString().slice(0, 16) : 'Never'}</dd>
          <dt>Two-factor</dt><dd>{a?.totpSecretEnc ? 'Authenticator enrolled' : a?.twoFactorRequired ? 'Required at next sign-in' : 'Not set up'}</dd>
        </dl>
      </Card>
      <Card title="Change password">
        {a && <ChangePasswordForm action={changeOwnPasswordAction} policy={{ ...a.policy, resetQuestionPool: [] }} firstName={a.firstName} lastName={a.lastName} />}
      </Card>
    </main>
  );
}
