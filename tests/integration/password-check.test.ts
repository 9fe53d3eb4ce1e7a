import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hashPassword } from '@/lib/auth/password-hash';
import { accounts, passwordHistory } from '@/lib/db/schema';
import { defaultPolicyValues, type PolicyValues } from '@/lib/policy/fields';
import { checkNewPassword } from '@/lib/policy/password-check';
import { createTestDatabase } from '../support/test-db';

let t: Awaited<ReturnType<typeof createTestDatabase>>;
let aliceId: number;
beforeAll(async () => {
  t = await createTestDatabase();
  const [a] = await t.db.select({ id: accounts.id }).from(accounts).where(sql`lower(${accounts.username}) = 'alice.contoso'`);
  aliceId = a!.id;
});
afterAll(async () => t?.drop());

const DAY = 86_400_000;
const policy = (over: Partial<PolicyValues>): PolicyValues => ({ ...defaultPolicyValues(), ...over });
const failed = (r: { rule: string; ok: boolean }[]) => r.filter((x) => !x.ok).map((x) => x.rule);

describe('checkNewPassword (server authority)', () => {
  it('refuses a password from the history within the reuse time limit, and allows it after', async () => {
    const now = new Date();
    const old = 'Older-Secret-9182!';
    await t.db
      .insert(passwordHistory)
      .values({ accountId: aliceId, passwordHash: await hashPassword(old), createdAt: new Date(now.getTime() - 10 * DAY) });
    const input = { accountId: aliceId, firstName: 'Alice', lastName: 'Smith', now };
    expect(failed(await checkNewPassword(t.db, { ...input, password: old, policy: policy({ passwordReuseTimeLimitDays: 15 }) }))).toEqual(['reuse']);
    expect(
      failed(await checkNewPassword(t.db, { ...input, password: 'Console-Demo-7412!', policy: policy({ passwordReuseTimeLimitDays: 15 }) })),
    ).toEqual(['reuse']);
    expect(failed(await checkNewPassword(t.db, { ...input, password: old, policy: policy({ passwordReuseTimeLimitDays: 5 }) }))).toEqual([]);
    const off = await checkNewPassword(t.db, { ...input, password: old, policy: policy({ passwordReuseTimeLimitDays: 0 }) });
    expect(off.map((r) => r.rule)).not.toContain('reuse');
  });

  it('reusing the current password says it must differ from the current one', async () => {
    const current = 'Console-Demo-7412!';
    const r = await checkNewPassword(t.db, {
      accountId: aliceId,
      firstName: 'Alice',
      lastName: 'Smith',
      password: current,
      oldPassword: current,
      policy: policy({ passwordReuseTimeLimitDays: 15, differentPasswordCharacters: 0 }),
    });
    expect(r.filter((x) => !x.ok)).toEqual([{ rule: 'reuse', ok: false, message: 'Must differ from your current one' }]);
  });

  it('enforces the minimum password age from password_changed_at', async () => {
    const changed = new Date('2026-01-10T12:00:00Z');
    await t.db.update(accounts).set({ passwordChangedAt: changed, mustChangePassword: false }).where(eq(accounts.id, aliceId));
    const base = {
      accountId: aliceId,
      firstName: 'Alice',
      lastName: 'Smith',
      password: 'Fresh-Pattern-5829!',
      policy: policy({ minimumPasswordAgeDays: 2, passwordReuseTimeLimitDays: 0 }),
    };
    const early = await checkNewPassword(t.db, { ...base, now: new Date(changed.getTime() + DAY) });
    expect(failed(early)).toEqual(['minimumAge']);
    expect(early.find((r) => r.rule === 'minimumAge')!.message).toContain('2026-01-12 12:00');
    expect(failed(await checkNewPassword(t.db, { ...base, now: new Date(changed.getTime() + 2 * DAY) }))).toEqual([]);
    // A change the account is required to make is not held back.
    await t.db.update(accounts).set({ mustChangePassword: true }).where(eq(accounts.id, aliceId));
    expect(failed(await checkNewPassword(t.db, { ...base, now: new Date(changed.getTime() + DAY) }))).toEqual([]);
    await t.db.update(accounts).set({ mustChangePassword: false }).where(eq(accounts.id, aliceId));
  });

  it('includes the pure rules by name', async () => {
    const r = await checkNewPassword(t.db, {
      accountId: aliceId,
      firstName: 'Alice',
      lastName: 'Smith',
      password: 'alice-p@ssw0rd',
      oldPassword: 'alice-p@ssw0rx',
      policy: policy({ noUserNames: true, differentPasswordCharacters: 3, passwordReuseTimeLimitDays: 0 }),
    });
    expect(failed(r)).toEqual(['noUserNames', 'differentCharacters']);
  });
});
