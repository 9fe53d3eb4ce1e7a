import { expect, type Page, test } from '@playwright/test';
import { authFile } from './helpers';

test.use({ storageState: authFile('manager.acme') });

async function simulate(page: Page, username: string, channel: 'Console (sign-in form)' | 'API (HTTP Basic)') {
  await page.goto('/users/setup/simulate-sign-in');
  await page.getByLabel('Account').fill(username);
  await page.getByLabel('Source IP').fill('192.0.2.10');
  await page.getByLabel('Channel').selectOption({ label: channel });
  await page.getByRole('button', { name: 'Simulate' }).click();
  return page.getByRole('region', { name: 'Trace' }).getByRole('status');
}

test('simulate sign-in through the console or the API, as each channel decides', async ({ page }) => {
  // An API-only account: the console refuses it, the API accepts the call.
  await expect(await simulate(page, 'api.contoso', 'Console (sign-in form)')).toContainText('Sign-in would be refused');
  await expect(await simulate(page, 'api.contoso', 'API (HTTP Basic)')).toHaveText('The API call would be accepted.');
  await expect(page.getByLabel('Channel')).toHaveValue('api');
  // A console account: the other way round.
  await expect(await simulate(page, 'alice.contoso', 'API (HTTP Basic)')).toContainText('The API call would be refused');
  await expect(await simulate(page, 'alice.contoso', 'Console (sign-in form)')).toHaveText('Sign-in would succeed and start a session.');
});
