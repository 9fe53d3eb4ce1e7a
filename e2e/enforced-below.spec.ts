import { type Browser, expect, type Page, test } from '@playwright/test';
import { signIn } from './helpers';

// Fresh sign-ins of the fixture's accounts and several saves per walk.
test.describe.configure({ timeout: 180_000 });

const HOOLI = 'sys.hcs.hooli';
const EAST = 'sys.hcs.hooli.east';
const alert = (page: Page) => page.locator('[role=alert]:not(#__next-route-announcer__)').filter({ hasText: /\S/ });

async function signedIn(browser: Browser, username: string): Promise<Page> {
  const page = await (await browser.newContext()).newPage();
  await signIn(page, username);
  await expect(page.getByRole('button', { name: 'Sign out' })).toBeVisible();
  return page;
}

test('two-factor enforced from a higher node: shown as enforced below, and a stale form from below is refused', async ({ browser }) => {
  const top = await signedIn(browser, 'manager.hooli');
  const east = await signedIn(browser, 'manager.east');

  // East opens its own override form while it still may.
  await east.goto('/users/setup/security');
  const eastTwoFactor = east.getByRole('region', { name: 'Two-factor authentication' });
  await eastTwoFactor.getByRole('button', { name: /^Override/ }).click();
  await eastTwoFactor.getByLabel('Require two-factor authentication for all users').check();

  // Hooli defines "not required" and enforces it for every node below.
  await top.goto(`/users/setup/security?node=${HOOLI}`);
  const topTwoFactor = top.getByRole('region', { name: 'Two-factor authentication' });
  await topTwoFactor.getByRole('button', { name: /^Override/ }).click();
  await topTwoFactor.getByLabel('Enforced for all nodes below').check();
  await topTwoFactor.getByRole('button', { name: 'Save two-factor authentication' }).click();
  await expect(topTwoFactor.getByRole('status')).toHaveText('Saved.');
  await expect(topTwoFactor).toContainText('Not required. Enforced for all nodes below.');

  // East's form was rendered before: the server refuses it and names the enforcing node.
  await eastTwoFactor.getByRole('button', { name: 'Save two-factor authentication' }).click();
  await eastTwoFactor.getByRole('alertdialog').getByRole('button', { name: 'Require two-factor authentication' }).click();
  await expect(eastTwoFactor.getByRole('alert').filter({ hasText: /\S/ })).toContainText(`enforced by ${HOOLI} for all nodes below it`);

  // Reloaded, the section shows where it is enforced from and offers nothing to change.
  await east.reload();
  await expect(eastTwoFactor).toContainText(`enforced from ${HOOLI}`);
  await expect(eastTwoFactor).toContainText(`${HOOLI} enforces this setting for all nodes below it, so it cannot be overridden here.`);
  await expect(eastTwoFactor.getByRole('button')).toHaveCount(0);

  // The simulator says where two-factor is decided.
  await top.goto(`/users/setup/simulate-sign-in?username=user.east&ip=192.0.2.10`);
  const twoFactorRow = top.getByRole('row').filter({ has: top.getByRole('cell', { name: 'Two-factor', exact: true }) });
  await expect(twoFactorRow).toContainText(`${HOOLI} (enforced for all nodes below)`);
});

test('a credential policy as the minimum below its node: weaker policies below are refused, and “why this policy” says so', async ({ browser }) => {
  const top = await signedIn(browser, 'manager.hooli');
  const east = await signedIn(browser, 'manager.east');

  await top.goto(`/users/setup/credential-policies?node=${HOOLI}`);
  await top.getByRole('link', { name: 'Edit Hooli Floor', exact: true }).click();
  await top.getByLabel('Minimum for all nodes below').check();
  await top.getByRole('button', { name: 'Save policy' }).click();
  await expect(top.getByRole('status').first()).toHaveText(`Saved Hooli Floor at ${HOOLI}.`);
  await expect(top.getByLabel('Minimum for all nodes below')).toBeChecked();

  // East copies the floor and weakens it in one field: refused, with no way to confirm it through.
  await east.goto(`/users/setup/credential-policies?node=${EAST}`);
  await east.getByRole('link', { name: 'Copy and edit Hooli Floor' }).click();
  await east.getByLabel('Name', { exact: true }).fill('East Relaxed');
  await east.getByLabel('Disable Failed Login Limiting per User').check();
  await east.getByLabel(/Save it anyway/).check();
  await east.getByRole('button', { name: 'Create policy' }).click();
  await expect(alert(east)).toContainText(`Hooli Floor is the minimum for every policy at ${HOOLI} and below`);
  await expect(alert(east)).toContainText('Disable Failed Login Limiting per User on (minimum: off)');
  await east.goto(`/users/setup/credential-policies?node=${EAST}`);
  await expect(east.locator('tr[data-policy="East Relaxed"]')).toHaveCount(0);

  await east.goto('/users/user.east?tab=security');
  await expect(east.getByRole('region', { name: 'Why this policy' }).getByRole('note')).toContainText(
    `Enforced from ${HOOLI}: Hooli Floor is the minimum for every policy at ${HOOLI} and below`,
  );
});
