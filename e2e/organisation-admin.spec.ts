import { type Browser, type BrowserContext, expect, type Page, test } from '@playwright/test';
import { authFile, expectSignInRefused, signIn } from './helpers';

const FABRIKAM = 'sys.hcs.acme.fabrikam';
const NEW_PASSWORD = 'Fabrikam-Blue-Otter-93!';

async function asUser(browser: Browser, username: string): Promise<Page> {
  const context = await browser.newContext({ storageState: authFile(username) });
  return context.newPage();
}

/** A fresh browser signed in through the form (fixture accounts have no saved state). */
async function signedIn(browser: Browser, username: string, password?: string, context?: BrowserContext): Promise<Page> {
  const page = await (context ?? (await browser.newContext())).newPage();
  await signIn(page, username, password);
  await expect(page.getByRole('button', { name: 'Sign out' })).toBeVisible();
  return page;
}

/** Creates a Manager at Fabrikam and returns its temporary password. */
async function createManager(page: Page, username: string, first: string): Promise<string> {
  await page.goto(`/users/new?node=${FABRIKAM}`);
  await page.getByLabel('Username').fill(username);
  await page.getByLabel('First name').fill(first);
  await page.getByLabel('Last name').fill('Fabrikam');
  await page.getByLabel('Role').selectOption('manager');
  await page.getByRole('button', { name: 'Create user' }).click();
  return (await page.getByTestId('temporary-password').textContent()) ?? '';
}

/**
 * First sign-in with a temporary password: changed at once when the policy requires it ("User Must
 * Change Password on First Login"), otherwise straight into the console.
 */
async function firstSignIn(browser: Browser, username: string, temporary: string): Promise<Page> {
  const page = await (await browser.newContext()).newPage();
  await signIn(page, username, temporary);
  await expect(page.getByRole('button', { name: 'Sign out' }).or(page.getByLabel('Current password'))).toBeVisible();
  if (/\/login\/change-password/.test(page.url())) {
    await page.getByLabel('Current password').fill(temporary);
    await page.getByLabel('New password', { exact: true }).fill(NEW_PASSWORD);
    await page.getByLabel('Confirm new password').fill(NEW_PASSWORD);
    await page.getByRole('button', { name: 'Change password and continue' }).click();
  }
  await expect(page.getByRole('button', { name: 'Sign out' })).toBeVisible();
  return page;
}

async function makePrimaryContact(page: Page, username: string) {
  await page.goto(`/users/${username}`);
  const section = page.getByRole('region', { name: 'Primary Contact' });
  await section.getByRole('button', { name: 'Make Primary Contact' }).click();
  await section.getByRole('button', { name: 'Confirm Primary Contact' }).click();
  await expect(section.getByText(`${username} is the Primary Contact of ${FABRIKAM}.`)).toBeVisible();
}

