import { type Browser, expect, type Page, test } from '@playwright/test';
import { authFile, signIn } from './helpers';

// Two fresh sign-ins and a dozen page loads per walk: more than the default minute on a busy machine.
test.describe.configure({ timeout: 180_000 });

const UMBRELLA = 'sys.hcs.umbrella';
const WEST = 'sys.hcs.umbrella.west';

async function signedIn(browser: Browser, username: string): Promise<Page> {
  const page = await (await browser.newContext()).newPage();
  await signIn(page, username);
  await expect(page.getByRole('button', { name: 'Sign out' })).toBeVisible();
  return page;
}

async function operatorSets(op: Page, node: string, activate: boolean) {
  await op.goto(`/users/setup/security?node=${node}`);
  const section = op.getByRole('region', { name: 'Password Never Expires for API access' });
  await section.getByRole('button', { name: activate ? 'Activate Password Never Expires' : 'Deactivate Password Never Expires' }).click();
  // Asks first, stating the impact.
  const ask = section.getByRole('alertdialog');
  await expect(ask).toContainText(activate ? 'can then accept the risk agreement' : 'is cleared on');
  await ask.getByRole('button', { name: activate ? 'Activate' : 'Deactivate', exact: true }).click();
  await expect(section.getByText(activate ? 'Activated, agreement not accepted' : 'Not activated')).toBeVisible();
}

async function decide(page: Page, node: string, button: 'Accept' | 'Opt out') {
  await page.goto(`/users/setup/password-never-expires?node=${node}`);
  if (button === 'Accept') await page.getByLabel('I have read the agreement and accept the risk').check();
  await page.getByRole('button', { name: button }).click();
  if (button === 'Opt out') {
    const ask = page.getByRole('alertdialog');
    await expect(ask).toContainText('"Never Expire" is cleared on');
    await ask.getByRole('button', { name: 'Opt out' }).click();
  }
  // Wait for the decision to land before the walk moves on (a navigation would cancel it).
  await expect(page.getByTestId('never-expire-status')).toHaveText(
    button === 'Accept' ? 'Activated, agreement accepted' : 'Activated, agreement not accepted',
  );
}

test('an opt-out below an activated node cannot outlive the operator’s deactivation above it', async ({ browser }) => {
  const op = await (await browser.newContext({ storageState: authFile('operator') })).newPage();
  const top = await signedIn(browser, 'manager.umbrella');
  const west = await signedIn(browser, 'manager.west');

  await operatorSets(op, UMBRELLA, true);
  await decide(top, UMBRELLA, 'Accept');
  await expect(top.getByTestId('never-expire-status')).toHaveText('Activated, agreement accepted');

  // West inherits the acceptance and opts out of it: a decision, recorded as such.
  await west.goto('/users/setup/password-never-expires');
  await expect(west.getByTestId('never-expire-status')).toHaveText('Activated, agreement accepted');
  await decide(west, WEST, 'Opt out');
  await expect(west.getByTestId('never-expire-status')).toHaveText('Activated, agreement not accepted');
  await expect(west.getByRole('row').filter({ hasText: 'opted out' })).toContainText('manager.west');

  // The operator switches the feature off at the top: it is off everywhere below, West included.
  await operatorSets(op, UMBRELLA, false);
  await west.goto('/users/setup/password-never-expires');
  await expect(west.getByTestId('never-expire-status')).toHaveText('Not activated');
  await expect(west.getByRole('button', { name: 'Accept' })).toHaveCount(0);
  await west.goto('/users/api.west?tab=security');
  await expect(west.getByLabel('Set the password of this account to Never Expire')).toHaveCount(0);
  await op.goto(`/users/setup/security?node=${WEST}`);
  await expect(op.getByRole('region', { name: 'Password Never Expires for API access' }).getByText('Not activated')).toBeVisible();
});

test('an ancestor’s opt-out clears Never Expire on the accounts of every node below', async ({ browser }) => {
  const op = await (await browser.newContext({ storageState: authFile('operator') })).newPage();
  const top = await signedIn(browser, 'manager.umbrella');
  const west = await signedIn(browser, 'manager.west');
  const neverExpire = west.getByLabel('Set the password of this account to Never Expire');
  try {
    await operatorSets(op, UMBRELLA, true);
    // West accepts for itself and sets the flag on its API account.
    await decide(west, WEST, 'Accept');
    await expect(west.getByTestId('never-expire-status')).toHaveText('Activated, agreement accepted');
    await west.goto('/users/api.west?tab=security');
    await neverExpire.check();
    await west.getByRole('button', { name: 'Save Never Expire' }).click();
    await expect(west.getByRole('status')).toHaveText('Saved.');

    // Umbrella accepts, then opts out: the opt-out reaches West's own acceptance and its account.
    await decide(top, UMBRELLA, 'Accept');
    await decide(top, UMBRELLA, 'Opt out');
    await expect(top.getByTestId('never-expire-status')).toHaveText('Activated, agreement not accepted');
    await west.goto('/users/setup/password-never-expires');
    await expect(west.getByTestId('never-expire-status')).toHaveText('Activated, agreement not accepted');
    await west.goto('/users/api.west?tab=security');
    await expect(neverExpire).toHaveCount(0);
    await expect(west.getByText('Password Never Expires is not available')).toBeVisible();
  } finally {
    await operatorSets(op, UMBRELLA, false);
  }
});
