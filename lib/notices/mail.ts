import type { Mail } from '@/lib/mail/outbox';

const day = (d: Date) => d.toISOString().slice(0, 10);
const stamp = (d: Date) => `${d.toISOString().slice(0, 16).replace('T', ' ')} UTC`;

interface Recipient {
  id: number;
  username: string;
  email: string;
}

export function expiryReminderMail(a: Recipient, e: { expiresAt: Date; daysLeft: number }): Mail {
  return {
    accountId: a.id,
    to: a.email,
    subject: `Security Console: the password of ${a.username} expires on ${day(e.expiresAt)}`,
    body: [
      `The password of your Security Console account ${a.username} expires on ${stamp(e.expiresAt)}, in ${e.daysLeft} day${e.daysLeft === 1 ? '' : 's'}.`,
      '',
      'Change it on My account before then.',
    ].join('\n'),
  };
}

export function lockNoticeMail(a: Recipient, e: { status: 'locked' | 'disabled'; at: Date; until: Date | null }): Mail {
  const what =
    e.status === 'disabled'
      ? 'was disabled after too many failed sign-in attempts. A Manager must re-activate it.'
      : e.until
        ? `was locked after too many failed sign-in attempts, until ${stamp(e.until)}.`
        : 'was locked after too many failed sign-in attempts, until a Manager unlocks it.';
  return {
    accountId: a.id,
    to: a.email,
    subject: `Security Console: ${a.username} was ${e.status} on ${day(e.at)}`,
    body: [
      `On ${stamp(e.at)} your Security Console account ${a.username} ${what}`,
      '',
      e.status === 'locked' ? 'If you forgot your password, you can reset it through your security questions.' : '',
      'If these attempts were not yours, tell your Manager.',
    ].join('\n'),
  };
}
