import { expect, type Page, test } from '@playwright/test';
import { authFile } from './helpers';

test.use({ storageState: authFile('manager.contoso') });

const noSidewaysScroll = (page: Page) => page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth);
/** For the failure message: the innermost element sticking out to the right. */
const widest = (page: Page) =>
  page.evaluate(() => {
    const out = [...document.querySelectorAll('body *')].filter((e) => e.getBoundingClientRect().right > window.innerWidth + 1);
    const inner = out.filter((e) => !out.some((o) => o !== e && e.contains(o)));
    return inner
      .slice(0, 3)
      .map((e) => `${e.tagName.toLowerCase()}.${String(e.className).slice(0, 40)} (${Math.round(e.getBoundingClientRect().right)}px)`)
      .join(', ');
  });

test('at 390 px wide no console page scrolls sideways; tables scroll in their own box', async ({ page }) => {
  await page.setViewportSize({ width: 390, height: 844 });
  const wide: string[] = [];
  for (const path of [
    '/users',
    '/users/alice.contoso',
    '/users/alice.contoso?tab=security',
    '/users/setup/security',
    '/users/setup/credential-policies',
    '/users/setup/password-never-expires',
    '/users/setup/simulate-sign-in?username=alice.contoso&ip=192.0.2.10',
    '/account',
  ]) {
    await page.goto(path);
    await expect(page.getByRole('navigation', { name: 'Main' })).toBeVisible();
    if (!(await noSidewaysScroll(page))) wide.push(`${path}: ${await widest(page)}`);
  }
  expect(wide).toEqual([]);
});

test('"Skip to content" is the first stop of the keyboard and moves past the navigation', async ({ page }) => {
  await page.goto('/users/setup/security');
  await page.keyboard.press('Tab');
  const skip = page.getByRole('link', { name: 'Skip to content' });
  await expect(skip).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(page).toHaveURL(/#content$/);
  await expect(page.locator('#content')).toBeFocused();
});

test('the account tabs are a tablist: arrow keys move between them and open them', async ({ page }) => {
  await page.goto('/users/alice.contoso');
  const tabs = page.getByRole('tablist', { name: 'Account' });
  const info = tabs.getByRole('tab', { name: 'Account Information' });
  const security = tabs.getByRole('tab', { name: 'Security' });
  await expect(info).toHaveAttribute('aria-selected', 'true');
  await expect(security).toHaveAttribute('tabindex', '-1');
  await info.focus();
  await page.keyboard.press('ArrowRight');
  await expect(page).toHaveURL(/\?tab=security$/);
  await expect(security).toHaveAttribute('aria-selected', 'true');
  await expect(security).toBeFocused();
  await expect(page.getByRole('tabpanel', { name: 'Security' })).toBeVisible();
  await page.keyboard.press('Home');
  await expect(page).toHaveURL(/\/users\/alice\.contoso$/);
});

test('the strength meter is a meter with its value', async ({ page }) => {
  await page.goto('/account');
  const meter = page.getByRole('meter', { name: 'Strength' });
  await expect(meter).toHaveAttribute('aria-valuetext', 'Nothing typed yet');
  await page.getByLabel('New password', { exact: true }).fill('quiet lanterns drift over harbour');
  await expect(meter).toHaveAttribute('aria-valuetext', /\(\d of 4\)$/);
});
