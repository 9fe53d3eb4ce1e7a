import fs from 'node:fs';
import { expect, request as pwRequest, test } from '@playwright/test';
import fc from 'fast-check';
import { authFile, DEMO_PASSWORD } from './helpers';

/*
 * The API half of the authorisation matrix: every route × every kind of caller, expectations written by
 * hand from SPEC §9 (API-only accounts use HTTP Basic; console accounts get 403 there; nobody without
 * credentials gets past 401), then fast-check bodies for POST /api/v1/password: whatever arrives, a 4xx
 * or 200 with JSON, never a 5xx, and the password unchanged unless the answer says "changed".
 */

const basic = (user: string, password: string) => ({ authorization: `Basic ${Buffer.from(`${user}:${password}`).toString('base64')}` });
// Each test speaks through the trusted proxy as its own client address, so its failures throttle no other test.
const asClient = (client: string, extra: Record<string, string> = {}) =>
  pwRequest.newContext({ baseURL: process.env.PROXY_URL, extraHTTPHeaders: { 'x-forwarded-for': client, ...extra } });

type Caller = { name: string; headers: () => Record<string, string>; cookieOf?: string };
const CALLERS: Caller[] = [
  { name: 'no credentials', headers: () => ({}) },
  { name: 'an unknown account', headers: () => basic('no.such.account', 'Whatever-Passphrase-1') },
  { name: 'the API-only account', headers: () => basic('api.fuzz', DEMO_PASSWORD) },
  ...['operator', 'manager.contoso', 'unit.contoso', 'useradmin.contoso'].map((u) => ({
    name: `console account ${u} (Basic)`,
    headers: () => basic(u, DEMO_PASSWORD),
  })),
  ...['operator', 'manager.contoso', 'unit.contoso'].map((u) => ({ name: `console session of ${u}`, headers: () => ({}), cookieOf: u })),
];

type Route = { method: 'GET' | 'POST'; path: string; body?: unknown; expect: (c: Caller) => number };
const ROUTES: Route[] = [
  { method: 'GET', path: '/api/v1/health', expect: () => 200 },
  {
    method: 'GET',
    path: '/api/v1/me',
    // A console account is authenticated but not allowed on the API, by password or by its console session.
    expect: (c) => (c.name === 'the API-only account' ? 200 : c.name.startsWith('console') ? 403 : 401),
  },
  {
    method: 'POST',
    path: '/api/v1/password',
    // A wrong current password: the route is reached (400) only by the API-only account.
    body: { currentPassword: 'not-the-current-one', newPassword: 'Another-Long-Passphrase-42' },
    expect: (c) => (c.name === 'the API-only account' ? 400 : c.name.startsWith('console') ? 403 : 401),
  },
  { method: 'POST', path: '/api/session/keepalive', expect: (c) => (c.cookieOf ? 200 : 401) },
];

function cookieHeader(username: string): Record<string, string> {
  const state = JSON.parse(fs.readFileSync(authFile(username), 'utf8')) as { cookies: { name: string; value: string }[] };
  return { cookie: state.cookies.map((c) => `${c.name}=${c.value}`).join('; ') };
}

test('every API route answers every kind of caller as SPEC §9 says', async () => {
  const wrong: string[] = [];
  let cases = 0;
  for (const [i, caller] of CALLERS.entries()) {
    // A session is bound to the address it signed in from: cookie callers speak from the browser's own.
    const api = caller.cookieOf
      ? await pwRequest.newContext({
          baseURL: process.env.BASE_URL,
          extraHTTPHeaders: { ...cookieHeader(caller.cookieOf), origin: process.env.BASE_URL ?? '' },
        })
      : await asClient(`198.51.100.${120 + i}`);
    for (const route of ROUTES) {
      const res = await api.fetch(route.path, { method: route.method, headers: caller.headers(), data: route.body });
      cases++;
      if (res.status() !== route.expect(caller))
        wrong.push(`${route.method} ${route.path} by ${caller.name}: ${res.status()}, expected ${route.expect(caller)}`);
    }
    await api.dispose();
  }
  console.log(`API route matrix: ${cases} cases`);
  expect(wrong).toEqual([]);
});

const hostileJson = fc.oneof(
  fc.jsonValue(),
  fc.record({ currentPassword: fc.jsonValue(), newPassword: fc.jsonValue() }, { requiredKeys: [] }),
  fc.record({ currentPassword: fc.string({ maxLength: 2000 }), newPassword: fc.string({ maxLength: 2000 }) }),
  fc.constantFrom({ currentPassword: 'x\u0000', newPassword: 'y' }, { currentPassword: 'a'.repeat(5000), newPassword: 'b' }, { __proto__: { x: 1 } }),
);

test('POST /api/v1/password: hostile bodies get a 4xx, never a 5xx, and the password stays', async () => {
  const api = await asClient('198.51.100.140', basic('api.fuzz', DEMO_PASSWORD));
  let runs = 0;
  await fc.assert(
    fc.asyncProperty(
      fc.oneof(
        hostileJson.map((v) => ({ data: JSON.stringify(v), type: 'application/json' })),
        fc.string().map((s) => ({ data: s, type: 'application/json' })),
        fc.string().map((s) => ({ data: s, type: 'text/plain' })),
      ),
      async ({ data, type }) => {
        runs++;
        const res = await api.post('/api/v1/password', { headers: { 'content-type': type }, data });
        expect(res.status()).toBeLessThan(500);
        expect(res.status()).not.toBe(200);
        expect(res.headers()['content-type']).toContain('application/json');
      },
    ),
    { numRuns: Number(process.env.FUZZ_RUNS ?? 60) },
  );
  // The password is still the one it was: the account still authenticates with it.
  expect((await api.get('/api/v1/me')).status()).toBe(200);
  console.log(`API body fuzzing: ${runs} bodies`);
  await api.dispose();
});
