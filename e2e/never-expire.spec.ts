import { type Browser, expect, type Page, test } from '@playwright/test';
import { authFile } from './helpers';

const CONTOSO = 'sys.hcs.acme.north.contoso';

async function asUser(browser: Browser, username: string): Promise<Page> {
  const context = await browser.newContext({ storageState: authFile(username) });
  return context.newPage();
}

async function operatorSets(op: Page, activate: boolean) {
  await op.goto(`/users/setup/security?node=${CONTOSO}`);
  const section = op.getByRole('region', { name: 'Password Never Expires for API access' });
  await section.getByRole('button', { name: activate ? 'Activate Password Never Expires' : 'Deactivate Password Never Expires' }).click();
  await section
    .getByRole('alertdialog')
    .getByRole('button', { name: activate ? 'Activate' : 'Deactivate', exact: true })
    .click();
  await expect(section.getByText(activate ? 'Activated, agreement not accepted' : 'Not activated')).toBeVisible();
}

// Touches contoso's neverExpire setting and api.contoso's flag; the operator deactivates at the end.
test('Password Never Expires end to end, opt-out clearing the flag on api.contoso', async ({ browser }) => {
  const op = await asUser(browser, 'operator');
  const pc = await asUser(browser, 'manager.contoso');
  const neverExpire = pc.getByLabel('Set the password of this account to Never Expire');
  try {
    // Before activation: no agreement to accept, nothing offered on the account.
    await pc.goto('/users/setup/password-never-expires');
    await expect(pc.getByTestId('never-expire-status')).toHaveText('Not activated');
    await expect(pc.getByRole('button', { name: 'Accept' })).toHaveCount(0);
    await pc.goto('/users/setup/security');
    await expect(pc.getByRole('button', { name: 'Activate Password Never Expires' })).toHaveCount(0);
    await pc.goto('/users/api.contoso?tab=security');
    await expect(neverExpire).toHaveCount(0);

    await operatorSets(op, true);

    await pc.goto('/users/setup/password-never-expires');
    await expect(pc.getByText('Passwords that never expire are a security risk.')).toBeVisible();
    await pc.getByRole('button', { name: 'Accept' }).click();
    await expect(pc.getByText('Tick the box to accept the agreement')).toBeVisible();
    await pc.getByLabel('I have read the agreement and accept the risk').check();
    await pc.getByRole('button', { name: 'Accept' }).click();
    await expect(pc.getByTestId('never-expire-status')).toHaveText('Activated, agreement accepted');
    const row = pc.getByRole('row').filter({ hasText: 'accepted' });
    await expect(row).toContainText('manager.contoso');
    await expect(row).toContainText(/\d+\.\d+\.\d+\.\d+|:/);

    await pc.goto('/users/api.contoso?tab=security');
    await neverExpire.check();
    await pc.getByRole('button', { name: 'Save Never Expire' }).click();
    await expect(pc.getByRole('status')).toHaveText('Saved.');
    await pc.reload();
    await expect(neverExpire).toBeChecked();
    // Not offered to accounts that are not API-only.
    await pc.goto('/users/alice.contoso?tab=security');
    await expect(neverExpire).toHaveCount(0);

    await pc.goto('/users/setup/password-never-expires');
    await pc.getByRole('button', { name: 'Opt out' }).click();
    await pc.getByRole('alertdialog').getByRole('button', { name: 'Opt out' }).click();
    await expect(pc.getByTestId('never-expire-status')).toHaveText('Activated, agreement not accepted');
    await pc.goto('/users/api.contoso?tab=security');
    await expect(neverExpire).toHaveCount(0);
    await expect(pc.getByText('Password Never Expires is not available')).toBeVisible();
  } finally {
    await operatorSets(op, false);
  }
});
