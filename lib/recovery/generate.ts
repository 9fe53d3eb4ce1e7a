import 'server-only';
import type { Queryable } from '@/lib/db';
import type { PolicyValues } from '@/lib/policy/fields';
import { checkNewPassword } from '@/lib/policy/password-check';
import { failedRules } from '@/lib/policy/password-rules';
import { generateTemporaryPassword } from '@/lib/users/temp-password';

/**
 * A password the system chooses for the account ("Allow user defined passwords" off, or a Manager's
 * reset): random, then checked by the same server rules as a chosen one (banned words, history, names),
 * drawn again in the rare case one fails. Minimum age never holds back a password the system sets.
 */
export async function generatePolicyPassword(
  q: Queryable,
  a: { id: number; firstName: string; lastName: string },
  policy: PolicyValues,
): Promise<string> {
  for (let i = 0; i < 20; i++) {
    const candidate = generateTemporaryPassword(policy.minimumPasswordLength);
    const results = await checkNewPassword(q, {
      accountId: a.id,
      password: candidate,
      policy: { ...policy, minimumPasswordAgeDays: 0 },
      firstName: a.firstName,
      lastName: a.lastName,
    });
    if (failedRules(results).length === 0) return candidate;
  }
  throw new Error('No password meeting the policy could be generated');
}
