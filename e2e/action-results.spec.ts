import { expect, test } from '@playwright/test';
import { signIn } from './helpers';

test.describe.configure({ timeout: 150_000 });

test('results stay visible and current, and never live in the URL', async ({ page }) => {
  await signIn(page, 'manager.hooli');
  await expect(page.getByRole('button', { name: 'Sign out' })).toBeVisible();

  // Unlock and Re-activate: the button goes away with the state, the result names the account.
  await page.goto('/users/locked.east?tab=security');
  await page.getByRole('button', { name: 'Unlock' }).click();
  await expect(page.getByTestId('account-status')).toHaveText('active');
  await expect(page.getByRole('status').filter({ hasText: 'locked.east unlocked.' }).first()).toBeVisible();
  await page.reload();
  await expect(page.getByText('locked.east unlocked.')).toHaveCount(0);
  await page.goto('/users/disabled.east?tab=security');
  await page.getByRole('button', { name: 'Re-activate' }).click();
  await expect(page.getByTestId('account-status')).toHaveText('active');
  await expect(page.getByRole('status').filter({ hasText: 'disabled.east re-activated.' }).first()).toBeVisible();

  // A new submit clears the previous "Saved.".
  await page.goto('/users/setup/security?node=sys.hcs.hooli.east');
  const st = page.getByRole('region', { name: 'Session timeout' });
  await st.getByRole('button', { name: 'Override Session timeout here' }).click();
  await st.getByLabel('Manager session timeout (minutes)', { exact: true }).fill('30');
  await st.getByRole('button', { name: 'Save session timeouts' }).click();
  await expect(st.getByRole('status')).toHaveText('Saved.');
  await st.getByLabel('Manager session timeout (minutes)', { exact: true }).fill('9');
  await st.getByRole('button', { name: 'Save session timeouts' }).click();
  await expect(st.getByText('At least 10 minutes')).toBeVisible();
  await expect(st.getByRole('status')).toHaveCount(0);

  // A saved policy: the message is shown, the address does not carry it, a reload does not repeat it.
  await page.goto('/users/setup/credential-policies?node=sys.hcs.hooli');
  await page.getByRole('link', { name: 'Copy and edit Hooli Floor' }).click();
  await page.getByLabel('Name', { exact: true }).fill('Hooli Copy');
  await page.getByRole('button', { name: 'Create policy' }).click();
  await expect(page.getByRole('status').first()).toHaveText('Saved Hooli Copy at sys.hcs.hooli.');
  await expect(page).toHaveURL(/edit=\d+/);
  expect(page.url()).not.toContain('saved');
  await page.reload();
  await expect(page.getByText('Saved Hooli Copy at sys.hcs.hooli.')).toHaveCount(0);
});