test('onboarding a customer: add the node, name its Primary Contact, hand over, delete the emptied node', async ({ browser }) => {
  test.setTimeout(180_000);
  const acme = await asUser(browser, 'manager.acme');
  const op = await asUser(browser, 'operator');
  // Leaving a shown temporary password asks first: here the test has noted it.
  acme.on('dialog', (d) => d.accept());

  // manager.acme adds the customer node under its own node.
  await acme.goto('/users/setup/hierarchy');
  await expect(acme.getByRole('heading', { name: 'Hierarchy', level: 1 })).toBeVisible();
  const add = acme.getByRole('form', { name: 'Add node' });
  await add.getByLabel('Name').fill('Fabrikam');
  await add.getByLabel('Type').selectOption('customer');
  await add.getByRole('button', { name: 'Add node' }).click();
  await expect(add.getByRole('status')).toContainText(`${FABRIKAM} added.`);
  await add.getByRole('button', { name: `Open ${FABRIKAM}` }).click();
  await expect(acme.getByTestId('node-path')).toHaveText(FABRIKAM);
  await expect(acme.getByRole('link', { name: 'Fabrikam', exact: true })).toHaveAttribute('aria-current', 'page');

  // A Manager there, made Primary Contact by the Manager above.
  const firstTemp = await createManager(acme, 'ann.fabrikam', 'Ann');
  const secondTemp = await createManager(acme, 'bob.fabrikam', 'Bob');
  await makePrimaryContact(acme, 'ann.fabrikam');

  // Support activates Password Never Expires there; the new Primary Contact accepts and grants.
  await op.goto(`/users/setup/security?node=${FABRIKAM}`);
  const ne = op.getByRole('region', { name: 'Password Never Expires for API access' });
  await ne.getByRole('button', { name: 'Activate Password Never Expires' }).click();
  await ne.getByRole('alertdialog').getByRole('button', { name: 'Activate', exact: true }).click();
  await expect(ne.getByText('Activated, agreement not accepted')).toBeVisible();

  const ann = await firstSignIn(browser, 'ann.fabrikam', firstTemp);
  await ann.goto('/users/setup/password-never-expires');
  await ann.getByLabel('I have read the agreement and accept the risk').check();
  await ann.getByRole('button', { name: 'Accept' }).click();
  await expect(ann.getByTestId('never-expire-status')).toHaveText('Activated, agreement accepted');
  await ann.goto('/users/setup/security');
  const ext = ann.getByRole('region', { name: 'External IDs' });
  const override = ext.getByRole('button', { name: /^Override .+ here$/ });
  if (await override.isVisible()) await override.click();
  await ext.getByLabel('Allow other users to manage external IDs').check();
  await ext.getByRole('button', { name: 'Save external IDs' }).click();
  await expect(ext.getByText('Other users may manage external IDs')).toBeVisible();
  await ann.goto('/users/bob.fabrikam?tab=security');
  await ann.getByLabel('Allow this user to manage external IDs').check();
  await ann.getByRole('button', { name: 'Save External ID permission' }).click();
  await expect(ann.getByRole('status')).toHaveText('Saved.');

  // Making Bob Primary Contact moves both: the agreement's decisions and the External ID grants.
  await makePrimaryContact(acme, 'bob.fabrikam');
  const bob = await firstSignIn(browser, 'bob.fabrikam', secondTemp);
  await bob.goto('/users/setup/password-never-expires');
  await expect(bob.getByRole('button', { name: 'Opt out' })).toBeVisible();
  await bob.goto('/users/ann.fabrikam?tab=security');
  await expect(bob.getByLabel('Allow this user to manage external IDs')).toBeVisible();
  await ann.goto('/users/setup/password-never-expires');
  await expect(ann.getByRole('button', { name: 'Opt out' })).toHaveCount(0);
  await expect(ann.getByText(`Only the Primary Contact of ${FABRIKAM} accepts or declines this agreement.`)).toBeVisible();

  // The operator cannot delete the node while it holds accounts; emptied, it goes.
  await op.goto(`/users/setup/hierarchy?node=${FABRIKAM}`);
  await op.getByRole('button', { name: 'Delete node' }).click();
  await op.getByRole('button', { name: 'Confirm delete' }).click();
  await expect(op.getByRole('alert').filter({ hasText: /\S/ })).toHaveText(`${FABRIKAM} holds 2 accounts; move or delete them first.`);
  for (const username of ['ann.fabrikam', 'bob.fabrikam']) {
    await op.goto(`/users/${username}`);
    await op.getByLabel('Node').selectOption('sys.hcs.acme');
    await op.getByRole('button', { name: 'Save account information' }).click();
    await expect(op.getByRole('status')).toHaveText('Saved.');
  }
  await op.goto(`/users/setup/hierarchy?node=${FABRIKAM}`);
  await op.getByRole('button', { name: 'Delete node' }).click();
  await op.getByRole('button', { name: 'Confirm delete' }).click();
  await expect(op.getByRole('status')).toContainText(`${FABRIKAM} deleted.`);
  await op.goto('/users/setup/hierarchy?q=fabrikam');
  await expect(op.getByText('No node matches “fabrikam”.')).toBeVisible();
});

test('the hierarchy tree expands on demand and search finds nodes by name or path', async ({ browser }) => {
  const op = await asUser(browser, 'operator');
  await op.goto('/users/setup/hierarchy');
  await op.getByRole('button', { name: 'Expand HCS', exact: true }).click();
  await op.getByRole('button', { name: 'Expand Acme', exact: true }).click();
  await expect(op.getByRole('button', { name: 'Expand Acme North', exact: true })).toHaveAttribute('aria-expanded', 'false');
  await op.getByRole('button', { name: 'Expand Acme North', exact: true }).click();
  await expect(op.getByRole('button', { name: 'Collapse Acme North', exact: true })).toHaveAttribute('aria-expanded', 'true');
  await expect(op.getByRole('link', { name: 'Contoso', exact: true })).toBeVisible();
  await op.getByLabel('Search nodes').fill('north.contoso');
  await op.getByRole('button', { name: 'Search' }).click();
  await op.getByRole('region', { name: 'Search results' }).getByRole('link', { name: 'Contoso' }).click();
  await expect(op.getByTestId('node-path')).toHaveText('sys.hcs.acme.north.contoso');
  expect((await op.goto('/users/setup/hierarchy'))?.status()).toBe(200);
  const contoso = await asUser(browser, 'manager.contoso');
  expect((await contoso.goto('/users/setup/hierarchy?node=sys.hcs.acme'))?.status()).toBe(403);
});

