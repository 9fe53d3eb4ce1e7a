import 'server-only';
import { cookies } from 'next/headers';
import { SESSION_COOKIE, sessionCookieOptions } from '@/lib/sessions/token';

export { sessionCookieOptions };

/**
 * next-auth sets the cookie at sign-in, we set it when a session rotates; both with this long upper
 * bound, which proxy.ts brings down to the session's own absolute timeout on the next request.
 */
export const SESSION_MAX_AGE_SECONDS = 366 * 24 * 3600;

export async function setSessionCookie(id: string): Promise<void> {
  (await cookies()).set(SESSION_COOKIE, id, { ...sessionCookieOptions(), maxAge: SESSION_MAX_AGE_SECONDS });
}

export async function clearSessionCookie(): Promise<void> {
  // With the attributes it was set with: a browser ignores a Set-Cookie for a __Host- name without Secure.
  (await cookies()).set(SESSION_COOKIE, '', { ...sessionCookieOptions(), maxAge: 0 });
}
