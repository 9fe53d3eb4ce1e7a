import { expect, test } from '@playwright/test';
import { authFile } from './helpers';

test.use({ storageState: authFile('manager.contoso') });

test('the credential-policy editor groups its fields as the first document does, and warns before leaving unsaved', async ({ page }) => {
  await page.goto('/users/setup/credential-policies');
  await page.getByRole('link', { name: 'New from Standard (HcsCredentialPolicy defaults)' }).click();
  const editor = page.getByRole('region', { name: 'Policy editor' });
  for (const title of ['Password expiration and notices', 'Password rules', 'Account lockout', 'Sessions', 'Recovery']) {
    await expect(editor.getByRole('group', { name: title, exact: true })).toBeVisible();
  }
  await expect(editor.getByRole('group', { name: 'Password rules' }).getByLabel('Minimum Password Length', { exact: true })).toBeVisible();
  await expect(editor.getByRole('group', { name: 'Sessions' }).getByLabel('Idle Session Timeout (minutes)', { exact: true })).toBeVisible();
  await expect(editor.getByRole('group', { name: 'Recovery' }).getByLabel('Password Reset Question Pool', { exact: true })).toBeVisible();
  await expect(editor.getByRole('group', { name: 'Account lockout' }).getByLabel('Disable Failed Login User Account', { exact: true })).toBeVisible();

  await page.getByLabel('Minimum Password Length', { exact: true }).fill('14');
  const asked: string[] = [];
  page.once('dialog', async (d) => {
    asked.push(d.message());
    await d.dismiss();
  });
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Users' }).click();
  await expect.poll(() => asked).toEqual(['You have unsaved changes. Leave this page and lose them?']);
  await expect(page).toHaveURL(/credential-policies/);
});
