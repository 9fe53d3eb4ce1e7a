import { expect, type Page, test } from '@playwright/test';
import { generate } from 'otplib';
import { authFile, DEMO_PASSWORD, signIn } from './helpers';

async function enterCode(page: Page, code: string) {
  await page.getByLabel('Authentication code').fill(code);
  await page.getByRole('button', { name: 'Verify' }).click();
}

test('a recovery code signs in once and never again; "Reset two-factor" makes the next sign-in enrol', async ({ page, browser }) => {
  await signIn(page, 'codes.recovery');
  await expect(page).toHaveURL(/\/login\/two-factor/);
  const secret = (await page.getByTestId('totp-secret').textContent())!.trim();
  await enterCode(page, await generate({ secret }));
  await expect(page).toHaveURL(/\/account$/);

  const twoFactor = page.getByRole('region', { name: 'Two-factor authentication' });
  await expect(twoFactor).toContainText('An authenticator is set up');
  await twoFactor.getByLabel('Password or current code').fill(DEMO_PASSWORD);
  await twoFactor.getByRole('button', { name: 'New recovery codes' }).click();
  const list = twoFactor.getByRole('list', { name: 'Recovery codes' });
  await expect(list.getByRole('listitem')).toHaveCount(10);
  const codes = await list.getByRole('listitem').allTextContents();
  expect(codes).toHaveLength(10);

  const fresh = async () => (await browser.newContext()).newPage();
  const second = await fresh();
  await signIn(second, 'codes.recovery');
  await expect(second).toHaveURL(/\/login\/two-factor/);
  await enterCode(second, codes[0]!);
  await expect(second).toHaveURL(/\/account$/);

  const third = await fresh();
  await signIn(third, 'codes.recovery');
  await expect(third).toHaveURL(/\/login\/two-factor/);
  await enterCode(third, codes[0]!);
  await expect(third.getByRole('alert').filter({ hasText: /\S/ })).toContainText('That code is not right');

  const manager = await (await browser.newContext({ storageState: authFile('manager.acme') })).newPage();
  await manager.goto('/users/codes.recovery?tab=security');
  await manager.getByRole('button', { name: 'Reset two-factor' }).click();
  await expect(manager.getByRole('status').filter({ hasText: 'The authenticator was removed' })).toBeVisible();

  // The reset ended the account's sessions, and the next sign-in enrols a new authenticator.
  await page.reload();
  await expect(page).toHaveURL(/\/login/);
  const fourth = await fresh();
  await signIn(fourth, 'codes.recovery');
  await expect(fourth).toHaveURL(/\/login\/two-factor/);
  await expect(fourth.getByRole('heading', { name: 'Set up two-factor authentication' })).toBeVisible();
  await expect(fourth.getByTestId('totp-secret')).toBeVisible();
});
