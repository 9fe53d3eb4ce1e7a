import { expect, request as pwRequest, test } from '@playwright/test';
import { E2E_SOURCE_LIMIT } from './fixtures/source-limits';
import { DEMO_PASSWORD } from './helpers';

const basic = (user: string, password: string) => ({ authorization: `Basic ${Buffer.from(`${user}:${password}`).toString('base64')}` });
// Requests through the one trusted proxy (::1), naming the client in X-Forwarded-For.
const viaProxy = (client: string) => pwRequest.newContext({ baseURL: process.env.PROXY_URL, extraHTTPHeaders: { 'x-forwarded-for': client } });

test('401 for any failed authentication, with one body whether or not the account exists', async ({ request }) => {
  const none = await request.get('/api/v1/me');
  expect(none.status()).toBe(401);
  expect(none.headers()['www-authenticate']).toContain('Basic');
  const proxy = await viaProxy('198.51.100.20');
  const wrong = await proxy.get('/api/v1/me', { headers: basic('api.contoso', 'wrong-password') });
  const unknown = await proxy.get('/api/v1/me', { headers: basic('no.such.account', 'wrong-password') });
  expect(wrong.status()).toBe(401);
  expect(unknown.status()).toBe(401);
  expect(await wrong.text()).toBe(await unknown.text());
  await proxy.dispose();
});

test('an API-only account reads /api/v1/me; console accounts get 403', async ({ request }) => {
  const me = await request.get('/api/v1/me', { headers: basic('api.contoso', DEMO_PASSWORD) });
  expect(me.status()).toBe(200);
  const body = await me.json();
  expect(body).toMatchObject({ username: 'api.contoso', node: 'sys.hcs.acme.north.contoso', role: 'user' });
  expect(body.passwordExpiresAt).toMatch(/^\d{4}-/);
  expect(JSON.stringify(body)).not.toMatch(/hash|secret/i);
  const consoleAccount = await request.get('/api/v1/me', { headers: basic('alice.contoso', DEMO_PASSWORD) });
  expect(consoleAccount.status()).toBe(403);
});

test('429 with Retry-After while the source address is throttled', async () => {
  const proxy = await viaProxy('198.51.100.77');
  const statuses: number[] = [];
  for (let i = 0; i < E2E_SOURCE_LIMIT + 2; i++)
    statuses.push((await proxy.get('/api/v1/me', { headers: basic('no.such.account', `guess-${i}`) })).status());
  expect(statuses.slice(0, E2E_SOURCE_LIMIT)).toEqual(Array(E2E_SOURCE_LIMIT).fill(401));
  const last = await proxy.get('/api/v1/me', { headers: basic('api.contoso', DEMO_PASSWORD) });
  expect(last.status()).toBe(429);
  expect(Number(last.headers()['retry-after'])).toBeGreaterThan(0);
  // Another address is not affected.
  const other = await viaProxy('198.51.100.78');
  expect((await other.get('/api/v1/me', { headers: basic('api.contoso', DEMO_PASSWORD) })).status()).toBe(200);
  await proxy.dispose();
  await other.dispose();
});

test('403 from outside the allowlist; a spoofed X-Forwarded-For from an untrusted peer changes nothing', async ({ request }) => {
  // The browser's connection (127.0.0.1) is not a trusted proxy: its X-Forwarded-For is ignored.
  const spoofed = await request.get('/api/v1/me', { headers: { ...basic('api.allowlist', DEMO_PASSWORD), 'x-forwarded-for': '203.0.113.5' } });
  expect(spoofed.status()).toBe(403);
  const inside = await viaProxy('203.0.113.5');
  expect((await inside.get('/api/v1/me', { headers: basic('api.allowlist', DEMO_PASSWORD) })).status()).toBe(200);
  const outside = await viaProxy('198.51.100.5');
  expect((await outside.get('/api/v1/me', { headers: basic('api.allowlist', DEMO_PASSWORD) })).status()).toBe(403);
  await inside.dispose();
  await outside.dispose();
});

test('/api/v1/password changes the password under the policy', async ({ request }) => {
  const weak = await request.post('/api/v1/password', {
    headers: basic('apipw.enforce', DEMO_PASSWORD),
    data: { currentPassword: DEMO_PASSWORD, newPassword: 'short' },
  });
  expect(weak.status()).toBe(400);
  const refused = await weak.json();
  expect(refused.failedRules.map((r: { rule: string }) => r.rule)).toEqual(expect.arrayContaining(['minimumLength', 'complexity']));
  const bad = await request.post('/api/v1/password', { headers: basic('apipw.enforce', DEMO_PASSWORD), data: 'not json' });
  expect(bad.status()).toBe(400);
  const newPassword = 'Granite-Harbour-5527!';
  const ok = await request.post('/api/v1/password', {
    headers: basic('apipw.enforce', DEMO_PASSWORD),
    data: { currentPassword: DEMO_PASSWORD, newPassword },
  });
  expect(ok.status()).toBe(200);
  expect((await request.get('/api/v1/me', { headers: basic('apipw.enforce', newPassword) })).status()).toBe(200);
  expect((await request.get('/api/v1/me', { headers: basic('apipw.enforce', DEMO_PASSWORD) })).status()).toBe(401);
});

test('a cross-origin or Origin: null POST is refused', async ({ request }) => {
  for (const origin of ['null', 'https://evil.example']) {
    const res = await request.post('/api/auth/callback/credentials', {
      headers: { origin },
      form: { username: 'alice.contoso', password: DEMO_PASSWORD },
    });
    expect(res.status()).toBe(403);
  }
});
