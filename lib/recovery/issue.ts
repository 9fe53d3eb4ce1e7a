import 'server-only';
import { hashPassword } from '@/lib/auth/password-hash';
import type { Queryable } from '@/lib/db';
import { queueMail } from '@/lib/mail/outbox';
import type { PolicyValues } from '@/lib/policy/fields';
import { storeNewPassword } from '@/lib/policy/password-check';
import { revokeAccountSessions } from '@/lib/sessions/commands';
import { generatePolicyPassword } from './generate';
import { passwordResetMail } from './mail';

export interface IssueTarget {
  id: number;
  username: string;
  email: string;
  firstName: string;
  lastName: string;
}

/**
 * "Allow user defined passwords" off: the system sets a generated password that meets the policy and
 * sends it to the account's e-mail, never to a screen. Nobody but the account learns it, so no change
 * is required at the next sign-in (and none would be possible). False when there is no address to
 * send it to: the caller then says to contact a Manager.
 */
export async function issueGeneratedPassword(
  tx: Queryable,
  a: IssueTarget,
  policy: PolicyValues,
  e: { ip: string; how: string; reason: string },
): Promise<boolean> {
  if (!a.email.trim()) return false;
  const password = await generatePolicyPassword(tx, a, policy);
  const hash = await hashPassword(password);
  const now = new Date();
  await storeNewPassword(tx, a.id, hash, { now, mustChangePassword: false });
  await revokeAccountSessions(tx, a.id, e.reason);
  await queueMail(tx, passwordResetMail(a, { at: now, ip: e.ip, password, how: e.how }));
  return true;
}
