import { expect, test } from '@playwright/test';
import { DEMO_PASSWORD, expectSignInRefused, signIn } from './helpers';

test('a Manager signs in, lands on the overview, and finds Users > Setup > Security with inherited values', async ({ page }) => {
  await signIn(page, 'manager.contoso');
  await expect(page).toHaveURL(/\/$/);
  await expect(page.getByRole('heading', { name: 'Overview', level: 1 })).toBeVisible();
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Security' }).click();
  await expect(page).toHaveURL(/\/users\/setup\/security$/);
  await expect(page.getByRole('navigation', { name: 'Breadcrumb' })).toHaveText(/Users\s*›\s*Setup\s*›\s*Security/);
  await expect(page.getByRole('heading', { name: 'Security', level: 1 })).toBeVisible();
  const ip = page.getByRole('region', { name: 'Restrict access by IP' });
  await expect(ip.getByText('inherited from sys', { exact: true })).toBeVisible();
  await expect(page.getByRole('region', { name: 'Password Security' }).getByText('inherited from sys.hcs', { exact: true })).toBeVisible();
  await expect(page.getByLabel('Node')).toHaveValue('sys.hcs.acme.north.contoso');
});

test('a wrong password gets the same message as an unknown username', async ({ page }) => {
  await signIn(page, 'manager.contoso', 'not-the-password');
  await expectSignInRefused(page);
  const wrongPassword = await page.getByRole('alert').filter({ hasText: /\S/ }).textContent();
  await signIn(page, 'no.such.person', 'not-the-password');
  await expectSignInRefused(page);
  expect(await page.getByRole('alert').filter({ hasText: /\S/ }).textContent()).toBe(wrongPassword);
});

test('after Failed Login Count per User wrong passwords, the right password is refused too', async ({ page }) => {
  // lockme.contoso's policy locks after 3 failures (e2e fixtures).
  for (let i = 0; i < 3; i++) {
    await signIn(page, 'lockme.contoso', `wrong-password-${i}`);
    await expectSignInRefused(page);
  }
  await signIn(page, 'lockme.contoso', DEMO_PASSWORD);
  await expectSignInRefused(page);
  await page.goto('/users/setup/security');
  await expect(page).toHaveURL(/\/login/);
});

test('signing out ends the session on the server', async ({ page, context }) => {
  await signIn(page, 'useradmin.contoso');
  await expect(page).toHaveURL(/\/users$/);
  const cookie = (await context.cookies()).find((c) => c.name === 'sc.session');
  expect(cookie?.value).toBeTruthy();
  await page.getByRole('button', { name: 'Sign out' }).click();
  await expect(page).toHaveURL(/\/login/);
  // Replaying the old cookie does not bring the session back.
  await context.addCookies([cookie!]);
  const res = await page.request.get('/api/v1/me');
  expect(res.status()).toBe(401);
});
