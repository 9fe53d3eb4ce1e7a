import { expect, test } from '@playwright/test';
import { generate } from 'otplib';
import { DEMO_PASSWORD, signIn } from './helpers';

const NEW_PASSWORD = 'Quartz-Lantern-8351?';

async function changePassword(page: import('@playwright/test').Page, current: string, next: string) {
  await page.getByLabel('Current password').fill(current);
  await page.getByLabel('New password', { exact: true }).fill(next);
  await page.getByLabel('Confirm new password').fill(next);
  await page.getByRole('button', { name: /Change password/ }).click();
}

test('an expired password is changed at sign-in, under the policy, and the session starts', async ({ page }) => {
  await signIn(page, 'expired.enforce');
  await expect(page).toHaveURL(/\/login\/change-password/);
  await expect(page.getByText('Your password has expired')).toBeVisible();
  // Other pages stay closed until the change is made.
  await page.goto('/account');
  await expect(page).toHaveURL(/\/login\/change-password/);
  await changePassword(page, DEMO_PASSWORD, 'Password1'); // the server refuses a common password
  await expect(page.locator('#newPassword-error')).toContainText('Not a commonly used password');
  await expect(page).toHaveURL(/\/login\/change-password/);
  await changePassword(page, DEMO_PASSWORD, NEW_PASSWORD);
  await expect(page).toHaveURL(/\/account$/);
  await expect(page.getByRole('heading', { name: 'My account' })).toBeVisible();
});

test('an expired password that may not be changed at sign-in sends the person to a Manager', async ({ page }) => {
  await signIn(page, 'expirednochange.enforce');
  await expect(page.getByRole('alert').filter({ hasText: /\S/ })).toHaveText(/expired and cannot be changed at sign-in\. Contact your Manager/);
  await expect(page).toHaveURL(/\/login(\?|$)/);
});

test('first sign-in requires a new password', async ({ page }) => {
  await signIn(page, 'firstlogin.enforce');
  await expect(page).toHaveURL(/\/login\/change-password/);
  await expect(page.getByText('You must choose a new password')).toBeVisible();
  await changePassword(page, DEMO_PASSWORD, NEW_PASSWORD);
  await expect(page).toHaveURL(/\/account$/);
});

test('two-factor: enrolment at the next sign-in, then a code at every sign-in, each code once', async ({ page, browser }) => {
  await signIn(page, 'totp.twofactor');
  await expect(page).toHaveURL(/\/login\/two-factor/);
  await expect(page.getByRole('img', { name: 'QR code for your authenticator app' })).toBeVisible();
  const secret = (await page.getByTestId('totp-secret').textContent())!.trim();
  await page.getByLabel('Authentication code').fill('000000');
  await page.getByRole('button', { name: 'Verify' }).click();
  await expect(page.getByRole('alert').filter({ hasText: /\S/ })).toContainText('That code is not right');
  const code = await generate({ secret });
  await page.getByLabel('Authentication code').fill(code);
  await page.getByRole('button', { name: 'Verify' }).click();
  await expect(page).toHaveURL(/\/account$/);

  // A second sign-in asks for a code; the one already used is refused.
  const other = await browser.newContext();
  const page2 = await other.newPage();
  await signIn(page2, 'totp.twofactor');
  await expect(page2).toHaveURL(/\/login\/two-factor/);
  await expect(page2.getByTestId('totp-secret')).toHaveCount(0);
  await page2.getByLabel('Authentication code').fill(code);
  await page2.getByRole('button', { name: 'Verify' }).click();
  await expect(page2.getByRole('alert').filter({ hasText: /\S/ })).toContainText('already used');
  const nextCode = await generate({ secret, epoch: Math.floor(Date.now() / 1000) + 30 });
  await page2.getByLabel('Authentication code').fill(nextCode);
  await page2.getByRole('button', { name: 'Verify' }).click();
  await expect(page2).toHaveURL(/\/account$/);
  await other.close();
});

test('over the Session Login Limit Per User the oldest session ends', async ({ page, browser }) => {
  await signIn(page, 'limit.enforce');
  await expect(page).toHaveURL(/\/account$/);
  const other = await browser.newContext();
  const page2 = await other.newPage();
  await signIn(page2, 'limit.enforce');
  await expect(page2).toHaveURL(/\/account$/);
  await page.reload();
  await expect(page).toHaveURL(/\/login/);
  await page2.reload();
  await expect(page2).toHaveURL(/\/account$/);
  await other.close();
});

test('the idle timeout warns, then returns to /login', async ({ page }) => {
  test.setTimeout(120_000);
  await signIn(page, 'idle.enforce'); // Idle Session Timeout: 1 minute
  await expect(page).toHaveURL(/\/account$/);
  await expect(page.getByRole('dialog', { name: 'Your session is about to end' })).toBeVisible({ timeout: 40_000 });
  await expect(page.getByRole('button', { name: 'Stay signed in' })).toBeVisible();
  await expect(page).toHaveURL(/\/login\?reason=expired/, { timeout: 45_000 });
  await page.goto('/account');
  await expect(page).toHaveURL(/\/login/);
});

test('"Stay signed in" keeps the session', async ({ page }) => {
  test.setTimeout(120_000);
  await signIn(page, 'idle.enforce');
  await expect(page).toHaveURL(/\/account$/);
  const dialog = page.getByRole('dialog', { name: 'Your session is about to end' });
  await expect(dialog).toBeVisible({ timeout: 40_000 });
  await page.getByRole('button', { name: 'Stay signed in' }).click();
  await expect(dialog).toBeHidden();
  await page.waitForTimeout(35_000); // past the first deadline
  await page.goto('/account');
  await expect(page).toHaveURL(/\/account$/);
});

test('lockout after failed attempts, then unlock by the Unit Manager', async ({ page, browser }) => {
  // unlockme.contoso's policy locks for 30 minutes after 3 failures (e2e/fixtures/lockout.ts).
  for (let i = 0; i < 3; i++) {
    await signIn(page, 'unlockme.contoso', `wrong-${i}`);
    await expect(page.getByRole('alert').filter({ hasText: /\S/ })).toContainText('Sign-in failed');
  }
  await signIn(page, 'unlockme.contoso');
  await expect(page.getByRole('alert').filter({ hasText: /\S/ })).toContainText('Sign-in failed');

  const unit = await browser.newContext({ storageState: 'e2e/.auth/unit.contoso.json' });
  const admin = await unit.newPage();
  await admin.goto('/users/unlockme.contoso?tab=security');
  await expect(admin.getByTestId('account-status')).toHaveText('locked');
  await admin.getByRole('button', { name: 'Unlock' }).click();
  await expect(admin.getByTestId('account-status')).toHaveText('active');
  await unit.close();

  await signIn(page, 'unlockme.contoso');
  await expect(page).toHaveURL(/\/account$/);
});