test.describe('account status and takeover refusals', () => {
  test('a disabled account cannot sign in, shows its reason, and is enabled again', async ({ browser }) => {
    const manager = await signedIn(browser, 'manager.wayne');
    await manager.goto('/users/user.wayne?tab=security');
    await manager.getByLabel('Reason').fill('On leave until March');
    await manager.getByRole('button', { name: 'Disable account' }).click();
    await expect(manager.getByTestId('account-status')).toHaveText('disabled');
    await expect(manager.getByTestId('account-status-reason')).toHaveText('On leave until March');
    await manager.goto('/users?node=sys.hcs.wayne&status=disabled');
    await expect(manager.getByRole('table').getByRole('link')).toHaveText(['user.wayne']);

    const user = await (await browser.newContext()).newPage();
    await signIn(user, 'user.wayne');
    await expectSignInRefused(user);
    await expect(user.getByText('On leave')).toHaveCount(0);

    await manager.goto('/users/user.wayne?tab=security');
    await manager.getByRole('button', { name: 'Enable account' }).click();
    await expect(manager.getByTestId('account-status')).toHaveText('active');
    await signIn(user, 'user.wayne');
    await expect(user.getByRole('button', { name: 'Sign out' })).toBeVisible();
  });

  test('a Manager cannot disable or reset a peer Manager or the Primary Contact, even with a crafted request', async ({ browser }) => {
    const peer = await signedIn(browser, 'peer.wayne');
    await peer.goto('/users/manager.wayne?tab=security');
    const disable = peer.getByRole('button', { name: 'Disable account' });
    await expect(disable).toBeDisabled();
    await expect(peer.getByText('Only someone who ranks above the Primary Contact of sys.hcs.wayne may do this').first()).toBeVisible();
    await peer.getByLabel('Reason').evaluate((el) => el.removeAttribute('disabled'));
    await peer.getByLabel('Reason').fill('coup');
    await disable.evaluate((el) => el.removeAttribute('disabled'));
    await disable.click();
    await expect(peer.getByRole('form', { name: 'Disable account' }).getByRole('alert')).toContainText('Only someone who ranks above');
    const reset = peer.getByRole('button', { name: 'Reset password' });
    await expect(reset).toBeDisabled();
    // The disabled button opens no dialog: the crafted request submits its form directly.
    await reset.evaluate((el) => el.closest('form')?.requestSubmit());
    await expect(peer.getByRole('alert').filter({ hasText: 'ranks above' }).first()).toBeVisible();
    await expect(peer.getByTestId('temporary-password')).toHaveCount(0);
    await peer.reload();
    await expect(peer.getByTestId('account-status')).toHaveText('active');

    // Unlock-type operations stay; a Unit Manager cannot reset a User Administrator.
    const unit = await signedIn(browser, 'unit.wayne');
    await unit.goto('/users/useradmin.wayne?tab=security');
    await expect(unit.getByRole('button', { name: 'Reset password' })).toBeDisabled();
    await expect(unit.getByRole('button', { name: 'End sessions' })).toBeEnabled();
  });
});

test('the absolute timeout is announced with its time, and cannot be postponed', async ({ browser }) => {
  const page = await signedIn(browser, 'short.wayne');
  const dialog = page.getByRole('dialog');
  await expect(dialog).toContainText(/Your session ends at \d{1,2}:\d{2}.*; sign in again to continue\./);
  await expect(dialog.getByRole('button', { name: 'Stay signed in' })).toHaveCount(0);
  await dialog.getByRole('button', { name: 'OK' }).click();
  await expect(dialog).toBeHidden();
});

