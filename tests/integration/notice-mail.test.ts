import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { performSignIn } from '@/lib/auth/commands';
import { runScheduledWork } from '@/lib/jobs/scheduled-work';
import { listOutbox } from '@/lib/mail/queries';
import { resetPassword } from '@/lib/users/security-commands';
import { runAs } from '../support/actors';
import { accountState, assignPolicy } from '../support/fixtures';
import { mailTestBed } from '../support/smtp';

const bed = mailTestBed();

const DAY = 86_400_000;
const today = () => new Date().toISOString().slice(0, 10);
const signIn = (username: string, password: string) =>
  performSignIn({ username, password, ip: '192.0.2.77', userAgent: 'vitest', channel: 'console' });

async function setUp() {
  await assignPolicy(bed.db, 'alice.contoso', 'sys.hcs.acme', {
    passwordExpiresMonths: 3,
    notifyBeforeExpiryDays: 10,
    emailReminderFrequencyDays: 3,
    notifyBy: 'both',
    allowUserDefinedPasswords: false,
  });
  const changed = new Date(Date.now() + 4 * DAY);
  changed.setUTCMonth(changed.getUTCMonth() - 3);
  await bed.db.execute(sql`update accounts set password_changed_at = ${changed.toISOString()} where username = 'alice.contoso'`);
  await assignPolicy(bed.db, 'useradmin.contoso', 'sys.hcs.acme', {
    failedLoginCountPerUser: 3,
    disableFailedLoginLimitingPerSource: true,
    lockDurationMinutes: 30,
  });
  return new Date(Date.now() + 4 * DAY).toISOString().slice(0, 10);
}

describe('notices by e-mail', () => {
  it('an SMTP server receives the expiry reminder, the lock notice and a generated password, each naming the account and its dates', async () => {
    const expires = await setUp();
    expect(await runScheduledWork(bed.db, { smtpUrl: bed.smtp.url })).toMatchObject({ reminders: 1, mailSent: 1 });
    for (let i = 0; i < 3; i++) expect((await signIn('useradmin.contoso', `wrong-${i}`)).ok).toBe(false);
    expect((await accountState(bed.db, 'useradmin.contoso')).status).toBe('locked');
    expect(await runAs(bed.db, 'unit.contoso', resetPassword, { username: 'alice.contoso' })).toEqual({
      ok: true,
      data: { temporaryPassword: null },
    });
    expect(await runScheduledWork(bed.db, { smtpUrl: bed.smtp.url })).toMatchObject({ reminders: 0, mailSent: 2 });

    const [reminder, lock, generated] = bed.smtp.received;
    expect(reminder).toMatchObject({
      to: ['alice.contoso@example.test'],
      subject: `Security Console: the password of alice.contoso expires on ${expires}`,
    });
    expect(reminder!.text).toContain(`account alice.contoso expires on ${expires}`);
    expect(reminder!.text).toContain('in 4 days');
    expect(lock).toMatchObject({ to: ['useradmin.contoso@example.test'], subject: `Security Console: useradmin.contoso was locked on ${today()}` });
    expect(lock!.text).toMatch(/locked after too many failed sign-in attempts, until \d{4}-\d\d-\d\d \d\d:\d\d UTC/);
    expect(generated).toMatchObject({ to: ['alice.contoso@example.test'], subject: 'Security Console: the password of alice.contoso was reset' });
    expect(generated!.text).toContain(`reset by unit.contoso on ${today()}`);
    const password = /Your new password is: (\S+)/.exec(generated!.text)?.[1];
    expect(await signIn('alice.contoso', password!)).toMatchObject({ ok: true });
  });

  it('without SMTP the same messages wait in the outbox of the accounts’ subtree', async () => {
    const pending = await listOutbox(bed.db, 'sys.hcs.acme.north.contoso');
    expect(pending.rows.every((r) => r.sentAt !== null)).toBe(true);
    await bed.db.execute(sql`delete from outbox`);
    await bed.db.execute(sql`delete from notices_sent`);
    await bed.db.execute(sql`update accounts set status = 'active', failed_count = 0, locked_until = null where username = 'useradmin.contoso'`);
    await setUp();
    await runScheduledWork(bed.db, { smtpUrl: '' });
    for (let i = 0; i < 3; i++) await signIn('useradmin.contoso', `wrong-${i}`);
    await runAs(bed.db, 'unit.contoso', resetPassword, { username: 'alice.contoso' });
    const kept = await listOutbox(bed.db, 'sys.hcs.acme.north.contoso');
    expect(kept.rows.map((r) => [r.username, r.subject.replace(/\d{4}-\d\d-\d\d/, 'DATE'), r.sentAt])).toEqual([
      ['alice.contoso', 'Security Console: the password of alice.contoso was reset', null],
      ['useradmin.contoso', 'Security Console: useradmin.contoso was locked on DATE', null],
      ['alice.contoso', 'Security Console: the password of alice.contoso expires on DATE', null],
    ]);
    expect((await listOutbox(bed.db, 'sys.hcs.globex')).rows).toEqual([]);
  });
});
