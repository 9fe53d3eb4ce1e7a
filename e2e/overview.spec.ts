import { expect, test } from '@playwright/test';
import { authFile } from './helpers';

test.use({ storageState: authFile('manager.contoso') });

test('the overview shows the subtree at a glance, each figure linking to its list or log, and an hourly chart', async ({ page }) => {
  await page.goto('/');
  await expect(page.getByRole('heading', { name: 'Overview', level: 1 })).toBeVisible();
  for (const name of ['Locked accounts', 'Passwords expiring', 'Failed sign-ins', 'Throttled sign-ins']) {
    await expect(page.getByRole('region', { name }).getByText(/^\d+$/)).toBeVisible();
  }
  const chart = page.getByRole('img', { name: 'Sign-ins per hour over the last 7 days, one row per outcome' });
  await expect(chart).toBeVisible();
  for (const label of ['Success', 'Wrong password', 'Locked', 'Throttled']) await expect(chart.getByText(label, { exact: true })).toBeVisible();

  await page.getByRole('link', { name: 'Show failed sign-ins' }).click();
  await expect(page.getByRole('heading', { name: 'Sign-in log' })).toBeVisible();
  await expect(page.getByLabel('Outcome')).toHaveValue('wrong-password');
  await page.goBack();
  await page.getByRole('link', { name: 'Show locked accounts' }).click();
  await expect(page.getByRole('heading', { name: 'Locked accounts' })).toBeVisible();
});
