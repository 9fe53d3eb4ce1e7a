import 'server-only';
import { cookies } from 'next/headers';
import { SESSION_COOKIE } from '@/lib/sessions/token';

/** Sets the session cookie exactly as next-auth does at sign-in (lib/auth/next-auth.ts). */
export async function setSessionCookie(id: string): Promise<void> {
  (await cookies()).set(SESSION_COOKIE, id, {
    httpOnly: true,
    sameSite: 'lax',
    path: '/',
    secure: (process.env.NEXTAUTH_URL ?? '').startsWith('https:'),
    maxAge: 366 * 24 * 3600,
  });
}

export async function clearSessionCookie(): Promise<void> {
  (await cookies()).delete(SESSION_COOKIE);
}
