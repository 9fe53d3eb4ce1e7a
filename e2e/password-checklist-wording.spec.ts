import { expect, test } from '@playwright/test';
import { authFile, DEMO_PASSWORD, signIn } from './helpers';

test.describe.configure({ timeout: 120_000 });

test('the checklist says what it knows: no ticks for an empty field, the history rule checked on submit, the current password named', async ({
  page,
}) => {
  await signIn(page, 'pci.patterns');
  await expect(page.getByRole('button', { name: 'Sign out' })).toBeVisible();
  await page.goto('/account');
  const rules = page.getByRole('list', { name: 'Password rules' });
  await expect(rules.getByRole('listitem').first()).toBeVisible();
  await expect(rules).not.toContainText('✓');
  await expect(rules).not.toContainText('Met:');
  await expect(rules.locator('li[data-ok]')).toHaveCount(0);
  await expect(rules.locator('li[data-rule="reuse"]')).toHaveText(/Not one of the passwords used in the last 365 days: checked when you submit/);

  await page.getByLabel('Current password').fill(DEMO_PASSWORD);
  await page.getByLabel('New password', { exact: true }).fill(DEMO_PASSWORD);
  await page.getByLabel('Confirm new password').fill(DEMO_PASSWORD);
  await expect(rules.locator('li[data-rule="minimumLength"]')).toHaveAttribute('data-ok', 'true');
  await page.getByRole('button', { name: /Change password/ }).click();
  await expect(page.locator('#newPassword-error')).toContainText('Must differ from your current one');
});

test('the PCI DSS 4.0 template’s description matches its values', async ({ browser }) => {
  const page = await (await browser.newContext({ storageState: authFile('manager.acme') })).newPage();
  await page.goto('/users/setup/credential-policies?node=sys.hcs.acme&new=pci-dss-4');
  const editor = page.getByRole('region', { name: 'Policy editor' });
  await expect(editor).toContainText('complexity is on, so upper and lower case, a digit and a special character');
  await expect(page.getByLabel('Enable Password Complexity Validation')).toBeChecked();
  await expect(page.getByLabel('Minimum Password Length', { exact: true })).toHaveValue('12');
});
