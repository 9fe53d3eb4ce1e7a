import { expect, test as setup } from '@playwright/test';
import { authFile, signIn } from './helpers';

// One signed-in state per account the tests act as (STYLE habit 12): the demo organisation's roles,
// the sys.hcs.initech accounts of the user-administration walks, and the External ID grant's accounts.
const ACCOUNTS = [
  'manager.contoso',
  'manager.globex',
  'unit.contoso',
  'manager.acme',
  'manager.initech',
  'unit.initech',
  'useradmin.initech',
  'user.initech',
  'operator',
  'useradmin.contoso',
];

for (const username of ACCOUNTS) {
  setup(`sign in as ${username}`, async ({ page }) => {
    await signIn(page, username);
    await expect(page.getByRole('button', { name: 'Sign out' })).toBeVisible();
    await page.context().storageState({ path: authFile(username) });
  });
}
