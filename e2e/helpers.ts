import fs from 'node:fs';
import { type BrowserContext, expect, type Page } from '@playwright/test';

export const DEMO_PASSWORD = 'Console-Demo-7412!';
const GENERIC_FAILURE = /Sign-in failed\. Check your username and password\./;

export function authFile(username: string) {
  return `e2e/.auth/${username}.json`;
}

/** Signs in through the form, by label, as a person would. */
export async function signIn(page: Page, username: string, password = DEMO_PASSWORD) {
  await page.goto('/login');
  await page.getByLabel('Username').fill(username);
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
}

export async function expectSignInRefused(page: Page) {
  await expect(page.getByRole('alert').filter({ hasText: /\S/ })).toHaveText(GENERIC_FAILURE);
  await expect(page).toHaveURL(/\/login/);
}

/**
 * Swaps the browser's session for another account's. A page rendered for a privileged account keeps
 * its forms, so submitting one afterwards is a crafted request by the other account: the server
 * action must refuse it on its own.
 */
export async function actAs(context: BrowserContext, username: string) {
  const state = JSON.parse(fs.readFileSync(authFile(username), 'utf8')) as { cookies: Parameters<BrowserContext['addCookies']>[0] };
  // A response still in flight (the proxy refreshes the session cookie on page loads) would set the
  // previous account's cookie again after the swap: let the pages settle first.
  for (const p of context.pages()) await p.waitForLoadState('networkidle');
  await context.clearCookies();
  await context.addCookies(state.cookies);
}
