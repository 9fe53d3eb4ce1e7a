import { expect, type Page, test } from '@playwright/test';
import { actAs, authFile } from './helpers';

const security = (page: Page, username: string) => page.goto(`/users/${username}?tab=security`);

test.describe('Manager', () => {
  test.use({ storageState: authFile('manager.initech') });

  test('searches, filters and pages the users list', async ({ page }) => {
    await page.goto('/users?node=sys.hcs.initech');
    await expect(page.getByRole('link', { name: 'locked1.initech' })).toBeVisible();
    await expect(page.getByRole('link', { name: 'manager.contoso' })).toHaveCount(0);
    await page.getByLabel('Status').selectOption('locked');
    await page.getByRole('button', { name: 'Filter' }).click();
    await expect(page.getByRole('table').getByRole('link')).toHaveText(['locked1.initech', 'locked2.initech', 'lockedmgr.initech']);
    await page.getByLabel('Role').selectOption('manager');
    await page.getByRole('button', { name: 'Filter' }).click();
    await expect(page.getByRole('table').getByRole('link')).toHaveText(['lockedmgr.initech']);
    await page.goto('/users?node=sys.hcs.initech&q=TARGET');
    await expect(page.getByRole('table').getByRole('link')).toHaveText(['target.initech']);
    await expect(page.getByText('1 account', { exact: true })).toBeVisible();
  });

  test('creates a user, edits it, resets its password and ends its sessions', async ({ page }) => {
    await page.goto('/users');
    await page.getByRole('link', { name: 'New user' }).click();
    await page.getByLabel('Username').fill('created.initech');
    await page.getByLabel('First name').fill('Cre');
    await page.getByLabel('Last name').fill('Ated');
    await page.getByLabel('Email').fill('created@example.test');
    await page.getByLabel('Role').selectOption('user_admin');
    await page.getByLabel('Node').selectOption('sys.hcs.initech.site1');
    await page.getByRole('button', { name: 'Create user' }).click();
    await expect(page.getByTestId('temporary-password')).toHaveText(/^\S{16,}$/);
    await page.getByRole('button', { name: 'Open the account' }).click();
    await expect(page.getByRole('heading', { name: 'Cre Ated' })).toBeVisible();
    await expect(page.getByRole('tab', { name: 'Account Information' })).toHaveAttribute('aria-selected', 'true');
    await page.getByLabel('Last name').fill('Edited');
    await page.getByRole('button', { name: 'Save account information' }).click();
    await expect(page.getByRole('status')).toHaveText('Saved.');
    await expect(page.getByRole('heading', { name: 'Cre Edited' })).toBeVisible();

    await page.getByRole('tab', { name: 'Security' }).click();
    await page.getByRole('button', { name: 'Reset password' }).click();
    await page.getByRole('alertdialog').getByRole('button', { name: 'Reset password' }).click();
    await expect(page.getByTestId('temporary-password')).toHaveText(/^\S{16,}$/);
    await page.getByRole('button', { name: 'End sessions' }).click();
    await page.getByRole('alertdialog').getByRole('button', { name: 'End sessions' }).click();
    await expect(page.getByText('Every session of this account has ended.')).toBeVisible();
    await page.getByLabel('Session timeout override (minutes)').fill('300');
    await page.getByRole('button', { name: 'Save session timeout' }).click();
    await expect(page.getByText('At most 240 minutes')).toBeVisible();
    await page.getByLabel('Session timeout override (minutes)').fill('45');
    await page.getByRole('button', { name: 'Save session timeout' }).click();
    await expect(page.getByRole('region', { name: 'Status' })).toBeVisible();
    await expect(page.getByText('Saved.')).toBeVisible();
  });

  test('re-activates a disabled account; cannot change their own role', async ({ page, context }) => {
    await security(page, 'disabled1.initech');
    await page.getByRole('button', { name: 'Re-activate' }).click();
    await expect(page.getByTestId('account-status')).toHaveText('active');

    await page.goto('/users/manager.initech');
    await expect(page.getByLabel('Role')).toHaveCount(0); // shown as text, not offered
    await page.locator('input[name="role"]').evaluate((el) => ((el as HTMLInputElement).value = 'user'));
    await page.getByRole('button', { name: 'Save account information' }).click();
    await expect(page.getByRole('alert').filter({ hasText: /\S/ })).toHaveText('You cannot change your own role.');
    void context;
  });

  test('an account outside the subtree is not found, like a malformed name', async ({ page }) => {
    for (const path of ['/users/manager.contoso', '/users/%25', '/users/a%20b', '/users/nobody.initech']) {
      const res = await page.goto(path);
      expect(res?.status()).toBe(404);
    }
  });
});

