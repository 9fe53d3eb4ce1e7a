import 'server-only';
import { eq, sql } from 'drizzle-orm';
import type { ActionDefinition } from '@/lib/actions/run';
import { consoleStepLog, writeAudit } from '@/lib/audit/log';
import { accountAttempt, checkSource, refundSourceAttempt } from '@/lib/auth/lockout';
import { hashPassword, verifyPassword } from '@/lib/auth/password-hash';
import { loadStageAccount } from '@/lib/auth/queries';
import type { Queryable } from '@/lib/db';
import type { Db } from '@/lib/db/connect';
import { accounts, securityAnswers } from '@/lib/db/schema';
import { queueMail } from '@/lib/mail/outbox';
import { ipAllowed } from '@/lib/net/ip';
import type { PolicyValues } from '@/lib/policy/fields';
import { checkNewPassword, storeNewPassword } from '@/lib/policy/password-check';
import { failedRules } from '@/lib/policy/password-rules';
import { resolveSettings } from '@/lib/security-settings/queries';
import { revokeAccountSessions } from '@/lib/sessions/commands';
import { answersAttempt } from './attempt';
import { type ForgotAnswersInput, type ForgotResetInput, picksOf, saveQuestionsSchema } from './forms';
import { generatePolicyPassword } from './generate';
import { passwordResetMail } from './mail';
import { resetCandidate } from './queries';
import { AUTOMATIC_LOCK_REASON, normaliseAnswer, questionChoiceErrors } from './rules';

/**
 * "Save questions" on My account: the current password first (a wrong one is a failed attempt), then
 * exactly the policy's number of distinct questions from its pool, each answer normalised and hashed
 * with Argon2id. The previous questions are replaced as a whole.
 */
export const saveSecurityQuestionsDef = {
  name: 'saveSecurityQuestions',
  permission: 'self',
  schema: saveQuestionsSchema,
  targetNode: (_input, _tx, actor) => actor.nodePath,
  run: async ({ tx, actor, input, audit, refuse }) => {
    const a = await loadStageAccount(tx, actor.accountId);
    if (!a) return refuse({ formError: 'Your account no longer exists.', code: 'session-ended' });
    const p = a.policy;
    if (p.questionsAskedDuringReset === 0) return refuse({ formError: 'Your policy turns self-service password reset off.' });
    const picks = picksOf(input);
    const errors = questionChoiceErrors(picks, p.resetQuestionPool, p.questionsAskedDuringReset);
    if (Object.keys(errors).length) return refuse({ formError: 'Some fields need attention.', fieldErrors: errors });
    const attempt = await accountAttempt(tx, a.id, p, () => verifyPassword(a.passwordHash, input.password));
    if (attempt.outcome === 'refused' || (attempt.outcome === 'wrong' && attempt.lockedAs)) {
      await revokeAccountSessions(tx, a.id, 'locked');
      return refuse({ formError: 'Your account is locked; your Manager can help.', code: 'session-ended' });
    }
    if (attempt.outcome === 'wrong') return refuse({ fieldErrors: { password: ['The password is not right.'] }, code: 'wrong-current-password' });

    const chosen = picks.slice(0, p.questionsAskedDuringReset);
    const hashes = await Promise.all(chosen.map((c) => hashPassword(normaliseAnswer(c.answer))));
    const now = Date.now();
    await tx.delete(securityAnswers).where(eq(securityAnswers.accountId, a.id));
    // created_at spaced by position keeps the order the account chose them in.
    await tx
      .insert(securityAnswers)
      .values(chosen.map((c, i) => ({ accountId: a.id, question: c.question, answerHash: hashes[i] as string, createdAt: new Date(now + i) })));
    await audit({
      action: 'security-questions.save',
      nodePath: a.nodePath,
      targetType: 'account',
      targetId: a.username,
      after: { questions: chosen.map((c) => c.question) },
    });
    return { saved: chosen.length };
  },
} satisfies ActionDefinition<typeof saveQuestionsSchema, { saved: number }>;

export type ForgotResetResult = { ok: true; generated: boolean } | { ok: false; formError: string; fieldErrors?: Record<string, string[]> };
type Refusal = { ok: false; formError: string };
export type ResetAnswersResult = { ok: true; generated: boolean; policy: PolicyValues } | Refusal;

const NO_MATCH =
  'The answers do not match, or this account cannot reset its password here. After repeated failures an account is locked; your Manager can help.';

type Candidate = Awaited<ReturnType<typeof resetCandidate>>;
type Meta = { ip: string; userAgent: string };

/**
 * The first step of a forgotten-password reset: the questions to answer and nothing else. What the
 * account's policy decides (its rules, whether it generates passwords) is told only once the answers
 * are right, so the steps say nothing that tells a real account from an unknown name.
 */
export async function beginPasswordReset(q: Queryable, username: string): Promise<{ questions: string[] }> {
  return { questions: (await resetCandidate(q, username)).questions };
}

function recoveryLog(tx: Queryable, c: Candidate, username: string, meta: Meta) {
  return consoleStepLog(tx, { username, accountId: c.account?.id ?? null, nodePath: c.account?.nodePath ?? null }, meta, 'forgot-password');
}

/**
 * The answers, judged the same way for every name: the product-wide per-source claim (never the
 * account's own limit, which would tell policies apart), the same number of Argon2id verifications,
 * the same refusal; wrong answers count toward the account's lock. Null when they are right.
 */
