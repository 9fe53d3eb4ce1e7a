import { createHash, randomBytes } from 'node:crypto';
import { servedOverHttps } from '@/lib/net/security-headers';

/**
 * The session cookie. Over https it is `__Host-` prefixed (the browser then insists on Secure, path /
 * and no Domain, so no sibling host can set or shadow it). Plain http (the local demo) cannot carry
 * such a cookie, so it keeps the plain name.
 */
export const SESSION_COOKIE = servedOverHttps() ? '__Host-sc.session' : 'sc.session';

export function sessionCookieOptions() {
  return { httpOnly: true, sameSite: 'lax' as const, path: '/', secure: servedOverHttps() };
}

/** A fresh opaque session id: 256 random bits. Only its hash is stored. */
export function newSessionId(): string {
  return randomBytes(32).toString('base64url');
}

export function hashSessionId(id: string): string {
  return createHash('sha256').update(id).digest('hex');
}
