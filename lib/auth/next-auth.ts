import 'server-only';
import type { NextAuthOptions } from 'next-auth';
import Credentials from 'next-auth/providers/credentials';
import { db } from '@/lib/db';
import { env } from '@/lib/env';
import { clientIp } from '@/lib/net/client-ip';
import { revokeSession } from '@/lib/sessions/commands';
import { SESSION_COOKIE } from '@/lib/sessions/token';
import { performSignIn } from './commands';
import { trustedProxies } from './request';
import { authSecret } from './secret';
import { SESSION_MAX_AGE_SECONDS, sessionCookieOptions } from './session-cookie';

/**
 * next-auth handles the sign-in route, its CSRF token and the cookie. The "JWT" it stores is replaced
 * by the opaque session id: the session itself is a database row (revocable, counted, idle-tracked).
 */
export function authOptions(): NextAuthOptions {
  return {
    secret: authSecret(),
    session: { strategy: 'jwt', maxAge: SESSION_MAX_AGE_SECONDS, updateAge: SESSION_MAX_AGE_SECONDS },
    jwt: {
      encode: async ({ token }) => String(token?.sid ?? ''),
      decode: async ({ token }) => (token ? { sid: token } : null),
    },
    cookies: {
      sessionToken: {
        name: SESSION_COOKIE,
        options: sessionCookieOptions(),
      },
    },
    pages: { signIn: '/login', error: '/login' },
    providers: [
      Credentials({
        name: 'Password',
        credentials: { username: { label: 'Username', type: 'text' }, password: { label: 'Password', type: 'password' } },
        async authorize(credentials, req) {
          const headers = (req?.headers ?? {}) as Record<string, string>;
          const ip = clientIp(headers, trustedProxies());
          if (!ip) throw new Error('invalid');
          const result = await performSignIn({
            username: String(credentials?.username ?? ''),
            password: String(credentials?.password ?? ''),
            ip,
            userAgent: String(headers['user-agent'] ?? ''),
            channel: 'console',
          });
          if (!result.ok) throw new Error(result.code === 'throttled' ? `throttled:${result.retryAfterSeconds ?? 60}` : result.code);
          return { id: String(result.account?.accountId), sid: result.sessionId } as never;
        },
      }),
    ],
    callbacks: {
      jwt: async ({ token, user }) => (user ? { sid: (user as unknown as { sid: string }).sid } : { sid: token.sid }),
      session: async ({ session }) => ({ expires: session.expires }) as never,
    },
    events: {
      signOut: async ({ token }) => {
        if (token?.sid) await revokeSession(db(), String(token.sid), 'signed-out');
      },
    },
    logger: {
      error: (code, meta) => {
        if (code !== 'CREDENTIALS_SIGNIN_ERROR') console.error('next-auth', code, env().NODE_ENV === 'production' ? '' : meta);
      },
      warn: () => {},
      debug: () => {},
    },
  };
}
