import type { Metadata } from 'next';
import QRCode from 'qrcode';
import { AuthenticatorSecret } from '@/components/authenticator-secret';
import { requireStage } from '@/lib/auth/request';
import { enrolmentSecret } from '@/lib/totp/enrolment';
import { totpUri } from '@/lib/totp/totp';
import { TwoFactorForm } from './two-factor-form';

export const metadata: Metadata = { title: 'Two-factor authentication' };

export default async function TwoFactorPage() {
  const actor = await requireStage(['totp', 'totp_enrol']);
  const enrolling = actor.stage === 'totp_enrol';
  const enrolment = enrolling ? { secret: enrolmentSecret(actor.sessionId) } : null;
  const qr = enrolment ? await QRCode.toDataURL(totpUri(enrolment.secret, actor.username), { margin: 1, width: 200 }) : null;
  return (
    <main className="flex min-h-screen items-center justify-center p-6">
      <div className="w-full max-w-md rounded-xl border border-slate-200 bg-white p-8 shadow-sm">
        <p className="text-xs font-semibold uppercase tracking-wider text-blue-700">Security Console</p>
        <h1 className="mt-1 text-2xl font-semibold">{enrolling ? 'Set up two-factor authentication' : 'Two-factor authentication'}</h1>
        {enrolment && qr ? (
          <div className="mt-3 space-y-3 text-sm text-slate-700">
            <p>
              Your organisation requires a one-time code at every sign-in. Scan this code with an authenticator app, then enter the 6-digit code it
              shows.
            </p>
            <AuthenticatorSecret qr={qr} secret={enrolment.secret} size={200} className="mx-auto" />
          </div>
        ) : (
          <p className="mt-3 text-sm text-slate-700">Enter the 6-digit code from your authenticator app.</p>
        )}
        <TwoFactorForm enrolling={enrolling} />
      </div>
    </main>
  );
}
