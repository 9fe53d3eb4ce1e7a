import { expect, test as setup } from '@playwright/test';
import { authFile, signIn } from './helpers';

// One signed-in state per role used by the tests (STYLE habit 12).
for (const username of ['manager.contoso', 'manager.globex', 'unit.contoso', 'manager.acme']) {
  setup(`sign in as ${username}`, async ({ page }) => {
    await signIn(page, username);
    await expect(page.getByRole('button', { name: 'Sign out' })).toBeVisible();
    await page.context().storageState({ path: authFile(username) });
  });
}
