import { expect, test as setup } from '@playwright/test';
import { authFile, signIn } from './helpers';

// Signed-in states that issue 4's tests need beyond e2e/auth.setup.ts.
for (const username of ['manager.acme']) {
  setup(`sign in as ${username} (credential policies)`, async ({ page }) => {
    await signIn(page, username);
    await expect(page.getByRole('button', { name: 'Sign out' })).toBeVisible();
    await page.context().storageState({ path: authFile(username) });
  });
}
