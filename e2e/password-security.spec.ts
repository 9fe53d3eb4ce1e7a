import { expect, test } from '@playwright/test';
import { authFile } from './helpers';

test.use({ storageState: authFile('manager.acme') });

test('Password Security › Override here opens a pending copy with Cancel; saving makes it the node’s default', async ({ page }) => {
  const node = 'sys.hcs.acme.north.enforce';
  await page.goto(`/users/setup/security?node=${node}`);
  const section = page.getByRole('region', { name: 'Password Security' });
  await expect(section.getByText('inherited from sys.hcs', { exact: true })).toBeVisible();

  // Like every other section: a pending copy, nothing created yet, and Cancel goes back unchanged.
  await section.getByRole('link', { name: 'Override Password Security here' }).click();
  const editor = page.getByRole('region', { name: 'Policy editor' });
  await expect(editor.getByRole('heading')).toContainText(`New default policy of ${node}`);
  await expect(page.getByLabel('Name', { exact: true })).toHaveValue('Enforcement tests default');
  await editor.getByRole('link', { name: 'Cancel' }).click();
  await expect(page).toHaveURL(new RegExp(`/users/setup/security\\?node=${node.replace(/\./g, '\\.')}`));
  await expect(section.getByText('inherited from sys.hcs', { exact: true })).toBeVisible();
  await page.goto(`/users/setup/credential-policies?node=${node}`);
  await expect(page.locator('tr[data-policy="Enforcement tests default"]')).toHaveCount(0);

  // Saving the copy creates it and names it the default, in one step.
  await page.goto(`/users/setup/security?node=${node}`);
  await section.getByRole('link', { name: 'Override Password Security here' }).click();
  await page.getByRole('button', { name: 'Create and make default' }).click();
  await expect(page.getByRole('status').first()).toHaveText(`Saved Enforcement tests default at ${node}.`);
  await page.goto(`/users/setup/security?node=${node}`);
  await expect(section.getByText('Defined here')).toBeVisible();
  await expect(section).toContainText('Enforcement tests default');
  await expect(section.getByRole('link', { name: 'Edit the default policy' })).toBeVisible();
});
