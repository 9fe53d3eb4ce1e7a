import { type Browser, expect, type Page, test } from '@playwright/test';
import { authFile } from './helpers';

const CONTOSO = 'sys.hcs.acme.north.contoso';

async function asUser(browser: Browser, username: string): Promise<Page> {
  const context = await browser.newContext({ storageState: authFile(username) });
  return context.newPage();
}

async function setAllowOthers(pc: Page, on: boolean) {
  await pc.goto(`/users/setup/security?node=${CONTOSO}`);
  const section = pc.getByRole('region', { name: 'External IDs' });
  const override = section.getByRole('button', { name: /^Override .+ here$/ });
  if (await override.isVisible()) await override.click();
  const box = section.getByLabel('Allow other users to manage external IDs');
  await box.setChecked(on);
  await section.getByRole('button', { name: 'Save external IDs' }).click();
  // Clearing the setting (the walk only clears it after setting it) asks first: it takes the
  // permission from every granted account.
  if (!on) await section.getByRole('alertdialog').getByRole('button', { name: 'Save external IDs' }).click();
  await expect(section.getByText(on ? 'Other users may manage external IDs' : 'Only the Primary Contact manages external IDs')).toBeVisible();
}

/** Whether useradmin.contoso is offered the External ID field on alice.contoso's account. */
async function externalIdEditable(admin: Page) {
  await admin.goto('/users/alice.contoso');
  await expect(admin.getByLabel('First name')).toBeEnabled();
  return (await admin.getByRole('textbox', { name: 'External ID' }).count()) === 1;
}

// Changes contoso's External IDs setting and useradmin.contoso's grant; restores both at the end.
test('External IDs: grant to useradmin.contoso, clear the setting (gone), set it again (back)', async ({ browser }) => {
  const pc = await asUser(browser, 'manager.contoso');
  const admin = await asUser(browser, 'useradmin.contoso');
  try {
    expect(await externalIdEditable(admin)).toBe(false);
    await pc.goto('/users/useradmin.contoso?tab=security');
    await expect(pc.getByLabel('Allow this user to manage external IDs')).toHaveCount(0); // hidden while off

    await setAllowOthers(pc, true);
    await pc.goto('/users/useradmin.contoso?tab=security');
    await pc.getByLabel('Allow this user to manage external IDs').check();
    await pc.getByRole('button', { name: 'Save External ID permission' }).click();
    await expect(pc.getByRole('status')).toHaveText('Saved.');

    expect(await externalIdEditable(admin)).toBe(true);
    await admin.getByRole('textbox', { name: 'External ID' }).fill('CONTOSO-ALICE-1');
    await admin.getByRole('button', { name: 'Save account information' }).click();
    await expect(admin.getByRole('status')).toHaveText('Saved.');

    await setAllowOthers(pc, false);
    expect(await externalIdEditable(admin)).toBe(false);
    await expect(admin.getByText('CONTOSO-ALICE-1')).toBeVisible();
    await pc.goto('/users/useradmin.contoso?tab=security');
    await expect(pc.getByLabel('Allow this user to manage external IDs')).toHaveCount(0);

    await setAllowOthers(pc, true);
    expect(await externalIdEditable(admin)).toBe(true);
    await pc.goto('/users/useradmin.contoso?tab=security');
    await expect(pc.getByLabel('Allow this user to manage external IDs')).toBeChecked();
  } finally {
    // Restore: clear the ID and the grant, then let contoso inherit the setting again.
    await admin.goto('/users/alice.contoso');
    const ext = admin.getByRole('textbox', { name: 'External ID' });
    if (await ext.count()) {
      await ext.fill('');
      await admin.getByRole('button', { name: 'Save account information' }).click();
      await expect(admin.getByRole('status')).toHaveText('Saved.');
    }
    await pc.goto('/users/useradmin.contoso?tab=security');
    const grant = pc.getByLabel('Allow this user to manage external IDs');
    if (await grant.count()) {
      await grant.uncheck();
      await pc.getByRole('button', { name: 'Save External ID permission' }).click();
      await expect(pc.getByRole('status')).toHaveText('Saved.');
    }
    await pc.goto(`/users/setup/security?node=${CONTOSO}`);
    const revert = pc.getByRole('region', { name: 'External IDs' }).getByRole('button', { name: 'Revert to inherited' });
    if (await revert.count()) {
      await revert.click();
      await pc.getByRole('region', { name: 'External IDs' }).getByRole('alertdialog').getByRole('button', { name: 'Revert to inherited' }).click();
      await expect(pc.getByRole('region', { name: 'External IDs' }).getByText('inherited from sys')).toBeVisible();
    }
  }
});

test.describe('External IDs setting', () => {
  test.use({ storageState: authFile('manager.initech') });
  test('the Primary Contact is offered the setting', async ({ page }) => {
    await page.goto('/users/setup/security?node=sys.hcs.initech');
    await page
      .getByRole('region', { name: 'External IDs' })
      .getByRole('button', { name: /^Override .+ here$/ })
      .click();
    await expect(page.getByLabel('Allow other users to manage external IDs')).toBeEnabled();
  });
});
