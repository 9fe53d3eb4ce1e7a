import { sql } from 'drizzle-orm';
import { rowsOf, type Queryable } from '@/lib/db';
import type { PolicyValues } from '@/lib/policy/fields';

/*
 * Failed-attempt limits, per account and per source address. An attempt first *claims* a slot in one
 * atomic UPDATE; only a claimed attempt may reach the password check. So however many requests race,
 * across however many instances, at most Failed Login Count attempts are checked per window. A
 * correct password gives the slot back.
 */

type AccountLimits = Pick<PolicyValues, 'failedLoginCountPerUser' | 'resetFailedLoginCountPerUserMinutes'>;
type SourceLimits = Pick<PolicyValues, 'failedLoginCountPerSource' | 'resetFailedLoginCountPerSourceMinutes'>;

/** Claims an attempt for the account. Null when it is locked, disabled, or out of attempts. */
export async function claimAccountAttempt(q: Queryable, accountId: number, p: AccountLimits): Promise<number | null> {
  const window = sql`make_interval(mins => ${p.resetFailedLoginCountPerUserMinutes}::int)`;
  // A lock whose time has passed counts as active with a fresh counter.
  const fresh = sql`(failed_last_at is null or failed_last_at <= now() - ${window} or status = 'locked')`;
  const res = await q.execute(sql`
    update accounts set
      failed_count = case when ${fresh} then 1 else failed_count + 1 end,
      failed_last_at = now(),
      status = 'active',
      locked_until = null,
      status_reason = case when status = 'locked' then null else status_reason end
    where id = ${accountId}
      and (status = 'active' or (status = 'locked' and locked_until is not null and locked_until <= now()))
      and (case when ${fresh} then 0 else failed_count end) < ${p.failedLoginCountPerUser}::int
    returning failed_count`);
  const row = rowsOf<{ failed_count: number }>(res)[0];
  return row ? Number(row.failed_count) : null;
}

/** After a wrong password with the claimed count at the threshold: lock (or disable) the account. */
export async function lockAfterFailures(
  q: Queryable,
  accountId: number,
  p: Pick<PolicyValues, 'lockDurationMinutes' | 'disableFailedLoginUserAccount'>,
): Promise<'locked' | 'disabled'> {
  const status = p.disableFailedLoginUserAccount ? 'disabled' : 'locked';
  const until =
    status === 'locked' && p.lockDurationMinutes > 0
      ? sql`now() + make_interval(mins => ${p.lockDurationMinutes}::int)`
      : sql`null`;
  await q.execute(sql`
    update accounts set status = ${status}, locked_until = ${until},
      status_reason = 'Too many failed sign-in attempts', updated_at = now()
    where id = ${accountId} and status = 'active'`);
  return status;
}

export async function resetAccountFailures(q: Queryable, accountId: number): Promise<void> {
  await q.execute(sql`update accounts set failed_count = 0, failed_last_at = null where id = ${accountId}`);
}

export type SourceClaim = { ok: true; count: number } | { ok: false; retryAfterSeconds: number };

/** Claims an attempt for the source address (insert-or-update, one statement). */
export async function claimSourceAttempt(q: Queryable, ip: string, p: SourceLimits): Promise<SourceClaim> {
  const window = sql`make_interval(mins => ${p.resetFailedLoginCountPerSourceMinutes}::int)`;
  const res = await q.execute(sql`
    insert into source_counters as c (ip, failed_count, failed_last_at) values (${ip}, 1, now())
    on conflict (ip) do update set
      failed_count = case when c.failed_last_at <= now() - ${window} then 1 else c.failed_count + 1 end,
      failed_last_at = now()
    where (case when c.failed_last_at <= now() - ${window} then 0 else c.failed_count end) < ${p.failedLoginCountPerSource}::int
    returning failed_count`);
  const row = rowsOf<{ failed_count: number }>(res)[0];
  if (row) return { ok: true, count: Number(row.failed_count) };
  const wait = await q.execute(sql`
    select greatest(1, ceil(extract(epoch from (failed_last_at + ${window} - now()))))::int as s
    from source_counters where ip = ${ip}`);
  return { ok: false, retryAfterSeconds: Number(rowsOf<{ s: number }>(wait)[0]?.s ?? 60) };
}

/** A correct password from the source gives its claimed slot back. */
export async function refundSourceAttempt(q: Queryable, ip: string): Promise<void> {
  await q.execute(sql`update source_counters set failed_count = greatest(failed_count - 1, 0) where ip = ${ip}`);
}
