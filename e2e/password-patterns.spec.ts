import { expect, test } from '@playwright/test';
import { DEMO_PASSWORD, signIn } from './helpers';

test.describe.configure({ timeout: 120_000 });

const RULE = 'Not a commonly used password, nor mostly one repeated character or one sequence';

test('Reject commonly used passwords refuses repetitive and sequential strings, in the checklist and on the server', async ({ page }) => {
  await signIn(page, 'nist.patterns');
  await expect(page.getByRole('button', { name: 'Sign out' })).toBeVisible();
  await page.goto('/account');
  const rules = page.getByRole('list', { name: 'Password rules' });
  const commonRule = rules.locator('li[data-rule="commonPassword"]');

  for (const weak of ['aaaaaaaaaaaaaaaa', 'abcdefghijklmnop']) {
    await page.getByLabel('Current password').fill(DEMO_PASSWORD);
    await page.getByLabel('New password', { exact: true }).fill(weak);
    await page.getByLabel('Confirm new password').fill(weak);
    // Long enough for the template, but the checklist already says no.
    await expect(rules.locator('li[data-rule="minimumLength"]')).toHaveAttribute('data-ok', 'true');
    await expect(commonRule).toHaveAttribute('data-ok', 'false');
    await expect(commonRule).toContainText(`Not met: ${RULE}`);
    // And the server refuses it by the same rule.
    await page.getByRole('button', { name: /Change password/ }).click();
    await expect(page.locator('#newPassword-error')).toContainText(RULE);
  }

  await page.getByLabel('New password', { exact: true }).fill('quiet lanterns drift over harbour');
  await expect(commonRule).toHaveAttribute('data-ok', 'true');
});
