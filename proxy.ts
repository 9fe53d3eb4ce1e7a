import { type NextRequest, NextResponse } from 'next/server';
import { apiJson } from '@/lib/auth/api-responses';
import { loginWithCsrf } from '@/lib/auth/login-csrf';
import { db } from '@/lib/db';
import { env } from '@/lib/env';
import { clientIp, parseTrustedProxies } from '@/lib/net/client-ip';
import { contentSecurityPolicy, securityHeaders, servedOverHttps } from '@/lib/net/security-headers';
import { checkRequest, type LiveSession } from '@/lib/sessions/queries';
import { SESSION_COOKIE, sessionCookieOptions } from '@/lib/sessions/token';

/*
 * The early check, for comfort: it sends people without a live session to /login before any page
 * work. It is not the protection — every page, action and route handler checks again in the data
 * layer (lib/auth/request.ts), so a request that skips this proxy gains nothing. It also puts the
 * security headers (a nonce-based Content-Security-Policy among them) on every answer.
 */

const PUBLIC = ['/login', '/login/forgot-password', '/api/auth', '/api/v1/health'];
const STAGE_PAGES: Record<string, string> = {
  change_password: '/login/change-password',
  totp: '/login/two-factor',
  totp_enrol: '/login/two-factor',
};

function isPublic(pathname: string): boolean {
  return PUBLIC.some((p) => pathname === p || pathname.startsWith(`${p}/`));
}

/** A state-changing request from a browser must come from our own origin (login CSRF, `Origin: null`). */
function foreignOrigin(request: NextRequest): boolean {
  if (request.method === 'GET' || request.method === 'HEAD' || request.method === 'OPTIONS') return false;
  const origin = request.headers.get('origin');
  if (origin == null) return false; // not a browser: API clients authenticate every call
  try {
    return origin === 'null' || new URL(origin).host !== request.headers.get('host');
  } catch {
    return true;
  }
}

const clearCookie = (res: NextResponse) => res.cookies.set(SESSION_COOKIE, '', { ...sessionCookieOptions(), maxAge: 0 });

/** The cookie lives as long as the session may: its absolute timeout from the sign-in. */
function fitCookie(res: NextResponse, id: string, s: LiveSession) {
  if (s.absoluteTimeoutMinutes <= 0) return;
  const expires = new Date(s.createdAt.getTime() + s.absoluteTimeoutMinutes * 60_000);
  res.cookies.set(SESSION_COOKIE, id, { ...sessionCookieOptions(), expires });
}

async function decide(request: NextRequest, pass: () => NextResponse): Promise<Response> {
  const { pathname, search } = request.nextUrl;
  if (foreignOrigin(request)) return apiJson(403, { error: 'Cross-origin request refused' });
  // Fail closed: without a known client address no allowlist or throttle can apply.
  const ip = clientIp(request.headers, parseTrustedProxies(env().TRUSTED_PROXIES));
  if (!ip) return apiJson(503, { error: 'The client address could not be determined' });
  // The sign-in page carries next-auth's CSRF token, so that signing in is one POST.
  if (pathname === '/login' && request.method === 'GET') return loginWithCsrf(request);
  // API routes answer in JSON and each checks its caller itself (HTTP Basic through the sign-in
  // decision, a session through the data layer's check), so checking here too would only double the
  // statement every call pays: there is no page to redirect to.
  if (pathname.startsWith('/api/')) return pass();
  if (isPublic(pathname) && !pathname.startsWith('/login/change-password') && !pathname.startsWith('/login/two-factor')) {
    return pass();
  }
  const id = request.cookies.get(SESSION_COOKIE)?.value;
  const check = await checkRequest(db(), id, ip, { touch: false });
  if (!check.ok && check.reason === 'ip-denied') return NextResponse.redirect(new URL('/login?reason=ip-denied', request.url));
  const session = check.ok ? check.session : null;
  if (!session || !id) {
    const url = new URL('/login', request.url);
    if (id) url.searchParams.set('reason', 'expired');
    if (pathname !== '/') url.searchParams.set('next', pathname + search);
    const res = NextResponse.redirect(url);
    if (id) clearCookie(res);
    return res;
  }
  const stagePage = STAGE_PAGES[session.stage];
  if (stagePage && !pathname.startsWith(stagePage)) {
    return NextResponse.redirect(new URL(stagePage, request.url));
  }
  const res = pass();
  // On page loads only: a server action's answer should not carry cookie changes it did not make.
  if (request.method === 'GET') fitCookie(res, id, session);
  return res;
}

export async function proxy(request: NextRequest) {
  const https = servedOverHttps();
  const nonce = Buffer.from(crypto.getRandomValues(new Uint8Array(18))).toString('base64');
  const csp = contentSecurityPolicy(nonce, { https, dev: process.env.NODE_ENV === 'development' });
  // Next.js reads the policy from the request to put the nonce on the scripts it renders.
  const requestHeaders = new Headers(request.headers);
  requestHeaders.set('content-security-policy', csp);
  requestHeaders.set('x-nonce', nonce);
  const res = await decide(request, () => NextResponse.next({ request: { headers: requestHeaders } }));
  for (const [k, v] of Object.entries(securityHeaders(csp, { https }))) res.headers.set(k, v);
  return res;
}

export const config = {
  matcher: ['/((?!_next/static|_next/image|favicon.ico|.*\\.(?:svg|png|ico|css|js)$).*)'],
};
