import 'server-only';
import { cookies, headers } from 'next/headers';
import type { ActionActor } from '@/lib/actions/run';
import { SESSION_COOKIE } from '@/lib/sessions/token';
import { apiJson as json, unauthorized } from './api-responses';
import { performSignIn } from './commands';
import { checkCurrentRequest, requestMeta } from './request';

type Me = NonNullable<Awaited<ReturnType<typeof performSignIn>>['me']>;
type ApiAuth = { ok: true; actor: ActionActor; passwordChangeRequired: boolean; me: Me } | { ok: false; response: Response };

function basicCredentials(header: string | null): { username: string; password: string } | null {
  if (!header?.startsWith('Basic ')) return null;
  let decoded: string;
  try {
    decoded = Buffer.from(header.slice(6).trim(), 'base64').toString('utf8');
  } catch {
    return null;
  }
  const i = decoded.indexOf(':');
  if (i <= 0) return null;
  return { username: decoded.slice(0, i), password: decoded.slice(i + 1) };
}

/**
 * Authenticates an API call (SPEC §6, §9): HTTP Basic credentials of an API-only account, through the
 * same sign-in decision as the console (IP allowlist, throttling, lockout, expiry). Console accounts,
 * by credentials or by session cookie, get 403. The caller becomes an actor for the action wrapper.
 */
export async function authenticateApi(opts: { allowPasswordChange?: boolean } = {}): Promise<ApiAuth> {
  const h = await headers();
  const creds = basicCredentials(h.get('authorization'));
  if (!creds) {
    // A console session is told the API is not for it; a forged, ended or expired cookie is no session.
    if (!(await cookies()).get(SESSION_COOKIE)?.value) return { ok: false, response: unauthorized() };
    const { actor, reason } = await checkCurrentRequest();
    if (reason === 'ip-denied') return { ok: false, response: json(403, { error: 'Connections from your address are not allowed' }) };
    if (!actor) return { ok: false, response: unauthorized() };
    return { ok: false, response: json(403, { error: 'The API is for API-only accounts; use HTTP Basic credentials' }) };
  }
  const { ip, userAgent } = await requestMeta();
  const result = await performSignIn({
    username: creds.username,
    password: creds.password,
    ip,
    userAgent,
    channel: 'api',
  });
  if (!result.ok) {
    switch (result.code) {
      case 'throttled':
        return {
          ok: false,
          response: json(429, { error: 'Too many failed attempts from this address' }, { 'Retry-After': String(result.retryAfterSeconds ?? 60) }),
        };
      case 'ip-denied':
        return { ok: false, response: json(403, { error: 'Connections from this address are not allowed for this account' }) };
      case 'console-only':
        return { ok: false, response: json(403, { error: 'This account cannot use the API' }) };
      case 'expired-contact':
        return { ok: false, response: json(403, { error: 'The password has expired; ask a Manager to reset it' }) };
      case 'inactive':
        return { ok: false, response: json(403, { error: 'The account is disabled' }) };
      default:
        return { ok: false, response: unauthorized() };
    }
  }
  if (!result.account || !result.me) return { ok: false, response: unauthorized() };
  const passwordChangeRequired = result.stage === 'change_password';
  if (passwordChangeRequired && !opts.allowPasswordChange) {
    return { ok: false, response: json(403, { error: 'The password has expired or must be changed: POST /api/v1/password' }) };
  }
  const { account } = result;
  const actor: ActionActor = { ...account, apiOnly: true, stage: passwordChangeRequired ? 'change_password' : 'active', ip, userAgent };
  return { ok: true, actor, passwordChangeRequired, me: result.me };
}
