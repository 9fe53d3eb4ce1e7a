import AxeBuilder from '@axe-core/playwright';
import { expect, test } from '@playwright/test';
import { authFile } from './helpers';

/*
 * Every console page, as a role that may open it, checked by axe-core: no serious or critical
 * violation (WCAG 2.x A/AA rules). The count of pages checked is printed for the report.
 */
const PAGES: Record<string, string[]> = {
  operator: [
    '/users/setup/security',
    '/users/setup/credential-policies',
    '/users/setup/password-never-expires',
    '/users/setup/simulate-sign-in',
    '/users/setup/hierarchy',
    '/users/setup/hierarchy?q=contoso',
    '/users',
    '/users/new',
    '/account',
  ],
  'manager.contoso': [
    '/users/setup/security',
    '/users/setup/credential-policies',
    '/users/setup/password-never-expires',
    '/users/alice.contoso',
    '/users/alice.contoso?tab=security',
    '/users/api.contoso?tab=security',
    '/',
    '/users/setup/audit-log',
    '/users/setup/sign-in-log',
    '/users/setup/outbox',
    '/users/setup/locked-accounts',
    '/users/setup/expiring-passwords',
  ],
  'unit.contoso': ['/users', '/users/alice.contoso?tab=security', '/users/setup/security'],
  'useradmin.contoso': ['/users/manager.contoso', '/users/new'],
};

let checked = 0;
test.afterAll(() => console.log(`accessibility: ${checked} pages checked with axe-core`));

async function check(page: import('@playwright/test').Page, path: string) {
  await page.goto(path);
  await page.waitForLoadState('networkidle');
  const { violations } = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
  const bad = violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map(
      (v) =>
        `${path}: ${v.id} (${v.impact}) ${v.nodes
          .map((n) => n.target.join(' '))
          .slice(0, 3)
          .join(' | ')}`,
    );
  checked++;
  return bad;
}

test('the sign-in page has no serious or critical accessibility violation', async ({ page }) => {
  expect(await check(page, '/login')).toEqual([]);
});

for (const [username, paths] of Object.entries(PAGES)) {
  test.describe(`as ${username}`, () => {
    test.use({ storageState: authFile(username) });
    test(`console pages have no serious or critical accessibility violation (${paths.length} pages)`, async ({ page }) => {
      const bad: string[] = [];
      for (const path of paths) bad.push(...(await check(page, path)));
      expect(bad).toEqual([]);
    });
  });
}