async function judgeAnswers(
  tx: Queryable,
  c: Candidate,
  answersIn: string[],
  meta: Meta,
  log: ReturnType<typeof recoveryLog>,
): Promise<Refusal | null> {
  const source = await checkSource(tx, meta.ip, { claim: true });
  if (source.retryAfterSeconds != null) {
    await log('source-throttled');
    const minutes = Math.max(1, Math.ceil(source.retryAfterSeconds / 60));
    return { ok: false, formError: `Too many failed attempts from your network. Try again in ${minutes} minute${minutes === 1 ? '' : 's'}.` };
  }
  const a = c.account;
  const answers = c.questions.map((_, i) => normaliseAnswer(answersIn[i] ?? ''));
  const allowed = a ? await ipAllowedFor(tx, a.nodePath, meta.ip) : true;
  if (!a || !allowed) {
    for (const answer of answers) await verifyPassword(null, answer);
    await log(a ? 'ip-denied' : 'unknown-account');
    return { ok: false, formError: NO_MATCH };
  }
  const attempt = await answersAttempt(tx, a, c.policy, async () => {
    // Every answer is verified, right or wrong, so the time taken does not say which one failed.
    const results = await Promise.all(c.answerHashes.map((h, i) => verifyPassword(h, answers[i] ?? '')));
    return results.every(Boolean);
  });
  if (attempt.outcome === 'refused') {
    await log('locked');
    return { ok: false, formError: NO_MATCH };
  }
  if (attempt.outcome === 'wrong') {
    await log('wrong-answers', attempt.lockedAs ? `account ${attempt.lockedAs}` : undefined);
    if (attempt.lockedAs) await revokeAccountSessions(tx, a.id, 'locked');
    return { ok: false, formError: NO_MATCH };
  }
  if (source.claimed != null) await refundSourceAttempt(tx, meta.ip);
  return null;
}

/**
 * The second step: right answers open the password step and only then learn the account's rules (for
 * the live checklist, without the question pool or the banned words) and whether a password will be
 * generated. The reset itself judges the answers again.
 */
export async function checkResetAnswers(db: Db, input: ForgotAnswersInput, meta: Meta): Promise<ResetAnswersResult> {
  return db.transaction(async (tx) => {
    const c = await resetCandidate(tx, input.username);
    const refusal = await judgeAnswers(tx, c, input.answers, meta, recoveryLog(tx, c, input.username, meta));
    if (refusal) return refusal;
    return { ok: true, generated: c.generated, policy: { ...c.policy, resetQuestionPool: [], bannedWords: [] } };
  });
}

/**
 * The last step of a forgotten-password reset. It runs without a session, so it does what the action
 * wrapper would itself: one transaction, the sign-in log, the audit entry. The answers are judged
 * before the new password, so a password the account's policy refuses tells nothing to someone who
 * does not know them.
 */
export async function resetForgottenPassword(db: Db, input: ForgotResetInput, meta: Meta): Promise<ForgotResetResult> {
  return db.transaction(async (tx) => {
    const c = await resetCandidate(tx, input.username);
    const p = c.policy;
    const log = recoveryLog(tx, c, input.username, meta);
    const refusal = await judgeAnswers(tx, c, input.answers, meta, log);
    if (refusal) return refusal;
    const a = c.account;
    if (!a) return { ok: false, formError: NO_MATCH };
    // Minimum age does not hold back a forgotten password; history and every other rule do.
    const rules = { ...p, minimumPasswordAgeDays: 0 };
    let password = input.newPassword;
    if (c.generated) {
      password = await generatePolicyPassword(tx, a, rules);
    } else {
      const failed = failedRules(
        await checkNewPassword(tx, { accountId: a.id, password, policy: rules, firstName: a.firstName, lastName: a.lastName }),
      );
      if (failed.length) {
        return { ok: false, formError: 'The new password does not meet the policy.', fieldErrors: { newPassword: failed.map((f) => f.message) } };
      }
    }
    const hash = await hashPassword(password);
    const now = new Date();
    const unlocks = a.status !== 'active' && a.statusReason === AUTOMATIC_LOCK_REASON;
    await storeNewPassword(tx, a.id, hash, {
      now,
      mustChangePassword: false,
      set: {
        failedCount: 0,
        failedLastAt: null,
        version: sql`${accounts.version} + 1`,
        ...(unlocks ? { status: 'active' as const, statusReason: null, lockedUntil: null } : {}),
      },
    });
    const ended = await revokeAccountSessions(tx, a.id, 'password-reset');
    await writeAudit(tx, {
      actorAccountId: a.id,
      actorUsername: a.username,
      ip: meta.ip,
      action: 'password.reset-self',
      nodePath: a.nodePath,
      targetType: 'account',
      targetId: a.username,
      before: { status: a.status, statusReason: a.statusReason },
      after: { status: unlocks ? 'active' : a.status, passwordChangedAt: now.toISOString(), generated: c.generated, sessionsEnded: ended },
    });
    await log('password-reset', unlocks ? 'automatic lock cleared' : undefined);
    if (a.email.trim())
      await queueMail(
        tx,
        passwordResetMail(a, { at: now, ip: meta.ip, password: c.generated ? password : null, how: 'reset through your security questions' }),
      );
    return { ok: true, generated: c.generated };
  });
}

async function ipAllowedFor(tx: Parameters<typeof resolveSettings>[0], nodePath: string, ip: string): Promise<boolean> {
  const { ipAllowlist } = await resolveSettings(tx, nodePath, ['ipAllowlist']);
  return !ipAllowlist.value.enabled || ipAllowed(ip, ipAllowlist.value.entries);
}
