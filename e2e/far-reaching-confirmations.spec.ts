import { expect, test } from '@playwright/test';
import { authFile } from './helpers';

test.use({ storageState: authFile('manager.initech') });

const NODE = 'sys.hcs.initech';

test('Require two-factor asks first with the number of accounts that will enrol, and Cancel changes nothing', async ({ page }) => {
  await page.goto(`/users/setup/security?node=${NODE}`);
  const tf = page.getByRole('region', { name: 'Two-factor authentication' });
  await tf.getByRole('button', { name: 'Override Two-factor authentication here' }).click();
  await tf.getByLabel('Require two-factor authentication for all users').check();
  await tf.getByRole('button', { name: 'Save two-factor authentication' }).click();
  const ask = tf.getByRole('alertdialog', { name: 'Require two-factor authentication?' });
  await expect(ask).toContainText(/\d+ accounts below will enrol at their next sign-in, you included\./);
  await ask.getByRole('button', { name: 'Cancel' }).click();
  await expect(ask).toBeHidden();
  await page.reload();
  await expect(tf.getByText('inherited from sys')).toBeVisible();
  await expect(tf.getByText('Not required')).toBeVisible();
});

test('each section’s Override button names its section', async ({ page }) => {
  await page.goto(`/users/setup/security?node=${NODE}`);
  for (const title of ['Restrict access by IP', 'Two-factor authentication', 'Session timeout'])
    await expect(page.getByRole('region', { name: title, exact: true }).getByRole('button', { name: `Override ${title} here` })).toBeVisible();
  await expect(page.getByRole('link', { name: 'Override Password Security here' })).toBeVisible();
});

test('Reset password and End sessions ask first, naming the account and the impact; Cancel does nothing', async ({ page }) => {
  await page.goto('/users/user.initech?tab=security');
  await page.getByRole('button', { name: 'Reset password' }).click();
  const reset = page.getByRole('alertdialog', { name: 'Reset the password of user.initech?' });
  await expect(reset).toContainText('current password stops working at once');
  await reset.getByRole('button', { name: 'Cancel' }).click();
  await expect(page.getByTestId('temporary-password')).toHaveCount(0);

  await page.getByRole('button', { name: 'End sessions' }).click();
  const end = page.getByRole('alertdialog', { name: 'End every session of user.initech?' });
  await expect(end).toContainText('signed out everywhere');
  await end.getByRole('button', { name: 'Cancel' }).click();
  await expect(page.getByText('Every session of this account has ended.')).toHaveCount(0);
});
