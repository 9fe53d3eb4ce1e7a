import { expect, type Page, test } from '@playwright/test';
import postgres from 'postgres';
import { RECOVERY_ANSWERS } from './fixtures/password-recovery';
import { DEMO_PASSWORD, expectSignInRefused, signIn } from './helpers';

// alice.contoso's password changes here for good: no later spec signs in as alice.
const NEW_PASSWORD = 'Harbour-Lantern-5821!';

async function forgotPassword(page: Page, username: string, answers: string[], newPassword = NEW_PASSWORD) {
  await page.goto('/login');
  await page.getByRole('link', { name: 'Forgot password?' }).click();
  await expect(page.getByRole('heading', { name: 'Forgot password' })).toBeVisible();
  await page.getByLabel('Username').fill(username);
  await page.getByRole('button', { name: 'Continue' }).click();
  const fields = page.locator('form input');
  await expect(fields).toHaveCount(3);
  for (const [i, answer] of answers.entries()) await fields.nth(i).fill(answer);
  await page.getByRole('button', { name: 'Continue' }).click();
  // Wrong answers are refused at this step; only right ones open the password step (and its rules).
  const newPasswordField = page.getByLabel('New password', { exact: true });
  const refused = page.getByText(/^The answers do not match/);
  await expect(newPasswordField.or(refused)).toBeVisible();
  if (await refused.isVisible()) return;
  await newPasswordField.fill(newPassword);
  await page.getByLabel('Confirm new password').fill(newPassword);
  await page.getByRole('button', { name: 'Reset password' }).click();
}

/** Row counts of what a reset could change, when the e2e database is PostgreSQL (PGlite admits one process). */
async function rowCounts(): Promise<string | null> {
  const url = process.env.E2E_DATABASE_URL;
  if (!url) return null;
  const sql = postgres(url, { max: 1 });
  try {
    const [r] = await sql`select
      (select count(*) from accounts) as accounts, (select count(*) from security_answers) as answers,
      (select count(*) from password_history) as history, (select count(*) from sessions) as sessions,
      (select count(*) from outbox) as outbox, (select count(*) from audit_log) as audit,
      (select string_agg(password_hash || status, ',' order by id) from accounts) as credentials`;
    return JSON.stringify(r);
  } finally {
    await sql.end();
  }
}

test.describe('forgotten password through security questions', () => {
  test('alice.contoso saves questions, resets a forgotten password through them and signs in with the new one', async ({ page }) => {
    await signIn(page, 'alice.contoso');
    await expect(page.getByRole('button', { name: 'Sign out' })).toBeVisible();
    await page.goto('/account');
    const section = page.getByRole('region', { name: 'Security questions' });
    for (const [i, [question, answer]] of RECOVERY_ANSWERS.entries()) {
      await section.getByLabel(`Question ${i + 1}`, { exact: true }).selectOption(question);
      await section.getByLabel(`Answer ${i + 1}`, { exact: true }).fill(answer);
    }
    await section.getByLabel('Password (to confirm)').fill(DEMO_PASSWORD);
    await section.getByRole('button', { name: 'Save questions' }).click();
    await expect(section.getByRole('status')).toHaveText('Your security questions were saved.');
    await page.getByRole('button', { name: 'Sign out' }).click();
    // Signing out lands on the sign-in page; a goto while it is still on its way would abort it.
    await expect(page).toHaveURL(/\/login/);
    await expect(page.getByRole('heading', { name: 'Sign in' })).toBeVisible();

    await page.getByRole('link', { name: 'Forgot password?' }).click();
    await page.getByLabel('Username').fill('alice.contoso');
    await page.getByRole('button', { name: 'Continue' }).click();
    // Each question is the label of its answer field; answers are compared without case or extra spaces.
    await page.getByLabel(RECOVERY_ANSWERS[0]![0]).fill('  rex');
    await page.getByLabel(RECOVERY_ANSWERS[1]![0]).fill('LYON');
    await page.getByLabel(RECOVERY_ANSWERS[2]![0]).fill('elm  street');
    await page.getByRole('button', { name: 'Continue' }).click();
    await page.getByLabel('New password', { exact: true }).fill(NEW_PASSWORD);
    await expect(page.getByRole('list', { name: 'Password rules' })).toBeVisible();
    await page.getByLabel('Confirm new password').fill(NEW_PASSWORD);
    await page.getByRole('button', { name: 'Reset password' }).click();
    await expect(page.getByRole('status')).toHaveText('Your password was reset. Sign in with your new password.');

    await signIn(page, 'alice.contoso', DEMO_PASSWORD);
    await expectSignInRefused(page);
    await signIn(page, 'alice.contoso', NEW_PASSWORD);
    await expect(page.getByRole('button', { name: 'Sign out' })).toBeVisible();
  });

  test('three wrong answers count toward the lockout', async ({ page }) => {
    for (let i = 0; i < 3; i++) {
      await forgotPassword(page, 'guessed.contoso', ['Fido', 'Paris', 'Oak Road']);
      await expect(page.getByText(/^The answers do not match/)).toBeVisible();
    }
    // Locked now: the right password is refused with the generic answer.
    await signIn(page, 'guessed.contoso');
    await expectSignInRefused(page);
  });

  test('an unknown username walks the same steps and nothing changes', async ({ page }) => {
    const before = await rowCounts();
    await forgotPassword(page, 'nobody.contoso', ['Fido', 'Paris', 'Oak Road']);
    await expect(page.getByText(/^The answers do not match/)).toBeVisible();
    // The same name is asked the same questions next time.
    const labels = async () => {
      // Through the sign-in page's link, as forgotPassword does: the form is interactive when it shows.
      await page.goto('/login');
      await page.getByRole('link', { name: 'Forgot password?' }).click();
      await expect(page.getByRole('heading', { name: 'Forgot password' })).toBeVisible();
      await page.getByLabel('Username').fill('nobody.contoso');
      await page.getByRole('button', { name: 'Continue' }).click();
      await expect(page.locator('form input')).toHaveCount(3);
      return page.locator('form label').allTextContents();
    };
    expect(await labels()).toEqual(await labels());
    expect(await rowCounts()).toEqual(before);
  });

  test('a reset clears a lock set by failed sign-in attempts', async ({ page }) => {
    await signIn(page, 'relocked.contoso');
    await expectSignInRefused(page);
    await forgotPassword(
      page,
      'relocked.contoso',
      RECOVERY_ANSWERS.map(([, a]) => a),
    );
    await expect(page.getByRole('status')).toHaveText('Your password was reset. Sign in with your new password.');
    await signIn(page, 'relocked.contoso', NEW_PASSWORD);
    await expect(page.getByRole('button', { name: 'Sign out' })).toBeVisible();
  });
});
