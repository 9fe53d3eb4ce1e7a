import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD } from '@/lib/db/seed';
import { DEFAULT_QUESTION_POOL } from '@/lib/policy/fields';
import { beginPasswordReset, checkResetAnswers, resetForgottenPassword, saveSecurityQuestionsDef } from '@/lib/recovery/commands';
import { runAs } from '../support/actors';
import { accountState, assignPolicy } from '../support/fixtures';
import { createTestDatabase } from '../support/test-db';

// The forgotten-password steps run for anyone who types a name. Until the answers are right they must
// not tell a real account from an unknown name by anything its policy decides.

let t: Awaited<ReturnType<typeof createTestDatabase>>;
const [Q1, Q2, Q3] = DEFAULT_QUESTION_POOL as [string, string, string];
const RIGHT = ['Rex', 'Lyon', 'Elm Street'];
const WRONG = ['Fido', 'Paris', 'Oak Road'];
// Long enough for the product's default policy, too short for alice's strict one.
const MEDIUM = 'Harbour-Lant-58!';
let ip = 0;
const meta = () => ({ ip: `203.0.113.${++ip}`, userAgent: 'vitest' });

beforeAll(async () => {
  t = await createTestDatabase();
  await assignPolicy(t.db, 'alice.contoso', 'sys.hcs.acme', {
    minimumPasswordLength: 20,
    failedLoginCountPerUser: 50,
    failedLoginCountPerSource: 2,
  });
  const saved = await runAs(t.db, 'alice.contoso', saveSecurityQuestionsDef, {
    password: DEMO_PASSWORD,
    question1: Q1,
    answer1: RIGHT[0],
    question2: Q2,
    answer2: RIGHT[1],
    question3: Q3,
    answer3: RIGHT[2],
  });
  expect(saved).toMatchObject({ ok: true });
});
afterAll(async () => t?.drop());

describe('forgotten-password probes', () => {
  it('the first step answers only with questions: no policy, no way of resetting, for a real name as for an unknown one', async () => {
    const real = await beginPasswordReset(t.db, 'alice.contoso');
    const unknown = await beginPasswordReset(t.db, 'nobody.contoso');
    expect(Object.keys(real)).toEqual(['questions']);
    expect(Object.keys(unknown)).toEqual(['questions']);
    expect(real.questions).toHaveLength(unknown.questions.length);
  });

  it('a new password is judged only after the answers: wrong answers get the same refusal whatever the password', async () => {
    const m = meta();
    const r = await resetForgottenPassword(t.db, { username: 'alice.contoso', answers: WRONG, newPassword: MEDIUM, confirmNewPassword: MEDIUM }, m);
    const u = await resetForgottenPassword(t.db, { username: 'nobody.contoso', answers: WRONG, newPassword: MEDIUM, confirmNewPassword: MEDIUM }, m);
    expect(r).toEqual(u);
    expect(r).toMatchObject({ ok: false, formError: expect.stringMatching(/^The answers do not match/) });
  });

  it('the steps meet the product-wide per-source limit, not the limit of the account’s policy', async () => {
    const m = meta();
    for (let i = 0; i < 4; i++) {
      const r = await checkResetAnswers(t.db, { username: 'alice.contoso', answers: WRONG }, m);
      expect(r).toMatchObject({ ok: false, formError: expect.stringMatching(/^The answers do not match/) });
    }
  });

  it('right answers, and only they, open the password step with the account’s rules; wrong ones count', async () => {
    const before = (await accountState(t.db, 'alice.contoso')).failedCount;
    const wrong = await checkResetAnswers(t.db, { username: 'alice.contoso', answers: WRONG }, meta());
    expect(wrong).toMatchObject({ ok: false });
    expect('policy' in wrong).toBe(false);
    expect((await accountState(t.db, 'alice.contoso')).failedCount).toBe(before + 1);
    const right = await checkResetAnswers(t.db, { username: 'alice.contoso', answers: RIGHT }, meta());
    expect(right).toMatchObject({ ok: true, generated: false, policy: { minimumPasswordLength: 20 } });
    // The live checklist gets the rules, not the question pool or the banned words.
    expect(right.ok && right.policy.resetQuestionPool).toEqual([]);
    const tooShort = await resetForgottenPassword(
      t.db,
      { username: 'alice.contoso', answers: RIGHT, newPassword: MEDIUM, confirmNewPassword: MEDIUM },
      meta(),
    );
    expect(tooShort).toMatchObject({ ok: false, fieldErrors: { newPassword: [expect.stringContaining('20')] } });
    await t.db.execute(sql`update accounts set failed_count = 0 where username = 'alice.contoso'`);
  });
});
