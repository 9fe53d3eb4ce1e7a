import { expect, test } from '@playwright/test';
import { authFile, expectSignInRefused, signIn } from './helpers';

const DAY = 86_400_000;
const expiresOn = () => new Date(Date.now() + 4 * DAY).toISOString().slice(0, 10);

test('from the notice day the console shows a banner with the expiry date', async ({ page }) => {
  await signIn(page, 'reminded.contoso');
  await expect(page.getByRole('complementary', { name: 'Password expiry' })).toContainText(/Your password expires on .+, in [34] days\./);
});

test('without SMTP the expiry reminder, the lock notice and a generated password appear on the outbox page; Locked accounts unlocks', async ({
  page,
  browser,
}) => {
  for (let i = 0; i < 3; i++) {
    await signIn(page, 'locknotice.contoso', `wrong-${i}`);
    await expectSignInRefused(page);
  }
  const manager = await (await browser.newContext({ storageState: authFile('manager.contoso') })).newPage();
  await manager.goto('/users/generated.contoso?tab=security');
  await manager.getByRole('button', { name: 'Reset password' }).click();
  await manager.getByRole('alertdialog').getByRole('button', { name: 'Reset password' }).click();
  await expect(manager.getByRole('status').filter({ hasText: 'a generated password was sent' })).toBeVisible();
  await expect(manager.getByTestId('temporary-password')).toHaveCount(0);

  await manager.goto('/users/setup/outbox');
  await expect(manager.getByRole('heading', { name: 'Outbox' })).toBeVisible();
  // The reminder is queued by the scheduled work, which the server runs a few seconds after it starts.
  const reminder = manager.getByRole('row').filter({ hasText: `the password of reminded.contoso expires on ${expiresOn()}` });
  await expect(async () => {
    await manager.reload();
    await expect(reminder).toHaveCount(1, { timeout: 1000 });
  }).toPass({ timeout: 60_000 });
  await expect(reminder).toContainText('reminded.contoso@example.test');
  await expect(reminder).toContainText('Not sent');
  const lock = manager.getByRole('row').filter({ hasText: 'locknotice.contoso was locked on' });
  await expect(lock).toContainText('locked after too many failed sign-in attempts');
  const generated = manager.getByRole('row').filter({ hasText: 'the password of generated.contoso was reset' });
  await expect(generated).toContainText(/Your new password is: \S{16,}/);
  await expect(generated).toContainText('reset by manager.contoso');

  const globex = await (await browser.newContext({ storageState: authFile('manager.globex') })).newPage();
  await globex.goto('/users/setup/outbox');
  await expect(globex.getByRole('heading', { name: 'Outbox' })).toBeVisible();
  await expect(globex.getByText('contoso')).toHaveCount(0);

  const unit = await (await browser.newContext({ storageState: authFile('unit.contoso') })).newPage();
  await unit.goto('/users/setup/locked-accounts');
  const row = unit.getByRole('row').filter({ hasText: 'locknotice.contoso' });
  await row.getByRole('button', { name: /^Unlock/ }).click();
  // Unlocked: the list no longer holds it.
  await expect(row).toHaveCount(0);
  await signIn(page, 'locknotice.contoso');
  await expect(page.getByRole('button', { name: 'Sign out' })).toBeVisible();
});
