import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { performSignIn } from '@/lib/auth/commands';
import { PASSWORD_MAX_LENGTH } from '@/lib/auth/forms';
import { hashPassword, hashWork } from '@/lib/auth/password-hash';
import { changeOwnPasswordDef } from '@/lib/auth/stage-commands';
import { passwordHistory } from '@/lib/db/schema';
import { DEMO_PASSWORD } from '@/lib/db/seed';
import { HISTORY_COMPARE_MAX } from '@/lib/policy/password-check';
import { runAs } from '../support/actors';
import { accountState, assignPolicy } from '../support/fixtures';
import { createTestDatabase } from '../support/test-db';

let t: Awaited<ReturnType<typeof createTestDatabase>>;
beforeAll(async () => {
  t = await createTestDatabase();
});
afterAll(async () => t?.drop());

/** Argon2 operations (verifications and new hashes) done while `fn` runs. */
async function work(fn: () => Promise<unknown>) {
  const before = hashWork.verifications + hashWork.hashes;
  await fn();
  return hashWork.verifications + hashWork.hashes - before;
}

const signIn = (username: string, password: string, ip = '198.51.100.90') =>
  performSignIn({ username, password, ip, userAgent: 'vitest', channel: 'console' });

describe('bounded work per request', () => {
  it('a password change compares at most 24 history entries, however long the reuse window', async () => {
    await assignPolicy(t.db, 'alice.contoso', 'sys.hcs.acme', {
      passwordReuseTimeLimitDays: 365,
      minimumPasswordAgeDays: 0,
      disableFailedLoginLimitingPerSource: true,
    });
    const { id } = await accountState(t.db, 'alice.contoso');
    const old = await hashPassword('Some-Older-Password-1!');
    await t.db.insert(passwordHistory).values(Array.from({ length: 60 }, () => ({ accountId: id, passwordHash: old })));
    const cost = await work(() =>
      runAs(t.db, 'alice.contoso', changeOwnPasswordDef, {
        currentPassword: DEMO_PASSWORD,
        newPassword: 'Quartz-Lantern-8351?',
        confirmNewPassword: 'Quartz-Lantern-8351?',
      }).then((r) => expect(r).toMatchObject({ ok: true })),
    );
    // The current password, at most HISTORY_COMPARE_MAX history entries, the new hash.
    expect(cost).toBeLessThanOrEqual(1 + HISTORY_COMPARE_MAX + 1);
  });

  it('a new password that fails a rule costs no history comparisons', async () => {
    const cost = await work(() =>
      runAs(t.db, 'alice.contoso', changeOwnPasswordDef, {
        currentPassword: 'Quartz-Lantern-8351?',
        newPassword: 'short',
        confirmNewPassword: 'short',
      }).then((r) => expect(r).toMatchObject({ ok: false, code: 'policy' })),
    );
    expect(cost).toBe(1);
  });

  it('an over-length password is refused before any hashing, at sign-in and at a change', async () => {
    const long = 'x'.repeat(PASSWORD_MAX_LENGTH + 1);
    expect(await work(() => signIn('manager.contoso', long).then((r) => expect(r).toMatchObject({ ok: false, code: 'invalid' })))).toBe(0);
    expect(await work(() => signIn('manager.contoso', 'y'.repeat(1_000_000)))).toBe(0);
    const change = await work(() =>
      runAs(t.db, 'manager.contoso', changeOwnPasswordDef, { currentPassword: long, newPassword: long, confirmNewPassword: long }).then((r) =>
        expect(r).toMatchObject({ ok: false }),
      ),
    );
    expect(change).toBe(0);
  });

  it('every sign-in outcome costs exactly one verification and no new hash', async () => {
    await t.db.execute(sql`update accounts set auth_source = 'ldap' where lower(username) = 'unit.contoso'`);
    for (const [username, password] of [
      ['manager.contoso', DEMO_PASSWORD],
      ['manager.contoso', 'wrong-one'],
      ['no.such.person', 'whatever'],
      ['unit.contoso', DEMO_PASSWORD],
    ] as const) {
      const before = { ...hashWork };
      await signIn(username, password);
      expect(hashWork.verifications - before.verifications).toBe(1);
      expect(hashWork.hashes - before.hashes).toBe(0);
    }
  });
});
