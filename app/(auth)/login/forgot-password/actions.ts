'use server';

import { requestMeta } from '@/lib/auth/request';
import { db } from '@/lib/db';
import { deliverSoon } from '@/lib/mail/deliver';
import { type ForgotResetResult, resetForgottenPassword } from '@/lib/recovery/commands';
import { forgotResetSchema, forgotUsernameSchema } from '@/lib/recovery/forms';
import { resetCandidate } from '@/lib/recovery/queries';

/*
 * The forgotten-password steps run without a session (that is the point), so these two actions are
 * the only public ones: each parses its input with the shared schema, and the second does its own
 * counting, logging and auditing in one transaction (lib/recovery/commands.ts).
 */

export interface ResetChallenge {
  questions: string[];
  generated: boolean;
  /** The policy's rules for the live checklist (without the pool and the banned words). */
  policy: Awaited<ReturnType<typeof resetCandidate>>['policy'];
}

export async function beginPasswordResetAction(username: string): Promise<ResetChallenge | { error: string }> {
  const parsed = forgotUsernameSchema.safeParse({ username });
  if (!parsed.success) return { error: parsed.error.issues[0]?.message ?? 'Enter your username' };
  const c = await resetCandidate(db(), parsed.data.username);
  return { questions: c.questions, generated: c.generated, policy: { ...c.policy, resetQuestionPool: [], bannedWords: [] } };
}

export async function resetForgottenPasswordAction(input: unknown): Promise<ForgotResetResult> {
  const parsed = forgotResetSchema.safeParse(input);
  if (!parsed.success) {
    const fieldErrors: Record<string, string[]> = {};
    for (const i of parsed.error.issues) fieldErrors[String(i.path[0] ?? '_')] = [i.message];
    return { ok: false, formError: 'Some fields need attention.', fieldErrors };
  }
  const result = await resetForgottenPassword(db(), parsed.data, await requestMeta());
  if (result.ok) deliverSoon(db());
  return result;
}
