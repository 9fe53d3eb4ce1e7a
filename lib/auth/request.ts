import 'server-only';
import { cache } from 'react';
import { cookies, headers } from 'next/headers';
import { forbidden, redirect } from 'next/navigation';
import { db } from '@/lib/db';
import { env } from '@/lib/env';
import { clientIp, parseTrustedProxies } from '@/lib/net/client-ip';
import { checkSession, type LiveSession } from '@/lib/sessions/store';
import { SESSION_COOKIE } from '@/lib/sessions/token';
import { can, type Permission } from './permissions';

export type Actor = LiveSession & { ip: string; sessionId: string };

export function trustedProxies(): string[] {
  return parseTrustedProxies(env().TRUSTED_PROXIES);
}

export async function requestMeta(): Promise<{ ip: string; userAgent: string }> {
  const h = await headers();
  return { ip: clientIp(h, trustedProxies()), userAgent: h.get('user-agent') ?? '' };
}

/**
 * The data layer's own session check, independent of the proxy: every page, server action and route
 * handler resolves its actor through here. Cached per request so a render checks once.
 */
export const currentActor = cache(async (): Promise<Actor | null> => {
  const id = (await cookies()).get(SESSION_COOKIE)?.value;
  if (!id || id.length > 200) return null;
  const session = await checkSession(db(), id, { touch: true });
  if (!session) return null;
  const { ip } = await requestMeta();
  return { ...session, ip, sessionId: id };
});

/**
 * For pages: a signed-in console account whose sign-in is complete, or a redirect to where it must
 * go. With a permission, a role without it gets 403.
 */
export async function requireSession(permission?: Permission): Promise<Actor> {
  const actor = await currentActor();
  if (!actor) redirect('/login?reason=signed-out');
  if (actor.stage === 'change_password') redirect('/login/change-password');
  if (actor.stage === 'totp' || actor.stage === 'totp_enrol') redirect('/login/two-factor');
  if (actor.apiOnly) forbidden();
  if (permission && !can(actor.role, permission)) forbidden();
  return actor;
}