test('the Security tab shows sign-in activity in the viewer’s time zone, and ends one session', async ({ browser }) => {
  const user = await signedIn(browser, 'useradmin.wayne');
  const manager = await signedIn(browser, 'manager.wayne', undefined, await browser.newContext({ timezoneId: 'Europe/Paris' }));
  await manager.goto('/users/useradmin.wayne?tab=security');
  const activity = manager.getByRole('region', { name: 'Sign-in activity' });
  await expect(activity.getByTestId('last-sign-in')).toContainText('(Europe/Paris)');
  await expect(activity.getByTestId('last-sign-in')).toContainText(/from \S+/);
  await expect(activity.getByTestId('failed-attempts')).toHaveText('0');
  await expect(activity.getByTestId('two-factor-status')).toHaveText('Not enrolled');
  await expect(activity.getByTestId('password-expires')).toContainText('(Europe/Paris)');
  const sessions = manager.getByRole('region', { name: 'Active sessions' });
  await expect(sessions.getByRole('row')).toHaveCount(2);
  await sessions.getByRole('button', { name: /End the session from/ }).click();
  await expect(sessions.getByText('No active sessions.')).toBeVisible();
  await user.reload();
  await expect(user).toHaveURL(/\/login/);
});

test('a temporary password can be copied, and leaving the page while it shows asks first', async ({ browser }) => {
  const context = await browser.newContext();
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  const manager = await signedIn(browser, 'manager.wayne', undefined, context);
  await manager.goto('/users/user.wayne?tab=security');
  await manager.getByRole('button', { name: 'Reset password' }).click();
  await manager.getByRole('alertdialog').getByRole('button', { name: 'Reset password' }).click();
  const temp = (await manager.getByTestId('temporary-password').textContent()) ?? '';
  await manager.getByRole('button', { name: 'Copy' }).click();
  await expect(manager.getByText('Copied.')).toBeVisible();
  expect(await manager.evaluate(() => navigator.clipboard.readText())).toBe(temp);
  const asked: string[] = [];
  manager.once('dialog', async (d) => {
    asked.push(d.message());
    await d.dismiss();
  });
  await manager.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Users' }).click();
  await expect.poll(() => asked).toEqual(['The temporary password is shown only once. Leave this page without it?']);
  await expect(manager.getByTestId('temporary-password')).toHaveText(temp);
});

test('refused controls say why beside them, and a 403 names the role or the scope', async ({ browser }) => {
  const unit = await signedIn(browser, 'unit.wayne');
  await unit.goto('/users/api.wayne?tab=security');
  const timeout = unit.getByLabel('Session timeout override (minutes)');
  await expect(timeout).toBeDisabled();
  await expect(timeout).toHaveAccessibleDescription(/Only Managers set an account’s session timeout\./);
  await expect(unit.getByRole('button', { name: 'Save session timeout' })).toHaveAccessibleDescription(
    'Only Managers set an account’s session timeout.',
  );
  const never = unit.getByLabel('Set the password of this account to Never Expire');
  await expect(never).toBeDisabled();
  await expect(never).toHaveAccessibleDescription('Only Managers set Never Expire on an account.');
  await unit.goto('/users/useradmin.wayne?tab=security');
  const grant = unit.getByLabel('Allow this user to manage external IDs');
  await expect(grant).toBeDisabled();
  await expect(grant).toHaveAccessibleDescription('Only the Primary Contact grants the External ID permission.');
  expect((await unit.goto('/users/setup/security'))?.status()).toBe(403);
  await expect(unit.getByTestId('forbidden-reason')).toHaveText('Your role (Unit Manager) does not give access to this page.');

  const admin = await signedIn(browser, 'useradmin.wayne');
  await admin.goto('/users/peer.wayne');
  await expect(admin.getByLabel('First name')).toBeDisabled();
  await expect(admin.getByLabel('First name')).toHaveAccessibleDescription('A User Administrator cannot change the account of a Manager.');
  await expect(admin.getByRole('button', { name: 'Make Primary Contact' })).toHaveAccessibleDescription(
    'Only a Manager of a node above (or the System operator) names the Primary Contact.',
  );

  const manager = await signedIn(browser, 'manager.wayne');
  expect((await manager.goto('/users/setup/security?node=sys.hcs.acme'))?.status()).toBe(403);
  await expect(manager.getByTestId('forbidden-reason')).toHaveText(
    'You act only on sys.hcs.wayne and the nodes below it; this page is about a node outside it.',
  );
});
