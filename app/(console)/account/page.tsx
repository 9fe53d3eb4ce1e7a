import type { Metadata } from 'next';
import { ChangePasswordForm } from '@/components/change-password-form';
import { Card } from '@/components/ui';
import { loadStageAccount } from '@/lib/auth/queries';
import { requireSession } from '@/lib/auth/request';
import { db } from '@/lib/db';
import { savedQuestions } from '@/lib/recovery/queries';
import { roleLabel } from '@/lib/users/fields';
import { passwordExpiry } from '@/lib/users/queries';
import { changeOwnPasswordAction, saveSecurityQuestionsAction } from './actions';
import { SecurityQuestionsForm } from './security-questions-form';

export const metadata: Metadata = { title: 'My account' };

export default async function AccountPage() {
  const actor = await requireSession();
  const a = await loadStageAccount(db(), actor.accountId);
  if (!a) return null;
  const [expires, saved] = await Promise.all([passwordExpiry(db(), a), savedQuestions(db(), a.id)]);
  const questionCount = a.policy.questionsAskedDuringReset;
  return (
    <main className="grid max-w-4xl gap-4 md:grid-cols-2">
      <h1 className="text-2xl font-semibold md:col-span-2">My account</h1>
      <Card title="Account">
        <dl className="grid grid-cols-2 gap-y-1">
          <dt>Username</dt>
          <dd className="font-mono">{a.username}</dd>
          <dt>Role</dt>
          <dd>{roleLabel(actor.role)}</dd>
          <dt>Node</dt>
          <dd className="font-mono">{actor.nodePath}</dd>
          <dt>Password expires</dt>
          <dd>{expires ? expires.toUTCString().slice(0, 16) : 'Never'}</dd>
          <dt>Two-factor</dt>
          <dd>{a.totpSecretEnc ? 'Authenticator enrolled' : a.twoFactorRequired ? 'Required at next sign-in' : 'Not set up'}</dd>
        </dl>
      </Card>
      <Card title="Change password">
        <ChangePasswordForm
          action={changeOwnPasswordAction}
          policy={{ ...a.policy, resetQuestionPool: [] }}
          firstName={a.firstName}
          lastName={a.lastName}
        />
      </Card>
      <Card title="Security questions">
        {questionCount === 0 ? (
          <p>Your policy turns self-service password reset off: a forgotten password is reset by your Manager.</p>
        ) : (
          <SecurityQuestionsForm
            action={saveSecurityQuestionsAction}
            pool={a.policy.resetQuestionPool}
            count={questionCount}
            saved={saved.map((q) => q.question)}
          />
        )}
      </Card>
    </main>
  );
}
