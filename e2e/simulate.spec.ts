import { expect, test } from '@playwright/test';
import { authFile } from './helpers';

test.use({ storageState: authFile('manager.acme') });

async function simulate(page: import('@playwright/test').Page, username: string, ip: string) {
  await page.goto('/users/setup/simulate-sign-in');
  await page.getByLabel('Account').fill(username);
  await page.getByLabel('Source IP').fill(ip);
  await page.getByRole('button', { name: 'Simulate' }).click();
  return page.getByRole('region', { name: 'Trace' });
}

function row(trace: import('@playwright/test').Locator, step: string) {
  return trace.getByRole('row').filter({ has: trace.page().getByRole('cell', { name: step, exact: true }) });
}

test('a locked account: the step and the policy that locked it', async ({ page }) => {
  const trace = await simulate(page, 'simlocked.enforce', '192.0.2.10');
  await expect(trace.getByRole('status')).toContainText('would be refused');
  await expect(row(trace, 'Account status')).toContainText('fail');
  await expect(row(trace, 'Account status')).toContainText('Failed Login Count per User');
  await expect(row(trace, 'Account status')).toContainText('Sim lock (sys.hcs.acme.north.enforce)');
});

test('a disallowed address: the allowlist and the node that defines it', async ({ page }) => {
  const trace = await simulate(page, 'user.allowlist', '198.51.100.9');
  await expect(row(trace, 'IP allowlist')).toContainText('fail');
  await expect(row(trace, 'IP allowlist')).toContainText('Allow connections from the following IPs only');
  await expect(row(trace, 'IP allowlist')).toContainText('sys.hcs.acme.north.allowlist');
  const allowed = await simulate(page, 'user.allowlist', '203.0.113.9');
  await expect(row(allowed, 'IP allowlist')).toContainText('pass');
  await expect(allowed.getByRole('status')).toContainText('would succeed');
});

test('an expired password: expiry decided by the inherited policy', async ({ page }) => {
  const trace = await simulate(page, 'expirednochange.enforce', '192.0.2.10');
  await expect(row(trace, 'Password expiry')).toContainText('fail');
  await expect(row(trace, 'Password expiry')).toContainText('Allow users to change expired passwords at login');
});

test('simulating moves no counter', async ({ page }) => {
  for (let i = 0; i < 3; i++) {
    const trace = await simulate(page, 'simcount.enforce', '192.0.2.10');
    await expect(row(trace, 'Account status')).toContainText('Attempt 1 of 3');
  }
});

test('accounts outside the subtree cannot be simulated', async ({ page }) => {
  await simulate(page, 'manager.globex', '192.0.2.10');
  await expect(page.getByRole('alert').filter({ hasText: /\S/ })).toContainText('No account "manager.globex" at sys.hcs.acme or below');
});
