import fs from 'node:fs';
import type { BrowserContext } from '@playwright/test';
import { authFile } from './helpers';

/**
 * Swaps the browser's session for another account's. A page rendered for a privileged account keeps
 * its forms, so submitting one afterwards is a crafted request by the other account: the server
 * action must refuse it on its own.
 */
export async function actAs(context: BrowserContext, username: string) {
  const state = JSON.parse(fs.readFileSync(authFile(username), 'utf8')) as { cookies: Parameters<BrowserContext['addCookies']>[0] };
  await context.clearCookies();
  await context.addCookies(state.cookies);
}

