import { expect, test } from '@playwright/test';
import { DEMO_PASSWORD } from './helpers';

// Every way of spelling another origin lands on the account's own start page.
const FOREIGN = [
  '/%5Cevil.example',
  '/%09/evil.example',
  '//evil',
  'https://evil',
  '/%2F%2Fevil.example',
  '%2F%2Fevil.example',
  '/%5C%5Cevil.example',
  'https:%2F%2Fevil.example',
  '/%0A/evil.example',
  '%2Fevil.example%2F..%2F%2Fevil',
];

for (const next of FOREIGN) {
  test(`after sign-in, next=${next} stays on this origin`, async ({ page, baseURL }) => {
    await page.goto(`/login?next=${next}`);
    await page.getByLabel('Username').fill('redirect.hardening');
    await page.getByLabel('Password').fill(DEMO_PASSWORD);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await expect(page).toHaveURL(/\/account$/);
    expect(new URL(page.url()).origin).toBe(new URL(baseURL!).origin);
  });
}

test('after sign-in, a path on this origin is where the person goes', async ({ page }) => {
  await page.goto(`/login?next=${encodeURIComponent('/account?tab=1')}`);
  await page.getByLabel('Username').fill('redirect.hardening');
  await page.getByLabel('Password').fill(DEMO_PASSWORD);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page).toHaveURL(/\/account\?tab=1$/);
});

test('after an idle sign-out, signing in again returns to the page the person was on', async ({ page }) => {
  await page.clock.install();
  await page.goto('/login');
  await page.getByLabel('Username').fill('idle.hardening');
  await page.getByLabel('Password').fill(DEMO_PASSWORD);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page).toHaveURL(/\/account$/);
  await page.goto('/account?from=idle');
  await expect(page.getByRole('heading', { name: 'My account' })).toBeVisible();
  // The warning's clock starts when the page hydrates; moving time before that would move nothing.
  await expect(page.locator('dialog[data-armed]')).toHaveCount(1);
  // Past the idle timeout (the policy's default, 20 minutes) on the page's clock.
  // runFor fires every timer on the way, including those the warning sets when it opens.
  await page.clock.runFor('25:00');
  await expect(page).toHaveURL(/\/login\?reason=expired/);
  await page.getByLabel('Username').fill('idle.hardening');
  await page.getByLabel('Password').fill(DEMO_PASSWORD);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page).toHaveURL(/\/account\?from=idle$/);
});
