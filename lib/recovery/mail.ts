import type { Mail } from '@/lib/mail/outbox';

interface Recipient {
  id: number;
  username: string;
  email: string;
}

const stamp = (d: Date) => `${d.toISOString().slice(0, 16).replace('T', ' ')} UTC`;

/** The message after a password was set for the account by someone or something other than a sign-in. */
export function passwordResetMail(a: Recipient, e: { at: Date; ip: string; password: string | null; how: string }): Mail {
  const lines = [
    `The password of your Security Console account ${a.username} was ${e.how} on ${stamp(e.at)} from ${e.ip}.`,
    '',
    e.password
      ? `Your new password is: ${e.password}`
      : 'If this was not you, contact your Manager at once: your account may be in someone else’s hands.',
    e.password ? 'Sign in with it; it is sent only by e-mail and was never shown on screen.' : '',
    '',
    'Every session of the account was ended.',
  ];
  return { accountId: a.id, to: a.email, subject: `Security Console: the password of ${a.username} was reset`, body: lines.join('\n') };
}
