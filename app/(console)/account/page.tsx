import type { Metadata } from 'next';
import QRCode from 'qrcode';
import { ChangePasswordForm } from '@/components/change-password-form';
import { Card } from '@/components/ui';
import { loadStageAccount } from '@/lib/auth/queries';
import { requireSession } from '@/lib/auth/request';
import { db } from '@/lib/db';
import { savedQuestions } from '@/lib/recovery/queries';
import { accountEnrolmentSecret } from '@/lib/totp/account-enrolment';
import { unusedRecoveryCodes } from '@/lib/totp/recovery-codes';
import { totpUri } from '@/lib/totp/totp';
import { roleLabel } from '@/lib/users/fields';
import { passwordExpiry } from '@/lib/users/queries';
import { changeOwnPasswordAction, enrolAuthenticatorAction, newRecoveryCodesAction, saveSecurityQuestionsAction } from './actions';
import { SecurityQuestionsForm } from './security-questions-form';
import { EnrolAuthenticatorForm, NewRecoveryCodesForm } from './two-factor-forms';

export const metadata: Metadata = { title: 'My account' };

export default async function AccountPage() {
  const actor = await requireSession();
  const a = await loadStageAccount(db(), actor.accountId);
  if (!a) return null;
  const [expires, saved, codesLeft] = await Promise.all([passwordExpiry(db(), a), savedQuestions(db(), a.id), unusedRecoveryCodes(db(), a.id)]);
  const secret = accountEnrolmentSecret(actor.sessionId);
  const qr = await QRCode.toDataURL(totpUri(secret, a.username), { margin: 1, width: 160 });
  const questionCount = a.policy.questionsAskedDuringReset;
  return (
    <main className="grid max-w-4xl grid-cols-1 gap-4 md:grid-cols-2 [&>*]:min-w-0">
      <h1 className="text-2xl font-semibold md:col-span-2">My account</h1>
      <Card title="Account">
        <dl className="grid grid-cols-[auto_minmax(0,1fr)] gap-x-3 gap-y-1">
          <dt>Username</dt>
          <dd className="font-mono break-all">{a.username}</dd>
          <dt>Role</dt>
          <dd>{roleLabel(actor.role)}</dd>
          <dt>Node</dt>
          <dd className="font-mono break-all">{actor.nodePath}</dd>
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
      <Card title="Two-factor authentication">
        <div className="space-y-4">
          <p>
            {a.totpSecretEnc
              ? `An authenticator is set up; every sign-in asks for its code. Recovery codes left: ${codesLeft}.`
              : 'No authenticator is set up. Setting one up makes every sign-in ask for its code.'}
          </p>
          <EnrolAuthenticatorForm action={enrolAuthenticatorAction} qr={qr} secret={secret} replacing={a.totpSecretEnc != null} />
          {a.totpSecretEnc && <NewRecoveryCodesForm action={newRecoveryCodesAction} />}
        </div>
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
