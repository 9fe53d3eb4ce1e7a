import { type Browser, expect, type Page, test } from '@playwright/test';
import { generate } from 'otplib';
import { DEMO_PASSWORD, expectSignInRefused, signIn } from './helpers';

const NEW_PASSWORD = 'Quartz-Lantern-8351?';
const error = (page: Page) => page.getByRole('alert').filter({ hasText: /\S/ });

async function enter(page: Page, code: string) {
  await page.getByLabel('Authentication code').fill(code);
  await page.getByRole('button', { name: 'Verify' }).click();
}

/** A wrong code, submitted and answered (React empties the form once the action is done). */
async function enterWrong(page: Page, secret: string) {
  await enter(page, await wrongCode(secret));
  await expect(page.getByLabel('Authentication code')).toHaveValue('');
  await expect(error(page)).toContainText('That code is not right');
}

/** A code that matches none of the accepted steps. */
async function wrongCode(secret: string) {
  const now = Math.floor(Date.now() / 1000);
  const near = await Promise.all([-30, 0, 30].map((d) => generate({ secret, epoch: now + d })));
  return ['000000', '111111', '222222', '333333'].find((c) => !near.includes(c))!;
}

/** Signs in and enrols an authenticator; returns its secret. */
async function enrol(page: Page, username: string) {
  await signIn(page, username);
  await expect(page).toHaveURL(/\/login\/two-factor/);
  const secret = (await page.getByTestId('totp-secret').textContent())!.trim();
  await enter(page, await generate({ secret }));
  await expect(page).toHaveURL(/\/account$/);
  return secret;
}

async function pendingSignIn(browser: Browser, username: string) {
  const context = await browser.newContext();
  const page = await context.newPage();
  await signIn(page, username);
  await expect(page).toHaveURL(/\/login\/two-factor/);
  return page;
}

test('wrong authentication codes keep counting across password sign-ins until the account locks', async ({ page, browser }) => {
  // brute.hardening locks after 3 failures; each new password sign-in must not forgive earlier codes.
  const secret = await enrol(page, 'brute.hardening');
  const first = await pendingSignIn(browser, 'brute.hardening');
  for (let i = 0; i < 2; i++) await enterWrong(first, secret);
  const second = await pendingSignIn(browser, 'brute.hardening');
  // The third wrong code locks the account and ends every session of it.
  await enter(second, await wrongCode(secret));
  await expect(second).toHaveURL(/\/login(\?|$)/);
  await first.goto('/login/two-factor');
  await expect(first).toHaveURL(/\/login(\?|$)/);
  // Locked: even the right password and a right code get nowhere.
  await signIn(second, 'brute.hardening');
  await expectSignInRefused(second);
});

test('a pending sign-in gets a fixed number of codes even without per-user limiting', async ({ page, browser }) => {
  const secret = await enrol(page, 'ceiling.hardening');
  const pending = await pendingSignIn(browser, 'ceiling.hardening');
  for (let i = 0; i < 4; i++) await enterWrong(pending, secret);
  // The fifth wrong code ends the pending sign-in: back to the sign-in page, the session gone.
  await enter(pending, await wrongCode(secret));
  await expect(pending).toHaveURL(/\/login(\?|$)/);
  await pending.goto('/login/two-factor');
  await expect(pending).toHaveURL(/\/login(\?|$)/);
});

test('the enrolment secret stays the same across reloads and tabs, and a pasted code with a space or hyphen is accepted', async ({ page }) => {
  await signIn(page, 'stable.hardening');
  await expect(page).toHaveURL(/\/login\/two-factor/);
  const secret = (await page.getByTestId('totp-secret').textContent())!.trim();
  await page.reload();
  await expect(page.getByTestId('totp-secret')).toHaveText(secret);
  const tab = await page.context().newPage();
  await tab.goto('/login/two-factor');
  await expect(tab.getByTestId('totp-secret')).toHaveText(secret);
  await tab.close();

  await enter(page, '12345');
  await expect(error(page)).toContainText('Enter the 6 digits');
  const code = await generate({ secret });
  await enter(page, `${code.slice(0, 3)} ${code.slice(3)}`);
  await expect(page).toHaveURL(/\/account$/);

  // The next sign-in takes the hyphenated form.
  await page.context().clearCookies();
  await signIn(page, 'stable.hardening');
  const next = await generate({ secret, epoch: Math.floor(Date.now() / 1000) + 30 });
  await enter(page, `${next.slice(0, 3)}-${next.slice(3)}`);
  await expect(page).toHaveURL(/\/account$/);
});

test('when a password change is required and two-factor applies, the code comes first', async ({ page }) => {
  await signIn(page, 'mustchange.hardening');
  await expect(page).toHaveURL(/\/login\/two-factor/);
  await page.goto('/login/change-password');
  await expect(page).toHaveURL(/\/login\/two-factor/);
  const secret = (await page.getByTestId('totp-secret').textContent())!.trim();
  await enter(page, await generate({ secret }));
  await expect(page).toHaveURL(/\/login\/change-password/);
  await page.getByLabel('Current password').fill(DEMO_PASSWORD);
  await page.getByLabel('New password', { exact: true }).fill(NEW_PASSWORD);
  await page.getByLabel('Confirm new password').fill(NEW_PASSWORD);
  await page.getByRole('button', { name: /Change password/ }).click();
  await expect(page).toHaveURL(/\/account$/);
});

test('changing one own password with two-factor on keeps the person signed in and says so', async ({ page, browser }) => {
  await enrol(page, 'selfchange.hardening');
  const otherPage = await pendingSignIn(browser, 'selfchange.hardening');
  await page.getByLabel('Current password').fill(DEMO_PASSWORD);
  await page.getByLabel('New password', { exact: true }).fill(NEW_PASSWORD);
  await page.getByLabel('Confirm new password').fill(NEW_PASSWORD);
  await page.getByRole('button', { name: 'Change password' }).click();
  await expect(page.getByText('Your password was changed. Your other sessions were signed out.')).toBeVisible();
  await page.reload();
  await expect(page).toHaveURL(/\/account$/);
  await expect(page.getByRole('heading', { name: 'My account' })).toBeVisible();
  // The other (pending) sign-in was ended.
  await otherPage.goto('/login/two-factor');
  await expect(otherPage).toHaveURL(/\/login(\?|$)/);
});
