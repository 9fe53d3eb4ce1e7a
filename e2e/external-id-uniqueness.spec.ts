import { expect, test } from '@playwright/test';
import { authFile } from './helpers';

test.use({ storageState: authFile('manager.initech') });

// Sets External IDs on two sys.hcs.initech accounts (one on the site below); clears them at the end.
test('an External ID already held in the organisation is refused, whatever its case, naming the holder', async ({ page }) => {
  const save = async (username: string, externalId: string) => {
    await page.goto(`/users/${username}`);
    await page.getByRole('textbox', { name: 'External ID' }).fill(externalId);
    await page.getByRole('button', { name: 'Save account information' }).click();
  };
  try {
    await save('user.initech', 'INI-0001');
    await expect(page.getByRole('status')).toHaveText('Saved.');
    await save('target.initech', 'ini-0001');
    await expect(page.getByText('External ID "ini-0001" is already used by user.initech (at sys.hcs.initech).').first()).toBeVisible();
    await page.reload();
    await expect(page.getByRole('textbox', { name: 'External ID' })).toHaveValue('');
  } finally {
    await save('user.initech', '');
  }
});
