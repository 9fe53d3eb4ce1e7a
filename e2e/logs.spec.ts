import { expect, test } from '@playwright/test';
import { authFile } from './helpers';

const CONTOSO = 'sys.hcs.acme.north.contoso';

test.describe('logs as manager.contoso', () => {
  test.use({ storageState: authFile('manager.contoso') });

  test('the sign-in log shows only contoso’s subtree; the CSV has exactly the filtered rows', async ({ page }) => {
    await page.goto('/users/setup/sign-in-log');
    await expect(page.getByRole('heading', { name: 'Sign-in log' })).toBeVisible();
    const nodes = await page.locator('tbody tr td:nth-child(8)').allTextContents();
    expect(nodes.length).toBeGreaterThan(0);
    expect(nodes.every((n) => n === CONTOSO || n.startsWith(`${CONTOSO}.`))).toBe(true);

    await page.getByLabel('Account').fill('manager.contoso');
    await page.getByLabel('Outcome').selectOption('success');
    await page.getByRole('button', { name: 'Filter' }).click();
    await expect(page).toHaveURL(/outcome=success/);
    const rows = page.locator('tbody tr');
    const accounts = await rows.locator('td:nth-child(2)').allTextContents();
    expect(accounts.length).toBeGreaterThan(0);
    expect(new Set(accounts)).toEqual(new Set(['manager.contoso']));

    const href = await page.getByRole('link', { name: 'Export CSV' }).getAttribute('href');
    const csv = await (await page.request.get(href!)).text();
    const lines = csv.trim().split('\r\n');
    expect(lines[0]).toBe('"when","account","from","channel","outcome","step","detail","node","user_agent"');
    expect(lines.slice(1).map((l) => l.split(',')[1])).toEqual(accounts.map((a) => `"${a}"`));
    expect(lines.slice(1).every((l) => l.split(',')[4] === '"success"')).toBe(true);
  });

  test('the audit log shows who changed what in contoso', async ({ page }) => {
    await page.goto('/users/setup/audit-log');
    await expect(page.getByRole('heading', { name: 'Audit log' })).toBeVisible();
    const nodes = await page.locator('tbody tr td:nth-child(5)').allTextContents();
    expect(nodes.every((n) => n === CONTOSO || n.startsWith(`${CONTOSO}.`) || n === 'No entries match.')).toBe(true);
    // Another tenant's subtree is out of reach, on the page and in the export.
    expect((await page.goto('/users/setup/audit-log?node=sys.hcs.globex'))?.status()).toBe(403);
    expect((await page.request.get('/users/setup/sign-in-log/export?node=sys.hcs.globex')).status()).toBe(403);
    expect((await page.request.get('/users/setup/audit-log/export?node=sys.hcs.globex')).status()).toBe(403);
    const csv = await (await page.request.get('/users/setup/audit-log/export')).text();
    const [header, ...lines] = csv.trim().split('\r\n');
    expect(header).toBe('"when","who","from","action","node","target_type","target","before","after"');
    expect(lines.every((l) => /^"[^"]*","[^"]*","[^"]*","[^"]*","sys\.hcs\.acme\.north\.contoso(\.[^"]*)?",/.test(l))).toBe(true);
  });
});

test.describe('logs as manager.globex', () => {
  test.use({ storageState: authFile('manager.globex') });

  test('sees none of contoso’s sign-ins', async ({ page }) => {
    await page.goto('/users/setup/sign-in-log?account=manager.contoso');
    await expect(page.getByText('No sign-ins match.')).toBeVisible();
    const csv = await (await page.request.get('/users/setup/sign-in-log/export')).text();
    expect(csv).not.toContain('contoso');
    expect((await page.goto(`/users/setup/sign-in-log?node=${CONTOSO}`))?.status()).toBe(403);
  });
});
