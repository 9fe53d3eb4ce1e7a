import { describe, expect, it } from 'vitest';
import { expiryNotice } from '@/lib/notices/rules';

const account = { authSource: 'local', apiOnly: false, passwordNeverExpires: false, passwordChangedAt: new Date('2026-01-10T12:00:00Z') };
const policy = { passwordExpiresMonths: 3, notifyBeforeExpiryDays: 7, emailReminderFrequencyDays: 3, notifyBy: 'email' as const };
const at = (iso: string) => new Date(iso);

describe('expiry notices', () => {
  it('start on the notice day, change period every reminder-frequency days, and stop at expiry', () => {
    expect(expiryNotice(account, policy, at('2026-04-03T11:59:00Z'))).toBeNull();
    expect(expiryNotice(account, policy, at('2026-04-03T12:00:00Z'))).toEqual({
      expiresAt: at('2026-04-10T12:00:00Z'),
      daysLeft: 7,
      period: '2026-04-10#0',
    });
    expect(expiryNotice(account, policy, at('2026-04-06T11:00:00Z'))?.period).toBe('2026-04-10#0');
    expect(expiryNotice(account, policy, at('2026-04-06T12:00:00Z'))?.period).toBe('2026-04-10#1');
    expect(expiryNotice(account, policy, at('2026-04-10T11:00:00Z'))).toMatchObject({ daysLeft: 1, period: '2026-04-10#2' });
    expect(expiryNotice(account, policy, at('2026-04-10T12:00:00Z'))).toBeNull();
  });

  it('none when notices are off, the password never expires, or the policy does not govern the account', () => {
    const now = at('2026-04-08T00:00:00Z');
    expect(expiryNotice(account, { ...policy, notifyBeforeExpiryDays: 0 }, now)).toBeNull();
    expect(expiryNotice(account, { ...policy, passwordExpiresMonths: 0 }, now)).toBeNull();
    expect(expiryNotice({ ...account, apiOnly: true, passwordNeverExpires: true }, policy, now)).toBeNull();
    expect(expiryNotice({ ...account, authSource: 'ldap' }, policy, now)).toBeNull();
  });
});
