import { expect, test } from '@playwright/test';
import { authFile } from './helpers';

test.use({ storageState: authFile('manager.acme') });

test('Password Security › Override here copies the inherited default to the node and opens it', async ({ page }) => {
  const node = 'sys.hcs.acme.north.enforce';
  await page.goto(`/users/setup/security?node=${node}`);
  const section = page.getByRole('region', { name: 'Password Security' });
  await expect(section.getByText('inherited from sys.hcs', { exact: true })).toBeVisible();
  await section.getByRole('button', { name: 'Override here' }).click();
  await expect(page).toHaveURL(new RegExp(`/users/setup/credential-policies\\?node=${node.replace(/\./g, '\\.')}&edit=\\d+`));
  await page.goto(`/users/setup/security?node=${node}`);
  await expect(section.getByText('Defined here')).toBeVisible();
  await expect(section).toContainText('Enforcement tests default');
  await expect(section.getByRole('link', { name: 'Edit the default policy' })).toBeVisible();
});
