import { expect, test } from '@playwright/test';
import { authFile } from './helpers';

const SUBREQUEST = 'middleware:middleware:middleware:middleware:middleware';

test.describe('without a session', () => {
  const variants: Record<string, string>[] = [{}, { 'x-middleware-subrequest': SUBREQUEST }];
  for (const headers of variants) {
    const label = Object.keys(headers).length ? ' (with x-middleware-subrequest)' : '';
    test(`pages redirect to /login and the API answers 401${label}`, async ({ page, request }) => {
      await page.setExtraHTTPHeaders(headers);
      await page.goto('/users/setup/security');
      await expect(page).toHaveURL(/\/login/);
      await expect(page.getByRole('button', { name: 'Sign in' })).toBeVisible();
      const res = await request.get('/api/v1/me', { headers, maxRedirects: 0 });
      expect(res.status()).toBe(401);
      expect(await res.json()).toEqual({ error: 'Authentication required' });
      const page2 = await request.get('/users/setup/security', { headers, maxRedirects: 0 });
      expect([302, 303, 307, 308]).toContain(page2.status());
      expect(page2.headers().location).toContain('/login');
    });
  }

  test('a forged session cookie is refused', async ({ request }) => {
    const res = await request.get('/api/v1/me', { headers: { cookie: 'sc.session=forged-value' } });
    expect(res.status()).toBe(401);
  });

  test('health answers without authentication', async ({ request }) => {
    const res = await request.get('/api/v1/health');
    expect(res.status()).toBe(200);
    expect(await res.json()).toEqual({ status: 'ok' });
  });

  // The sign-in page shows the icon before anyone has a session, so the proxy must let it through.
  test('the favicon is served without a session', async ({ request }) => {
    const res = await request.get('/favicon.svg', { maxRedirects: 0 });
    expect(res.status()).toBe(200);
    expect(res.headers()['content-type']).toContain('image/svg+xml');
  });
});

test.describe('scope', () => {
  test.use({ storageState: authFile('manager.globex') });

  test('manager.globex is refused a node outside its subtree', async ({ page }) => {
    const res = await page.goto('/users/setup/security?node=sys.hcs.acme.north.contoso');
    expect(res?.status()).toBe(403);
    await expect(page.getByRole('heading', { name: 'Access refused' })).toBeVisible();
    await expect(page.getByText('Contoso')).toHaveCount(0);
  });

  test('the node picker offers only its own subtree', async ({ page }) => {
    await page.goto('/users/setup/security');
    const options = await page.getByLabel('Node').locator('option').allTextContents();
    expect(options).toHaveLength(1);
    expect(options[0]).toContain('sys.hcs.globex');
  });

  test('a console session cannot use the API', async ({ page }) => {
    const res = await page.request.get('/api/v1/me');
    expect(res.status()).toBe(403);
  });
});

test.describe('roles', () => {
  test.use({ storageState: authFile('unit.contoso') });

  test('a Unit Manager cannot open the Security page', async ({ page }) => {
    const res = await page.goto('/users/setup/security');
    expect(res?.status()).toBe(403);
    await expect(page.getByRole('heading', { name: 'Access refused' })).toBeVisible();
  });
});

test.describe('bad input', () => {
  test.use({ storageState: authFile('manager.contoso') });

  test('a malformed or unknown node gets a clear message, not an error page', async ({ page }) => {
    let res = await page.goto('/users/setup/security?node=sys..hcs%27--');
    expect(res?.status()).toBeLessThan(500);
    await expect(page.getByRole('alert').filter({ hasText: /\S/ })).toContainText('is not a node path');
    res = await page.goto('/users/setup/security?node=sys.hcs.acme.north.contoso.nowhere');
    expect(res?.status()).toBeLessThan(500);
    await expect(page.getByRole('alert').filter({ hasText: /\S/ })).toContainText('There is no node sys.hcs.acme.north.contoso.nowhere');
  });

  test('malformed sign-in posts are refused without a server error', async ({ request }) => {
    const bodies: { data?: string; form?: Record<string, string>; headers?: Record<string, string> }[] = [
      { data: 'not json at all', headers: { 'content-type': 'application/json' } },
      { form: { username: 'x'.repeat(5000), password: '' } },
      { form: { csrfToken: 'forged', username: 'manager.contoso', password: 'Console-Demo-7412!' } },
    ];
    for (const body of bodies) {
      const res = await request.post('/api/auth/callback/credentials', { ...body, maxRedirects: 0 });
      expect(res.status()).toBeLessThan(500);
      expect(res.headers()['set-cookie'] ?? '').not.toContain('sc.session=');
    }
  });
});
