import type { Metadata } from 'next';
import { headers } from 'next/headers';
import Link from 'next/link';
import { LOGIN_CSRF_HEADER } from '@/lib/auth/login-csrf';
import { safeNextPath } from '@/lib/auth/next-path';
import { LoginForm } from './login-form';

export const metadata: Metadata = { title: 'Sign in' };

const REASONS: Record<string, string> = {
  expired: 'Your session has ended. Sign in again.',
  'signed-out': 'Sign in to continue.',
  'ip-denied': 'Your session was ended: connections from your current address are not allowed for your account.',
  'password-changed': 'Your password was changed. Sign in with the new password.',
  locked: 'Your account is locked; your Manager can help.',
  'too-many-codes': 'Too many codes were tried. Sign in again.',
};

export default async function LoginPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const sp = await searchParams;
  // Set by proxy.ts on every GET /login (a client-sent copy is replaced there).
  const csrfToken = (await headers()).get(LOGIN_CSRF_HEADER) ?? '';
  const reason = typeof sp.reason === 'string' ? REASONS[sp.reason] : undefined;
  const next = safeNextPath(sp.next);
  return (
    <main className="flex min-h-screen items-center justify-center p-6">
      <div className="w-full max-w-sm rounded-xl border border-slate-200 bg-white p-8 shadow-sm">
        <p className="text-xs font-semibold uppercase tracking-wider text-blue-700">Security Console</p>
        <h1 className="mt-1 text-2xl font-semibold">Sign in</h1>
        {reason && <p className="mt-3 rounded bg-slate-100 p-2 text-sm text-slate-700">{reason}</p>}
        <LoginForm next={next} csrfToken={csrfToken} />
        <p className="mt-4 text-sm">
          <Link href="/login/forgot-password" className="text-blue-700 underline">
            Forgot password?
          </Link>
        </p>
      </div>
    </main>
  );
}
