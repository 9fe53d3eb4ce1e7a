import 'server-only';
import { eq, sql } from 'drizzle-orm';
import type { ActionDefinition } from '@/lib/actions/run';
import { writeAudit, writeSignInLog } from '@/lib/audit/log';
import { accountAttempt, claimSourceAttempt, refundSourceAttempt } from '@/lib/auth/lockout';
import { hashPassword, verifyPassword } from '@/lib/auth/password-hash';
import { loadStageAccount } from '@/lib/auth/queries';
import type { Db } from '@/lib/db/connect';
import { accounts, securityAnswers } from '@/lib/db/schema';
import { queueMail } from '@/lib/mail/outbox';
import { ipAllowed } from '@/lib/net/ip';
import { checkNewPassword, storeNewPassword } from '@/lib/policy/password-check';
import { checkPasswordRules, failedRules } from '@/lib/policy/password-rules';
import { resolveSettings } from '@/lib/security-settings/queries';
import { revokeAccountSessions } from '@/lib/sessions/commands';
import { answersAttempt } from './attempt';
import { type ForgotResetInput, picksOf, saveQuestionsSchema } from './forms';
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

const NO_MATCH =
  'The answers do not match, or this account cannot reset its password here. After repeated failures an account is locked; your Manager can help.';

/**
 * The last step of a forgotten-password reset. It runs without a session, so it does what the action
 * wrapper would itself: one transaction, the sign-in log, the audit entry. Every name walks the same
 * path: the per-source claim, the same number of Argon2id verifications, the same refusal.
 */
export async function resetForgottenPassword(db: Db, input: ForgotResetInput, meta: { ip: string; userAgent: string }): Promise<ForgotResetResult> {
  return db.transaction(async (tx) => {
    const c = await resetCandidate(tx, input.username);
    const a = c.account;
    const p = c.policy;
    const log = (outcome: string, detail?: string) =>
      writeSignInLog(tx, {
        username: input.username,
        accountId: a?.id ?? null,
        nodePath: a?.nodePath ?? null,
        ip: meta.ip,
        userAgent: meta.userAgent,
        channel: 'console',
        outcome,
        step: 'forgot-password',
        detail,
      });

    if (!p.disableFailedLoginLimitingPerSource) {
      const claim = await claimSourceAttempt(tx, meta.ip, p);
      if (!claim.ok) {
        await log('source-throttled');
        const minutes = Math.max(1, Math.ceil(claim.retryAfterSeconds / 60));
        return { ok: false, formError: `Too many failed attempts from your network. Try again in ${minutes} minute${minutes === 1 ? '' : 's'}.` };
      }
    }
    // The pure rules first, so that a password the policy refuses does not cost an attempt.
    if (!c.generated) {
      const failing = failedRules(checkPasswordRules(input.newPassword, { policy: p }));
      if (failing.length) {
        if (!p.disableFailedLoginLimitingPerSource) await refundSourceAttempt(tx, meta.ip);
        return { ok: false, formError: 'The new password does not meet the policy.', fieldErrors: { newPassword: failing.map((f) => f.message) } };
      }
    }
    const answers = c.questions.map((_, i) => normaliseAnswer(input.answers[i] ?? ''));
    const allowed = a ? await ipAllowedFor(tx, a.nodePath, meta.ip) : true;
    if (!a || !allowed) {
      for (const answer of answers) await verifyPassword(null, answer);
      await log(a ? 'ip-denied' : 'unknown-account');
      return { ok: false, formError: NO_MATCH };
    }
    const attempt = await answersAttempt(tx, a, p, async () => {
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
    if (!p.disableFailedLoginLimitingPerSource) await refundSourceAttempt(tx, meta.ip);

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
