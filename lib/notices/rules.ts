import { passwordExpiresAt } from '@/lib/policy/rules';

/*
 * When an account is told that its password expires (pure, so the banner, the scheduled work and the
 * tests decide the same way).
 */

const DAY = 86_400_000;

export interface ExpiringAccount {
  authSource: string;
  apiOnly: boolean;
  passwordNeverExpires: boolean;
  passwordChangedAt: Date | null;
}

export interface ExpiryPolicy {
  passwordExpiresMonths: number;
  notifyBeforeExpiryDays: number;
  emailReminderFrequencyDays: number;
  notifyBy: 'console' | 'email' | 'both';
}

export interface ExpiryNotice {
  expiresAt: Date;
  daysLeft: number;
  /** The reminder period this moment falls in: one e-mail per account per period. */
  period: string;
}

/**
 * From "Notify before password expires" days before the expiry until the expiry itself, the account is
 * in its notice window (0 days turns notices off). The window is cut into periods of "Email reminder
 * frequency" days, counted from its start; the period names the expiry date too, so a new password
 * starts a new series.
 */
export function expiryNotice(a: ExpiringAccount, p: ExpiryPolicy, now: Date): ExpiryNotice | null {
  const expiresAt = a.authSource === 'local' ? passwordExpiresAt(a, p) : null;
  if (!expiresAt || p.notifyBeforeExpiryDays === 0) return null;
  const windowStart = expiresAt.getTime() - p.notifyBeforeExpiryDays * DAY;
  if (now.getTime() >= expiresAt.getTime() || now.getTime() < windowStart) return null;
  const index = Math.floor((now.getTime() - windowStart) / (Math.max(1, p.emailReminderFrequencyDays) * DAY));
  return { expiresAt, daysLeft: Math.ceil((expiresAt.getTime() - now.getTime()) / DAY), period: `${expiresAt.toISOString().slice(0, 10)}#${index}` };
}

export const wantsEmail = (p: Pick<ExpiryPolicy, 'notifyBy'>) => p.notifyBy === 'email' || p.notifyBy === 'both';
export const wantsBanner = (p: Pick<ExpiryPolicy, 'notifyBy'>) => p.notifyBy === 'console' || p.notifyBy === 'both';

/** The last moment an account counts as active, as the sign-in's inactivity step counts it. */
export function lastActive(a: { lastLoginAt: Date | null; passwordChangedAt: Date | null; createdAt: Date }): Date {
  return a.lastLoginAt ?? a.passwordChangedAt ?? a.createdAt;
}

export function isInactive(
  a: { lastLoginAt: Date | null; passwordChangedAt: Date | null; createdAt: Date },
  inactiveDays: number,
  now: Date,
): boolean {
  return inactiveDays > 0 && now.getTime() - lastActive(a).getTime() > inactiveDays * DAY;
}
