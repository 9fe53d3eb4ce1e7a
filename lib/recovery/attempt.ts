import { sql } from 'drizzle-orm';
import { type AttemptOutcome, accountAttempt } from '@/lib/auth/lockout';
import { type Queryable, rowsOf } from '@/lib/db';
import type { PolicyValues } from '@/lib/policy/fields';
import { AUTOMATIC_LOCK_REASON } from './rules';

/**
 * One attempt at an account's security answers. On an active account it is an ordinary failed-attempt
 * claim (wrong answers count toward the lock, like wrong passwords). An account locked or disabled by
 * failed attempts may still answer, since a reset is how it gets out, but on the same counter: once
 * its Failed Login Count is used up, answers are refused until the counter's reset window has passed.
 */
export async function answersAttempt(
  q: Queryable,
  account: { id: number; status: string; statusReason: string | null },
  p: PolicyValues,
  check: () => Promise<boolean>,
): Promise<AttemptOutcome> {
  if (account.status === 'active' || account.statusReason !== AUTOMATIC_LOCK_REASON) return accountAttempt(q, account.id, p, check);
  if (!p.disableFailedLoginLimitingPerUser) {
    const window = sql`make_interval(mins => ${p.resetFailedLoginCountPerUserMinutes}::int)`;
    const fresh = sql`(failed_last_at is null or failed_last_at <= now() - ${window})`;
    const claimed = await q.execute(sql`
      update accounts set
        failed_count = case when ${fresh} then 1 else failed_count + 1 end,
        failed_last_at = now()
      where id = ${account.id} and status in ('locked', 'disabled') and status_reason = ${AUTOMATIC_LOCK_REASON}
        and (case when ${fresh} then 0 else failed_count end) < ${p.failedLoginCountPerUser}::int
      returning failed_count`);
    const row = rowsOf<{ failed_count: number }>(claimed)[0];
    if (!row) return { outcome: 'refused' };
    if (await check()) return { outcome: 'ok', claimed: Number(row.failed_count) };
    return { outcome: 'wrong', claimed: Number(row.failed_count), lockedAs: null };
  }
  return (await check()) ? { outcome: 'ok', claimed: null } : { outcome: 'wrong', claimed: null, lockedAs: null };
}
