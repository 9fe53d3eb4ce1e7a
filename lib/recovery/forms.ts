import { z } from 'zod';
import { PASSWORD_MAX_LENGTH } from '@/lib/auth/forms';
import { NUMBER_FIELD } from '@/lib/policy/fields';
import { USERNAME_MAX } from '@/lib/users/fields';

const MAX_QUESTIONS = NUMBER_FIELD.questionsAskedDuringReset.max;
const ANSWER_MAX = 200;
const indexes = Array.from({ length: MAX_QUESTIONS }, (_, i) => i + 1);
const answer = z.string().max(ANSWER_MAX, `Answers have at most ${ANSWER_MAX} characters`).optional();

/** "Security questions" on My account: question1/answer1 … as many as the policy asks, and the password. */
export const saveQuestionsSchema = z.object({
  password: z.string().min(1, 'Enter your current password').max(PASSWORD_MAX_LENGTH),
  ...Object.fromEntries(indexes.flatMap((n) => [[`question${n}`, z.string().max(500).optional()] as const, [`answer${n}`, answer] as const])),
}) as z.ZodType<{ password: string } & Record<`question${number}` | `answer${number}`, string | undefined>>;
export type SaveQuestionsInput = z.infer<typeof saveQuestionsSchema>;

/** The pairs of a parsed save, in field order, up to the first missing question. */
export function picksOf(input: SaveQuestionsInput): { question: string; answer: string }[] {
  const out: { question: string; answer: string }[] = [];
  for (const n of indexes) {
    const question = input[`question${n}`];
    if (!question) break;
    out.push({ question, answer: input[`answer${n}`] ?? '' });
  }
  return out;
}

const username = z.string().trim().min(1, 'Enter your username').max(USERNAME_MAX, `Usernames have at most ${USERNAME_MAX} characters`);

export const forgotUsernameSchema = z.object({ username });

/** The answers step: the name and the answers by position. */
export const forgotAnswersSchema = z.object({ username, answers: z.array(z.string().max(ANSWER_MAX)).max(MAX_QUESTIONS) });
export type ForgotAnswersInput = z.infer<typeof forgotAnswersSchema>;

/** The last step of a forgotten-password reset: the name, the answers by position, the new password twice. */
export const forgotResetSchema = z
  .object({
    username,
    answers: z.array(z.string().max(ANSWER_MAX)).max(MAX_QUESTIONS),
    newPassword: z.string().min(1, 'Enter a new password').max(PASSWORD_MAX_LENGTH),
    confirmNewPassword: z.string().min(1, 'Repeat the new password').max(PASSWORD_MAX_LENGTH),
  })
  .refine((v) => v.newPassword === v.confirmNewPassword, { path: ['confirmNewPassword'], message: 'The two new passwords differ' });
export type ForgotResetInput = z.infer<typeof forgotResetSchema>;
