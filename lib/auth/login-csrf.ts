import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { type NextRequest, NextResponse } from 'next/server';
import { authSecret } from './secret';

/*
 * next-auth's CSRF token for the sign-in POST, minted when /login is served instead of fetched by the
 * browser afterwards, so that a sign-in is one request. It is next-auth's own double-submit token: the
 * cookie holds `token|sha256(token + secret)` (httpOnly, SameSite=Lax), the form posts `token`, and
 * next-auth's callback verifies both exactly as when its client fetched them from /api/auth/csrf.
 */

/** Request header through which the proxy hands the page its token; a client's own copy is replaced. */
export const LOGIN_CSRF_HEADER = 'x-sc-login-csrf';

const secure = () => (process.env.NEXTAUTH_URL ?? '').startsWith('https:');
/** next-auth's cookie name (core/lib/cookie.js): `__Host-` prefixed when served over https. */
export const csrfCookieName = () => `${secure() ? '__Host-' : ''}next-auth.csrf-token`;

const digest = (token: string) => createHash('sha256').update(`${token}${authSecret()}`).digest('hex');

/** The token of a cookie value this server signed, or null. */
export function tokenOfCookie(value: string | undefined): string | null {
  const [token, hash] = (value ?? '').split('|');
  if (!token || !hash || hash.length !== 64) return null;
  const expected = Buffer.from(digest(token));
  return timingSafeEqual(expected, Buffer.from(hash)) ? token : null;
}

/** GET /login: pass the page a valid token, minting the cookie when the browser has none. */
export function loginWithCsrf(request: NextRequest): NextResponse {
  const name = csrfCookieName();
  let token = tokenOfCookie(request.cookies.get(name)?.value);
  let cookie: string | null = null;
  if (!token) {
    token = randomBytes(32).toString('hex');
    cookie = `${token}|${digest(token)}`;
  }
  const headers = new Headers(request.headers);
  headers.set(LOGIN_CSRF_HEADER, token);
  const res = NextResponse.next({ request: { headers } });
  if (cookie) res.cookies.set(name, cookie, { httpOnly: true, sameSite: 'lax', path: '/', secure: secure() });
  return res;
}
