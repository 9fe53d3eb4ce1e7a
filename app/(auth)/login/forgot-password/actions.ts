'use server';

import { requestMeta } from '@/lib/auth/request';
import { db } from '@/lib/db';
import { deliverSoon } from '@/lib/mail/deliver';
import {
  beginPasswordReset,
  checkResetAnswers,
  type ForgotResetResult,
  type ResetAnswersResult,
  resetForgottenPassword,
} from '@/lib/recovery/commands';
import { forgotAnswersSchema, forgotResetSchema, forgotUsernameSchema } from '@/lib/recovery/forms';

/*
 * The forgotten-password steps run without a session (that is the point), so these three actions are
 * the only public ones: each parses its input with the shared schema; the second and third do their
 * own counting and logging in one transaction (lib/recovery/commands.ts).
 */

export interface ResetChallenge {
  questions: string[];
}

export async function beginPasswordResetAction(username: string): Promise<ResetChallenge | { error: string }> {
  const parsed = forgotUsernameSchema.safeParse({ username });
  if (!parsed.success) return { error: parsed.error.issues[0]?.message ?? 'Enter your username' };
  return beginPasswordReset(db(), parsed.data.username);
}

export async function checkResetAnswersAction(input: unknown): Promise<ResetAnswersResult> {
  const parsed = forgotAnswersSchema.safeParse(input);
  if (!parsed.success) return { ok: false, formError: parsed.error.issues[0]?.message ?? 'Answer every question.' };
  return checkResetAnswers(db(), parsed.data, await requestMeta());
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
