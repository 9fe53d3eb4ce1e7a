import { expect, test } from '@playwright/test';
import { DEMO_PASSWORD, signIn } from './helpers';

test('every page carries a nonce-based Content-Security-Policy and the other security headers', async ({ request }) => {
  const first = await request.get('/login');
  const second = await request.get('/login');
  const csp = first.headers()['content-security-policy'] ?? '';
  for (const directive of ["frame-ancestors 'none'", "object-src 'none'", "base-uri 'self'", "form-action 'self'", "default-src 'self'"]) {
    expect(csp).toContain(directive);
  }
  const nonce = /'nonce-([^']+)'/.exec(csp)?.[1];
  expect(nonce).toBeTruthy();
  expect(second.headers()['content-security-policy']).not.toContain(nonce!);
  expect(await first.text()).toContain(`nonce="${nonce}"`);
  expect(first.headers()['x-content-type-options']).toBe('nosniff');
  expect(first.headers()['referrer-policy']).toBe('same-origin');
  expect(first.headers()['permissions-policy']).toContain('camera=()');
  // Served over plain http here: no HSTS (it would be wrong to send it).
  expect(first.headers()['strict-transport-security']).toBeUndefined();
  const api = await request.get('/api/v1/health');
  expect(api.headers()['x-content-type-options']).toBe('nosniff');
});

test('the console runs under its policy: signing in and a page load report no violation', async ({ page }) => {
  const violations: string[] = [];
  page.on('console', (m) => {
    if (/Content Security Policy|Refused to (execute|load)/i.test(m.text())) violations.push(m.text());
  });
  await signIn(page, 'cookie.hardening');
  await expect(page).toHaveURL(/\/account$/);
  await page.getByLabel('Current password').fill('typing works');
  expect(violations).toEqual([]);
});

test('the session cookie is httpOnly, SameSite=Lax and lives as long as the session may', async ({ page, context }) => {
  await signIn(page, 'cookie.hardening');
  await expect(page).toHaveURL(/\/account$/);
  await page.reload();
  const cookie = (await context.cookies()).find((c) => c.name === 'sc.session');
  expect(cookie).toMatchObject({ httpOnly: true, sameSite: 'Lax', path: '/' });
  // Absolute Session Timeout of the default policy: 1440 minutes from the sign-in.
  const expected = Date.now() / 1000 + 1440 * 60;
  expect(Math.abs(cookie!.expires - expected)).toBeLessThan(120);
});

test('a client cannot choose its address by sending the internal peer header', async ({ request }) => {
  // api.allowlist may connect only from 203.0.113.0/24; the test runs from 127.0.0.1.
  const res = await request.get('/api/v1/me', {
    headers: {
      authorization: `Basic ${Buffer.from(`api.allowlist:${DEMO_PASSWORD}`).toString('base64')}`,
      'x-sc-peer-ip': '203.0.113.9',
      'x-forwarded-for': '203.0.113.9',
    },
  });
  expect([401, 403]).toContain(res.status());
});
