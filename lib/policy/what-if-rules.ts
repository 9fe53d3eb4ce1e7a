import type { PolicyValues } from './fields';

/** The account facts the what-if preview needs (no secrets). */
export interface GovernedAccount {
  id: number;
  username: string;
  nodePath: string;
  authSource: 'local' | 'ldap' | 'sso';
  credentialPolicyId: number | null;
  passwordChangedAt: Date | null;
  passwordNeverExpires: boolean;
  lastLoginAt: Date | null;
  createdAt: Date;
  status: 'active' | 'locked' | 'disabled';
}

function addMonths(d: Date, months: number): Date {
  const out = new Date(d.getTime());
  out.setUTCMonth(out.getUTCMonth() + months);
  return out;
}

/**
 * Whether an account's password would be expired under these values. Credential policies do not
 * govern sso accounts, and ldap accounts only take the session timeouts (SPEC §3), so neither expires.
 */
export function wouldBeExpired(a: GovernedAccount, v: PolicyValues, now: Date): boolean {
  if (a.authSource !== 'local' || a.passwordNeverExpires || v.passwordExpiresMonths === 0 || !a.passwordChangedAt) return false;
  return addMonths(a.passwordChangedAt, v.passwordExpiresMonths).getTime() <= now.getTime();
}

/** Whether an account would be over Inactive Days Before Disabling User Account (counted from its last sign-in, else creation). */
export function wouldBeInactive(a: GovernedAccount, v: PolicyValues, now: Date): boolean {
  if (a.authSource !== 'local' || a.status === 'disabled' || v.inactiveDaysBeforeDisabling === 0) return false;
  const since = a.lastLoginAt ?? a.createdAt;
  return since.getTime() + v.inactiveDaysBeforeDisabling * 86_400_000 <= now.getTime();
}

export interface WhatIf {
  governed: number;
  expired: number;
  inactive: number;
}

export function summariseWhatIf(governed: { account: GovernedAccount; values: PolicyValues }[], now: Date): WhatIf {
  let expired = 0;
  let inactive = 0;
  for (const g of governed) {
    if (wouldBeExpired(g.account, g.values, now)) expired++;
    if (wouldBeInactive(g.account, g.values, now)) inactive++;
  }
  return { governed: governed.length, expired, inactive };
}
