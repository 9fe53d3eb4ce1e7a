import { type NextRequest, NextResponse } from 'next/server';
import { apiJson, unauthorized } from '@/lib/auth/api-responses';
import { db } from '@/lib/db';
import { env } from '@/lib/env';
import { clientIp, parseTrustedProxies } from '@/lib/net/client-ip';
import { checkRequest } from '@/lib/sessions/queries';
import { SESSION_COOKIE } from '@/lib/sessions/token';

/*
 * The early check, for comfort: it sends people without a live session to /login before any page
 * work. It is not the protection — every page, action and route handler checks again in the data
 * layer (lib/auth/request.ts), so a request that skips this proxy gains nothing.
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

export async function proxy(request: NextRequest) {
  const { pathname, search } = request.nextUrl;
  if (foreignOrigin(request)) return apiJson(403, { error: 'Cross-origin request refused' });
  const isApi = pathname.startsWith('/api/');
  if (isPublic(pathname) && !pathname.startsWith('/login/change-password') && !pathname.startsWith('/login/two-factor')) {
    return NextResponse.next();
  }
  const id = request.cookies.get(SESSION_COOKIE)?.value;
  // API calls with HTTP Basic credentials are authenticated by their route handler.
  if (isApi && request.headers.get('authorization')?.startsWith('Basic ')) return NextResponse.next();
  const ip = clientIp(request.headers, parseTrustedProxies(env().TRUSTED_PROXIES));
  const check = await checkRequest(db(), id, ip, { touch: false });
  if (!check.ok && check.reason === 'ip-denied') {
    if (isApi) return apiJson(403, { error: 'Connections from your address are not allowed' });
    const res = NextResponse.redirect(new URL('/login?reason=ip-denied', request.url));
    return res;
  }
  const session = check.ok ? check.session : null;
  if (!session) {
    if (isApi) return unauthorized();
    const url = new URL('/login', request.url);
    if (id) url.searchParams.set('reason', 'expired');
    if (pathname !== '/') url.searchParams.set('next', pathname + search);
    const res = NextResponse.redirect(url);
    if (id) res.cookies.delete(SESSION_COOKIE);
    return res;
  }
  const stagePage = STAGE_PAGES[session.stage];
  if (stagePage && !isApi && !pathname.startsWith(stagePage)) {
    return NextResponse.redirect(new URL(stagePage, request.url));
  }
  return NextResponse.next();
}

export const config = {
  matcher: ['/((?!_next/static|_next/image|favicon.ico|.*\\.(?:svg|png|ico|css|js)$).*)'],
};
