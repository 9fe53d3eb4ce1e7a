import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { performSignIn } from '@/lib/auth/commands';
import { outbox, securityAnswers } from '@/lib/db/schema';
import { DEMO_PASSWORD } from '@/lib/db/seed';
import { DEFAULT_QUESTION_POOL } from '@/lib/policy/fields';
import { resetForgottenPassword, saveSecurityQuestionsDef } from '@/lib/recovery/commands';
import { resetCandidate } from '@/lib/recovery/queries';
import { runAs } from '../support/actors';
import { accountState, assignPolicy } from '../support/fixtures';
import { createTestDatabase } from '../support/test-db';

let t: Awaited<ReturnType<typeof createTestDatabase>>;
beforeAll(async () => {
  t = await createTestDatabase();
});
afterAll(async () => t?.drop());

const [Q1, Q2, Q3] = DEFAULT_QUESTION_POOL as [string, string, string];
const meta = { ip: '203.0.113.7', userAgent: 'vitest' };
const NEW_PASSWORD = 'Harbour-Lantern-5821!';

async function counts() {
  const tables = ['accounts', 'security_answers', 'password_history', 'sessions', 'outbox', 'audit_log'];
  const out: Record<string, number> = {};
  for (const name of tables) {
    const r = await t.db.execute(sql.raw(`select count(*)::int as n from ${name}`));
    out[name] = Number((Array.isArray(r) ? r : (r as { rows: { n: number }[] }).rows)[0]?.n);
  }
  const [h] = await t.db
    .execute(sql`select password_hash, status from accounts where username = 'alice.contoso'`)
    .then((r) => (Array.isArray(r) ? r : (r as { rows: unknown[] }).rows));
  return { ...out, alice: JSON.stringify(h) };
}

describe('security questions and the forgotten-password reset', () => {
  it('saves the policy’s number of distinct questions with normalised, hashed answers after the password', async () => {
    await assignPolicy(t.db, 'alice.contoso', 'sys.hcs.acme', { failedLoginCountPerUser: 3, disableFailedLoginLimitingPerSource: true });
    const wrong = await runAs(t.db, 'alice.contoso', saveSecurityQuestionsDef, {
      password: 'not it',
      question1: Q1,
      answer1: 'Rex',
      question2: Q2,
      answer2: 'Lyon',
      question3: Q3,
      answer3: 'Elm Street',
    });
    expect(wrong).toMatchObject({ ok: false, fieldErrors: { password: ['The password is not right.'] } });
    const dup = await runAs(t.db, 'alice.contoso', saveSecurityQuestionsDef, {
      password: DEMO_PASSWORD,
      question1: Q1,
      answer1: 'Rex',
      question2: Q1,
      answer2: 'Lyon',
      question3: Q3,
      answer3: 'Elm Street',
    });
    expect(dup).toMatchObject({ ok: false, fieldErrors: { question2: ['Choose a different question for each answer'] } });
    const saved = await runAs(t.db, 'alice.contoso', saveSecurityQuestionsDef, {
      password: DEMO_PASSWORD,
      question1: Q1,
      answer1: '  Ｒｅｘ ',
      question2: Q2,
      answer2: 'Lyon',
      question3: Q3,
      answer3: 'Elm   Street',
    });
    expect(saved).toMatchObject({ ok: true, data: { saved: 3 } });
    const rows = await t.db.select().from(securityAnswers);
    expect(rows.map((r) => r.question).sort()).toEqual([Q1, Q2, Q3].sort());
    expect(rows.every((r) => r.answerHash.startsWith('$argon2id$'))).toBe(true);
    expect((await resetCandidate(t.db, 'alice.contoso')).questions).toEqual([Q1, Q2, Q3]);
  });

  it('an unknown username gets the same number of questions, the same ones every time, and changes nothing', async () => {
    const first = await resetCandidate(t.db, 'nobody.contoso');
    expect(first.questions).toHaveLength(3);
    expect((await resetCandidate(t.db, 'nobody.contoso')).questions).toEqual(first.questions);
    const before = await counts();
    const r = await resetForgottenPassword(
      t.db,
      { username: 'nobody.contoso', answers: ['a', 'b', 'c'], newPassword: NEW_PASSWORD, confirmNewPassword: NEW_PASSWORD },
      meta,
    );
    expect(r).toMatchObject({ ok: false, formError: expect.stringMatching(/^The answers do not match/) });
    expect(await counts()).toEqual(before);
  });

  it('wrong answers count toward the lockout; a reset with the right answers clears that automatic lock', async () => {
    const wrong = { username: 'alice.contoso', answers: ['rex', 'lyon', 'oak street'], newPassword: NEW_PASSWORD, confirmNewPassword: NEW_PASSWORD };
    for (let i = 0; i < 3; i++) expect((await resetForgottenPassword(t.db, wrong, meta)).ok).toBe(false);
    const locked = await accountState(t.db, 'alice.contoso');
    expect(locked.status).toBe('locked');
    // Locked: even right answers wait for the counter's window (here: an hour ago).
    const right = { ...wrong, answers: ['REX', 'lyon', 'elm street'] };
    expect((await resetForgottenPassword(t.db, right, meta)).ok).toBe(false);
    await t.db.execute(sql`update accounts set failed_last_at = now() - interval '1 hour' where id = ${locked.id}`);
    expect(await resetForgottenPassword(t.db, right, meta)).toEqual({ ok: true, generated: false });
    expect((await accountState(t.db, 'alice.contoso')).status).toBe('active');
    const signIn = await performSignIn({ username: 'alice.contoso', password: NEW_PASSWORD, ip: meta.ip, userAgent: 'vitest', channel: 'console' });
    expect(signIn.ok).toBe(true);
    const mail = await t.db.select().from(outbox).where(eq(outbox.accountId, locked.id));
    expect(mail.at(-1)).toMatchObject({ toAddress: 'alice.contoso@example.test', subject: expect.stringContaining('alice.contoso') });
    // The same password again is refused by the history rule, although minimum age would not hold it back.
    const again = await resetForgottenPassword(t.db, right, meta);
    expect(again).toMatchObject({ ok: false, fieldErrors: { newPassword: [expect.stringMatching(/^Not one of the passwords/)] } });
  });

  it('with "Allow user defined passwords" off the reset generates a password and e-mails it, never returning it', async () => {
    await assignPolicy(t.db, 'alice.contoso', 'sys.hcs.acme', { allowUserDefinedPasswords: false, disableFailedLoginLimitingPerSource: true });
    const r = await resetForgottenPassword(
      t.db,
      { username: 'alice.contoso', answers: ['rex', 'lyon', 'elm street'], newPassword: 'x', confirmNewPassword: 'x' },
      meta,
    );
    expect(r).toEqual({ ok: true, generated: true });
    const [mail] = await t.db.select().from(outbox).orderBy(sql`id desc`).limit(1);
    const password = /Your new password is: (\S+)/.exec(mail!.body)?.[1];
    expect(password).toBeTruthy();
    const signIn = await performSignIn({ username: 'alice.contoso', password: password!, ip: meta.ip, userAgent: 'vitest', channel: 'console' });
    expect(signIn).toMatchObject({ ok: true, stage: 'active' });
  });
});
