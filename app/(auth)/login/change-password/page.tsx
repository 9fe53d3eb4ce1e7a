import type { Metadata } from 'next';
import { ChangePasswordForm } from '@/components/change-password-form';
import { loadStageAccount } from '@/lib/auth/queries';
import { requireStage } from '@/lib/auth/request';
import { db } from '@/lib/db';
import { passwordExpiresAt } from '@/lib/policy/rules';
import { changeRequiredPasswordAction } from './actions';

export const metadata: Metadata = { title: 'Change your password' };

export default async function ChangePasswordPage() {
  const actor = await requireStage(['change_password']);
  const a = await loadStageAccount(db(), actor.accountId);
  if (!a) return null;
  const expiresAt = passwordExpiresAt(a, a.policy);
  const expired = expiresAt != null && expiresAt <= new Date();
  const { resetQuestionPool: _q, ...policy } = a.policy;
  return (
    <main className="flex min-h-screen items-center justify-center p-6">
      <div className="w-full max-w-md rounded-xl border border-slate-200 bg-white p-8 shadow-sm">
        <p className="text-xs font-semibold uppercase tracking-wider text-blue-700">Security Console</p>
        <h1 className="mt-1 text-2xl font-semibold">Change your password</h1>
        <p className="mt-2 text-sm text-slate-600">
          {a.mustChangePassword
            ? 'You must choose a new password before you continue.'
            : expired
              ? 'Your password has expired. Choose a new one to continue.'
              : 'Your password no longer meets your policy. Choose a new one to continue.'}
        </p>
        <div className="mt-6">
          <ChangePasswordForm
            action={changeRequiredPasswordAction}
            policy={{ ...policy, resetQuestionPool: [] }}
            firstName={a.firstName}
            lastName={a.lastName}
            submitLabel="Change password and continue"
            continueTo="/"
          />
        </div>
      </div>
    </main>
  );
}