test.describe('Unit Manager', () => {
  test.use({ storageState: authFile('unit.initech') });

  test('unlocks a User, may unlock a Manager, but may not edit accounts or reset a Manager’s password', async ({ page, context }) => {
    await page.goto('/users');
    await expect(page.getByRole('link', { name: 'New user' })).toHaveCount(0);
    expect((await page.goto('/users/new'))?.status()).toBe(403);

    await security(page, 'locked1.initech');
    await page.getByRole('button', { name: 'Unlock' }).click();
    await expect(page.getByTestId('account-status')).toHaveText('active');

    // Unlocking yields no credential (SPEC §1); resetting a Manager's password would.
    await security(page, 'lockedmgr.initech');
    await expect(page.getByRole('button', { name: 'Unlock' })).toBeEnabled();
    const reset = page.getByRole('button', { name: 'Reset password' });
    await expect(reset).toBeDisabled();
    // The disabled button opens no dialog: the crafted request submits its form directly.
    await reset.evaluate((el) => el.closest('form')?.requestSubmit());
    await expect(page.getByRole('alert').filter({ hasText: /\S/ })).toHaveText(
      'A Unit Manager cannot do this to a Manager: that role holds rights yours does not.',
    );
    await expect(page.getByTestId('temporary-password')).toHaveCount(0);

    await page.goto('/users/user.initech');
    await expect(page.getByLabel('First name')).toBeDisabled();
    await expect(page.getByRole('button', { name: 'Save account information' })).toHaveCount(0);
    // The Manager's form, submitted with the Unit Manager's session: refused by the server.
    await actAs(context, 'manager.initech');
    await page.goto('/users/user.initech');
    await actAs(context, 'unit.initech');
    await page.getByLabel('First name').fill('Hijacked');
    await page.getByRole('button', { name: 'Save account information' }).click();
    await expect(page.getByRole('alert').filter({ hasText: /\S/ })).toHaveText('Your role does not allow this.');
    await page.reload();
    await expect(page.getByLabel('First name')).toHaveValue('user');
  });
});

test.describe('User Administrator', () => {
  test.use({ storageState: authFile('useradmin.initech') });

  test('creates users and unlocks Users, but does not unlock Managers or give the Manager role', async ({ page }) => {
    await security(page, 'locked2.initech');
    await page.getByRole('button', { name: 'Unlock' }).click();
    await expect(page.getByTestId('account-status')).toHaveText('active');

    await security(page, 'lockedmgr.initech');
    const unlock = page.getByRole('button', { name: 'Unlock' });
    await expect(unlock).toBeDisabled();
    await expect(page.getByText('User Administrators do not unlock Managers.')).toBeVisible();
    await unlock.evaluate((el) => el.removeAttribute('disabled'));
    await unlock.click();
    await expect(page.getByRole('alert').filter({ hasText: /\S/ })).toHaveText('User Administrators do not unlock Managers.');

    await page.goto('/users/new');
    await expect(page.getByLabel('Role').locator('option')).toHaveText(['Unit Manager', 'User Administrator', 'User']);
    await page.getByLabel('Username').fill('byadmin.initech');
    await page.getByLabel('Role').evaluate((el) => {
      const o = document.createElement('option');
      o.value = 'manager';
      el.appendChild(o);
      (el as HTMLSelectElement).value = 'manager';
    });
    await page.getByRole('button', { name: 'Create user' }).click();
    await expect(page.getByRole('alert').filter({ hasText: /\S/ })).toHaveText('You cannot create an account with the role Manager.');
    await page.getByLabel('Role').selectOption('user');
    await page.getByRole('button', { name: 'Create user' }).click();
    await expect(page.getByTestId('temporary-password')).toBeVisible();
  });
});

test.describe('User', () => {
  test.use({ storageState: authFile('user.initech') });

  test('is refused the user pages, and a crafted unlock is refused by the server', async ({ page, context }) => {
    expect((await page.goto('/users'))?.status()).toBe(403);
    expect((await page.goto('/users/target.initech'))?.status()).toBe(403);
    await actAs(context, 'manager.initech');
    await security(page, 'target.initech');
    await actAs(context, 'user.initech');
    await page.getByRole('button', { name: 'End sessions' }).click();
    await page.getByRole('alertdialog').getByRole('button', { name: 'End sessions' }).click();
    await expect(page.getByRole('alert').filter({ hasText: /\S/ })).toHaveText('Your role does not allow this.');
  });
});
