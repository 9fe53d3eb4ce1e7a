import { expect, test as setup } from '@playwright/test';
import { authFile, signIn } from './helpers';

// Signed-in states for issue 5's role walks (sys.hcs.initech fixtures) and the External ID grant.
for (const username of ['manager.initech', 'unit.initech', 'useradmin.initech', 'user.initech', 'operator', 'useradmin.contoso']) {
  setup(`sign in as ${username}`, async ({ page }) => {
    await signIn(page, username);
    await expect(page.getByRole('button', { name: 'Sign out' })).toBeVisible();
    await page.context().storageState({ path: authFile(username) });
  });
}
