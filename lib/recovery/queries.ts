import 'server-only';
import { asc, eq } from 'drizzle-orm';
import { authSecret } from '@/lib/auth/secret';
import type { Queryable } from '@/lib/db';
import { securityAnswers } from '@/lib/db/schema';
import { NUMBER_FIELD, type PolicyValues } from '@/lib/policy/fields';
import { loadEffectivePolicy } from '@/lib/policy/queries';
import { type AccountRow, findAccount } from '@/lib/users/queries';
import { AUTOMATIC_LOCK_REASON, decoyQuestions } from './rules';

/** The questions an account saved, in the order it saved them (their created_at is spaced by position). */
export async function savedQuestions(q: Queryable, accountId: number): Promise<{ question: string; answerHash: string }[]> {
  return q
    .select({ question: securityAnswers.question, answerHash: securityAnswers.answerHash })
    .from(securityAnswers)
    .where(eq(securityAnswers.accountId, accountId))
    .orderBy(asc(securityAnswers.createdAt), asc(securityAnswers.question));
}

export interface ResetCandidate {
  /** The account, only when it can really be reset through its questions. */
  account: AccountRow<'credentials'> | null;
  /** The questions to ask: the account's own, or decoys for this name. */
  questions: string[];
  answerHashes: string[];
  policy: PolicyValues;
  /** "Allow user defined passwords" is off: a generated password is e-mailed instead. */
  generated: boolean;
}

/**
 * Who a forgotten-password reset is for, decided the same way for every name. An unknown name, an
 * account without saved answers, a non-local or API-only account, one disabled by a Manager, or one
 * whose policy asks 0 questions gets decoy questions chosen from the name, so the steps look the
 * same and nothing can succeed.
 */
export async function resetCandidate(q: Queryable, username: string): Promise<ResetCandidate> {
  const found = await findAccount(q, { username }, { columns: 'credentials' });
  const { policy } = await loadEffectivePolicy(q, found?.nodePath ?? 'sys', found?.credentialPolicyId ?? null);
  const count = policy.questionsAskedDuringReset;
  const saved = found ? await savedQuestions(q, found.id) : [];
  const usable =
    found?.status === 'active' || ((found?.status === 'locked' || found?.status === 'disabled') && found.statusReason === AUTOMATIC_LOCK_REASON);
  const generated = !policy.allowUserDefinedPasswords;
  const eligible =
    found != null &&
    found.authSource === 'local' &&
    !found.apiOnly &&
    usable &&
    count > 0 &&
    saved.length >= count &&
    // A generated password goes by e-mail; without an address the reset would be a dead end.
    (!generated || found.email.trim() !== '');
  if (eligible) {
    const asked = saved.slice(0, count);
    return { account: found, questions: asked.map((s) => s.question), answerHashes: asked.map((s) => s.answerHash), policy, generated };
  }
  const decoys = decoyQuestions(username, policy.resetQuestionPool, count || NUMBER_FIELD.questionsAskedDuringReset.default, authSecret());
  return { account: null, questions: decoys, answerHashes: [], policy, generated };
}
