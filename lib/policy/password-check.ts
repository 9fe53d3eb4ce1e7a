import 'server-only';
import { and, desc, eq, gte } from 'drizzle-orm';
import type { PgUpdateSetSource } from 'drizzle-orm/pg-core';
import { verifyPassword } from '@/lib/auth/password-hash';
import type { Queryable } from '@/lib/db';
import { accounts, passwordHistory } from '@/lib/db/schema';
import type { PolicyValues } from './fields';
import { checkPasswordRules, type PasswordRuleResult } from './password-rules';

const DAY_MS = 86_400_000;

/**
 * History entries a new password is compared with, newest first, however long the reuse window (as
 * Active Directory's 24): each comparison is one Argon2id verification, and a request must not be
 * able to make the server hash without bound.
 */
export const HISTORY_COMPARE_MAX = 24;

/**
 * The server's authority on a new password: the pure rules plus the two that need stored data.
 * "reuse": the password matches none of the account's password-history hashes created within the
 * Password Reuse Time Limit (each compared with Argon2id: hashes are salted, so one by one), at most
 * HISTORY_COMPARE_MAX of them, and only when every other rule passed (a refused password costs no
 * history work).
 * "minimumAge": Minimum Password Age days have passed since the last change; it does not hold back a
 * change the account is required to make (first login, reset by an administrator).
 */
export async function checkNewPassword(
  q: Queryable,
  input: { accountId: number; password: string; oldPassword?: string; policy: PolicyValues; firstName: string; lastName: string; now?: Date },
): Promise<PasswordRuleResult[]> {
  const { policy } = input;
  const now = input.now ?? new Date();
  const results = checkPasswordRules(input.password, {
    policy,
    firstName: input.firstName,
    lastName: input.lastName,
    oldPassword: input.oldPassword,
  });

  const days = policy.passwordReuseTimeLimitDays;
  if (days > 0 && results.every((r) => r.ok)) {
    const since = new Date(now.getTime() - days * DAY_MS);
    const history = await q
      .select({ hash: passwordHistory.passwordHash })
      .from(passwordHistory)
      .where(and(eq(passwordHistory.accountId, input.accountId), gte(passwordHistory.createdAt, since)))
      .orderBy(desc(passwordHistory.createdAt))
      .limit(HISTORY_COMPARE_MAX);
    let reused = false;
    for (const h of history) {
      if (await verifyPassword(h.hash, input.password)) {
        reused = true;
        break;
      }
    }
    // The current password is the commonest reuse: say so in plain words.
    const current = reused && input.oldPassword === input.password;
    const message = current ? 'Must differ from your current one' : `Not one of the passwords used in the last ${days} day${days === 1 ? '' : 's'}`;
    results.push({ rule: 'reuse', ok: !reused, message });
  }

  const minAge = policy.minimumPasswordAgeDays;
  if (minAge > 0) {
    const [acc] = await q
      .select({ changedAt: accounts.passwordChangedAt, mustChange: accounts.mustChangePassword })
      .from(accounts)
      .where(eq(accounts.id, input.accountId));
    const changedAt = acc?.changedAt ?? null;
    const ok = !changedAt || acc?.mustChange === true || now.getTime() >= changedAt.getTime() + minAge * DAY_MS;
    const when = changedAt ? new Date(changedAt.getTime() + minAge * DAY_MS) : null;
    results.push({
      rule: 'minimumAge',
      ok,
      message:
        ok || !when
          ? `At least ${minAge} day${minAge === 1 ? '' : 's'} since the last change`
          : `At least ${minAge} day${minAge === 1 ? '' : 's'} since the last change (possible from ${when.toISOString().slice(0, 16).replace('T', ' ')} UTC)`,
    });
  }
  return results;
}

/**
 * A new password stored: the account's hash and change date, and the history row that the reuse rule
 * above reads. `set` is what else the caller changes on the account's row in the same statement.
 */
export async function storeNewPassword(
  q: Queryable,
  accountId: number,
  hash: string,
  o: { now: Date; mustChangePassword: boolean; set?: PgUpdateSetSource<typeof accounts> },
): Promise<void> {
  await q
    .update(accounts)
    .set({ passwordHash: hash, passwordChangedAt: o.now, mustChangePassword: o.mustChangePassword, updatedAt: o.now, ...o.set })
    .where(eq(accounts.id, accountId));
  await q.insert(passwordHistory).values({ accountId, passwordHash: hash, createdAt: o.now });
}
