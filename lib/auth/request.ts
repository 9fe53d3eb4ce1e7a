import 'server-only';
import { cookies, headers } from 'next/headers';
import { redirect } from 'next/navigation';
import { cache } from 'react';
import { db } from '@/lib/db';
import { env } from '@/lib/env';
import { clientIp, parseTrustedProxies } from '@/lib/net/client-ip';
import { checkRequest, type LiveSession } from '@/lib/sessions/queries';
import { SESSION_COOKIE } from '@/lib/sessions/token';
import { apiOnlyRefusal, refuseAccess, roleRefusal } from './forbidden';
import { can, type Permission } from './permissions';

export type Actor = LiveSession & { ip: string; userAgent: string; sessionId: string };

export function trustedProxies(): string[] {
  return parseTrustedProxies(env().TRUSTED_PROXIES);
}

/** Thrown when the client address is unknown: the request is refused, never served on a guess. */
export class UnknownClientAddress extends Error {
  constructor() {
    super('The client address could not be determined');
  }
}

export async function requestMeta(): Promise<{ ip: string; userAgent: string }> {
  const h = await headers();
  const ip = clientIp(h, trustedProxies());
  if (!ip) throw new UnknownClientAddress();
  return { ip, userAgent: h.get('user-agent') ?? '' };
}

/**
 * The data layer's own session check, independent of the proxy: every page, server action and route
 * handler resolves its actor through here. Cached per request so a render checks once.
 */
export const checkCurrentRequest = cache(async (): Promise<{ actor: Actor | null; reason?: 'no-session' | 'ip-denied' }> => {
  const id = (await cookies()).get(SESSION_COOKIE)?.value;
  const h = await headers();
  const ip = clientIp(h, trustedProxies());
  // No known client address, no actor: the allowlist cannot be checked, so nothing is served.
  if (!ip) return { actor: null, reason: 'ip-denied' };
  const userAgent = h.get('user-agent') ?? '';
  const check = await checkRequest(db(), id, ip, { touch: true });
  if (!check.ok || !id) return { actor: null, reason: check.ok ? 'no-session' : check.reason };
  return { actor: { ...check.session, ip, userAgent, sessionId: id } };
});

export async function currentActor(): Promise<Actor | null> {
  return (await checkCurrentRequest()).actor;
}

/**
 * For pages: a signed-in console account whose sign-in is complete, or a redirect to where it must
 * go. With a permission, a role without it gets 403.
 */
export async function requireSession(permission?: Permission): Promise<Actor> {
  const { actor, reason } = await checkCurrentRequest();
  if (!actor) redirect(reason === 'ip-denied' ? '/login?reason=ip-denied' : '/login?reason=signed-out');
  if (actor.stage === 'change_password') redirect('/login/change-password');
  if (actor.stage === 'totp' || actor.stage === 'totp_enrol') redirect('/login/two-factor');
  if (actor.apiOnly) refuseAccess(apiOnlyRefusal);
  if (permission && !can(actor.role, permission)) refuseAccess(roleRefusal(actor.role));
  return actor;
}

/** For the sign-in steps after the password: a live session that is at one of `stages`. */
export async function requireStage(stages: readonly LiveSession['stage'][]): Promise<Actor> {
  const { actor, reason } = await checkCurrentRequest();
  if (!actor) redirect(reason === 'ip-denied' ? '/login?reason=ip-denied' : '/login?reason=signed-out');
  if (!stages.includes(actor.stage)) redirect('/');
  return actor;
}
