import 'server-only';
import { cookies } from 'next/headers';
import { SESSION_COOKIE } from '@/lib/sessions/token';

/** The session cookie's attributes: next-auth sets it at sign-in, we set it when a session rotates. */
export const SESSION_MAX_AGE_SECONDS = 366 * 24 * 3600;
export function sessionCookieOptions() {
  return { httpOnly: true, sameSite: 'lax' as const, path: '/', secure: (process.env.NEXTAUTH_URL ?? '').startsWith('https:') };
}

export async function setSessionCookie(id: string): Promise<void> {
  (await cookies()).set(SESSION_COOKIE, id, { ...sessionCookieOptions(), maxAge: SESSION_MAX_AGE_SECONDS });
}

export async function clearSessionCookie(): Promise<void> {
  (await cookies()).delete(SESSION_COOKIE);
}
