import { expect, test } from '@playwright/test';
import { signIn } from './helpers';

test.describe.configure({ timeout: 150_000 });

// manager.east edits its own node's list (which governs it) and reverts at the end.
test('IP allowlist: live self-lockout warning, # comments, a test box, the saved report and a catch-all that asks', async ({ page }) => {
  await signIn(page, 'manager.east');
  await expect(page.getByRole('button', { name: 'Sign out' })).toBeVisible();
  await page.goto('/users/setup/security');
  const section = page.getByRole('region', { name: 'Restrict access by IP' });
  // The read-only summary already answers "am I allowed?".
  await expect(section).toContainText(/Connections allowed from any IP\. Your address \S+ is allowed\./);
  await section.getByRole('button', { name: 'Override Restrict access by IP here' }).click();
  const ip = (await section.getByTestId('visitor-ip').textContent())!.trim();

  const entries = section.getByLabel('Allowed IPs');
  const confirm = section.getByLabel(/does not include my own IP address/);
  await section.getByLabel('Allow connections from the following IPs only').check();
  await entries.fill('10.0.0.1/8 # office');
  await expect(section.getByText(`This list does not include your own IP address (${ip})`)).toBeVisible();
  await expect(confirm).toBeVisible();
  await entries.fill(`10.0.0.1/8 # office\n${ip} # me\n${ip}`);
  await expect(confirm).toHaveCount(0);

  const probe = section.getByLabel('Test an address');
  await probe.fill('10.20.30.40');
  await expect(section.getByText('10.20.30.40 is allowed by 10.0.0.0/8.')).toBeVisible();
  await probe.fill('198.51.100.9');
  await expect(section.getByText('198.51.100.9 matches no entry: it would be refused.')).toBeVisible();

  await section.getByRole('button', { name: 'Save IP restriction' }).click();
  await expect(section.getByRole('status')).toHaveText('Saved.');
  const report = section.getByRole('list', { name: 'What was changed on saving' });
  await expect(report).toContainText('10.0.0.1/8 saved as 10.0.0.0/8');
  await expect(report).toContainText('dropped: it repeats an earlier entry');

  // A catch-all asks first; Cancel leaves the saved list alone.
  await entries.fill('0.0.0.0/0\n::/0');
  await section.getByRole('button', { name: 'Save IP restriction' }).click();
  const ask = section.getByRole('alertdialog', { name: 'Allow connections from every address?' });
  await expect(ask).toBeVisible();
  await ask.getByRole('button', { name: 'Cancel' }).click();
  await page.reload();
  await expect(section).toContainText('10.0.0.0/8');

  await section.getByRole('button', { name: 'Revert to inherited' }).click();
  await section.getByRole('alertdialog').getByRole('button', { name: 'Revert to inherited' }).click();
  await expect(section.getByText('inherited from sys')).toBeVisible();
});
