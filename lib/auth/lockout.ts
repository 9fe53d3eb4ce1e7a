import { type SQL, sql } from 'drizzle-orm';
import { type Queryable, rowsOf } from '@/lib/db';
import { sourceKey } from '@/lib/net/ip';
import { recordAutomaticLock } from '@/lib/notices/automatic-lock';
import { HCS_POLICY_NAME, type PolicyValues } from '@/lib/policy/fields';

/*
 * The failed-attempt rule, per account and per source address, in one place. An attempt first
 * *claims* a slot in one atomic UPDATE; only a claimed attempt may reach the secret's check. So
 * however many requests race, across however many instances, at most Failed Login Count attempts are
 * checked per window. A right secret gives the slot back; a wrong one at the threshold locks (or
 * disables) the account. Sign-in, password change and the two-factor step all go through
 * `accountAttempt`; the sign-in simulator goes through `peekAccountAttempt`, its read-only twin below.
 */

type AccountLimits = Pick<
  PolicyValues,
  | 'disableFailedLoginLimitingPerUser'
  | 'failedLoginCountPerUser'
  | 'resetFailedLoginCountPerUserMinutes'
  | 'lockDurationMinutes'
  | 'disableFailedLoginUserAccount'
>;

export type AttemptOutcome =
  /** The secret was right; `claimed` is the attempt's number in the window (null: limiting is off). */
  | { outcome: 'ok'; claimed: number | null }
  /** Not checked: the account is locked, disabled, or out of attempts. */
  | { outcome: 'refused' }
  /** The secret was wrong; `lockedAs` says whether this attempt locked or disabled the account. */
  | { outcome: 'wrong'; claimed: number | null; lockedAs: 'locked' | 'disabled' | null };

/** The threshold rule: the attempt that reaches Failed Login Count locks. */
function reachesLimit(claimed: number | null, p: AccountLimits): boolean {
  return claimed != null && claimed >= p.failedLoginCountPerUser;
}

/** What reaching the limit does: disable (Disable Failed Login User Account) or lock. */
function lockStatus(p: AccountLimits): 'locked' | 'disabled' {
  return p.disableFailedLoginUserAccount ? 'disabled' : 'locked';
}

/**
 * Claims an attempt for the account. Null when it is locked, disabled, or out of attempts; with
 * per-user limiting off, nothing is counted but a locked or disabled account is still refused.
 */
async function claimAccountAttempt(q: Queryable, accountId: number, p: AccountLimits): Promise<number | null> {
  const window = sql`make_interval(mins => ${p.resetFailedLoginCountPerUserMinutes}::int)`;
  const counting = !p.disableFailedLoginLimitingPerUser;
  // A lock whose time has passed counts as active with a fresh counter.
  const fresh = sql`(failed_last_at is null or failed_last_at <= now() - ${window} or status = 'locked')`;
  const res = await q.execute(sql`
    update accounts set
      failed_count = ${counting ? sql`case when ${fresh} then 1 else failed_count + 1 end` : sql`case when status = 'locked' then 0 else failed_count end`},
      failed_last_at = ${counting ? sql`now()` : sql`failed_last_at`},
      status = 'active',
      locked_until = null,
      status_reason = case when status = 'locked' then null else status_reason end
    where id = ${accountId}
      and (status = 'active' or (status = 'locked' and locked_until is not null and locked_until <= now()))
      ${counting ? sql`and (case when ${fresh} then 0 else failed_count end) < ${p.failedLoginCountPerUser}::int` : sql``}
    returning failed_count`);
  const row = rowsOf<{ failed_count: number }>(res)[0];
  if (!row) return null;
  return counting ? Number(row.failed_count) : 0;
}

/** After a wrong secret at the threshold: lock (for Lock Duration; 0 = until unlocked) or disable. */
async function lockAfterFailures(q: Queryable, accountId: number, p: AccountLimits): Promise<'locked' | 'disabled'> {
  const status = lockStatus(p);
  const until = status === 'locked' && p.lockDurationMinutes > 0 ? sql`now() + make_interval(mins => ${p.lockDurationMinutes}::int)` : sql`null`;
  const moved = await q.execute(sql`
    update accounts set status = ${status}, locked_until = ${until},
      status_reason = 'Too many failed sign-in attempts', updated_at = now()
    where id = ${accountId} and status = 'active' returning id`);
  // Audited and told to the account by e-mail, once: only by the attempt that moved it.
  if (rowsOf(moved).length) await recordAutomaticLock(q, accountId, status);
  return status;
}

/**
 * The whole sign-in completed (every factor, every required change): the failures are forgiven, and
 * the sign-in time recorded. As a statement, for callers that write it with others (createSession).
 */
export const completedSignIn = (accountId: number) =>
  sql`update accounts set failed_count = 0, failed_last_at = null, last_login_at = now() where id = ${accountId}`;

export async function resetAccountFailures(q: Queryable, accountId: number): Promise<void> {
  await q.execute(sql`update accounts set failed_count = 0, failed_last_at = null where id = ${accountId}`);
}

/** A right secret that does not finish the sign-in gives back only its own slot. */
export const accountRefund = (accountId: number) => sql`update accounts set failed_count = greatest(failed_count - 1, 0) where id = ${accountId}`;

/**
 * One attempt at the account's secret (password, current password, authentication code). A right
 * secret gives its slot back but does not clear earlier failures: only `resetAccountFailures`, called
 * when the whole sign-in completes, does. Otherwise a right password would wipe the wrong codes that
 * followed it, and the second factor could be guessed for ever by signing in again.
 */
export async function accountAttempt(
  q: Queryable,
  accountId: number,
  p: AccountLimits,
  check: () => Promise<boolean>,
  opts: { deferRefund?: boolean } = {},
): Promise<AttemptOutcome> {
  const claimed = await claimAccountAttempt(q, accountId, p);
  if (claimed == null) return { outcome: 'refused' };
  const counted = p.disableFailedLoginLimitingPerUser ? null : claimed;
  if (await check()) {
    // With `deferRefund` the caller writes the refund (accountRefund) or the reset with its own writes.
    if (counted != null && !opts.deferRefund) await q.execute(accountRefund(accountId));
    return { outcome: 'ok', claimed: counted };
  }
  const lockedAs = reachesLimit(counted, p) ? await lockAfterFailures(q, accountId, p) : null;
  return { outcome: 'wrong', claimed: counted, lockedAs };
}

/**
 * The read-only twin of `accountAttempt` for the sign-in simulator: it reads the counters and answers
 * as the statements above would, but writes nothing.
 */
export async function peekAccountAttempt(
  q: Queryable,
  accountId: number,
  p: AccountLimits,
  now: Date,
  check: () => Promise<boolean>,
): Promise<AttemptOutcome> {
  const [a] = rowsOf<{ status: string; locked_until: string | null; failed_count: number; failed_last_at: string | null }>(
    await q.execute(sql`select status, locked_until, failed_count, failed_last_at from accounts where id = ${accountId}`),
  );
  if (!a) return { outcome: 'refused' };
  const lockOver = a.status === 'locked' && a.locked_until != null && new Date(a.locked_until) <= now;
  if (a.status !== 'active' && !lockOver) return { outcome: 'refused' };
  let claimed: number | null = null;
  if (!p.disableFailedLoginLimitingPerUser) {
    const fresh = lockOver || minutesPassed(a.failed_last_at, p.resetFailedLoginCountPerUserMinutes, now);
    const count = fresh ? 0 : Number(a.failed_count);
    if (count >= p.failedLoginCountPerUser) return { outcome: 'refused' };
    claimed = count + 1;
  }
  if (await check()) return { outcome: 'ok', claimed };
  return { outcome: 'wrong', claimed, lockedAs: reachesLimit(claimed, p) ? lockStatus(p) : null };
}

function minutesPassed(since: string | Date | null, minutes: number, now: Date): boolean {
  return since == null || new Date(since).getTime() <= now.getTime() - minutes * 60_000;
}

export type SourceClaim = { ok: true; count: number } | { ok: false; retryAfterSeconds: number };

/**
 * The per-source limit is product-wide: it is read from HcsCredentialPolicy at sys.hcs (the policy
 * every account falls back to), never from the policy of the username being tried, so the throttle a
 * source meets says nothing about which accounts exist or which policies they have.
 */
export type SourceLimits = Pick<
  PolicyValues,
  'failedLoginCountPerSource' | 'resetFailedLoginCountPerSourceMinutes' | 'disableFailedLoginLimitingPerSource'
>;

/**
 * The first step of every password check (sign-in and API): the product-wide limits and whether the
 * source is refused right now, in ONE indexed statement, so a throttled flood costs one read and no
 * account lookup, no hash and no log row. With `claim`, the same statement also claims the source's
 * attempt (as claimSourceAttempt would), for a sign-in whose next step would claim it anyway.
 */
export async function checkSource(
  q: Queryable,
  ip: string,
  opts: { claim?: boolean } = {},
): Promise<{ limits: SourceLimits; retryAfterSeconds: number | null; claimed?: number }> {
  const key = sourceKey(ip);
  const window = sql`make_interval(mins => lim.mins)`;
  const claim = opts.claim
    ? sourceClaim(key, sql`(select n from lim)`, sql`(select make_interval(mins => mins) from lim)`, sql`not (select off from lim)`)
    : sql`select null::int as failed_count where false`;
  const res = await q.execute(sql`
    with lim as (
      select p.failed_login_count_per_source as n, p.reset_failed_login_count_per_source_minutes as mins,
        p.disable_failed_login_limiting_per_source as off
      from credential_policies p join nodes hcs on hcs.id = p.node_id and hcs.path = 'sys.hcs'
      where p.name = ${HCS_POLICY_NAME}),
    claimed as (${claim})
    select lim.n as lim, lim.mins, lim.off, (select failed_count from claimed) as claimed,
      case when not lim.off and (select count(*) from claimed) = 0
        -- A claim refused by its ON CONFLICT condition (read on the newest row) is a throttle, even
        -- when this statement's snapshot predates the attempts that reached the limit.
        and ${opts.claim ? sql`true` : sql`c.failed_last_at > now() - ${window} and c.failed_count >= lim.n`}
      then greatest(1, coalesce(ceil(extract(epoch from (c.failed_last_at + ${window} - now()))), lim.mins * 60))::int
      end as wait
    from lim left join source_counters c on c.ip = ${key}`);
  const row = rowsOf<{ lim: number; mins: number; off: boolean; claimed: number | null; wait: number | null }>(res)[0];
  if (!row) throw new Error(`${HCS_POLICY_NAME} is missing at sys.hcs: run npm run db:seed`);
  return {
    limits: {
      failedLoginCountPerSource: Number(row.lim),
      resetFailedLoginCountPerSourceMinutes: Number(row.mins),
      disableFailedLoginLimitingPerSource: Boolean(row.off),
    },
    retryAfterSeconds: row.wait == null ? null : Number(row.wait),
    ...(row.claimed == null ? {} : { claimed: Number(row.claimed) }),
  };
}

/**
 * The per-source claim, the one statement both claimSourceAttempt and checkSource's claim run: count an
 * attempt for the source (a new window starts at 1) unless its window has reached `limit`; `when` false
 * claims nothing. Returns the count when claimed, no row when refused.
 */
function sourceClaim(key: string, limit: SQL, window: SQL, when: SQL = sql`true`): SQL {
  return sql`insert into source_counters as c (ip, failed_count, failed_last_at) select ${key}, 1, now() where ${when}
    on conflict (ip) do update set
      failed_count = case when c.failed_last_at <= now() - ${window} then 1 else c.failed_count + 1 end,
      failed_last_at = now()
    where (case when c.failed_last_at <= now() - ${window} then 0 else c.failed_count end) < ${limit}
    returning failed_count`;
}

/** Claims an attempt for the source (its IPv4 address or IPv6 /64; insert-or-update, one statement). */
export async function claimSourceAttempt(q: Queryable, ip: string, p: SourceLimits): Promise<SourceClaim> {
  const key = sourceKey(ip);
  const window = sql`make_interval(mins => ${p.resetFailedLoginCountPerSourceMinutes}::int)`;
  const res = await q.execute(sourceClaim(key, sql`${p.failedLoginCountPerSource}::int`, window));
  const row = rowsOf<{ failed_count: number }>(res)[0];
  if (row) return { ok: true, count: Number(row.failed_count) };
  const wait = await q.execute(sql`
    select greatest(1, ceil(extract(epoch from (failed_last_at + ${window} - now()))))::int as s
    from source_counters where ip = ${key}`);
  return { ok: false, retryAfterSeconds: Number(rowsOf<{ s: number }>(wait)[0]?.s ?? 60) };
}

/** The read-only twin of `claimSourceAttempt` for the simulator. */
export async function peekSourceAttempt(q: Queryable, ip: string, p: SourceLimits, now: Date): Promise<SourceClaim> {
  const [row] = rowsOf<{ failed_count: number; failed_last_at: string }>(
    await q.execute(sql`select failed_count, failed_last_at from source_counters where ip = ${sourceKey(ip)}`),
  );
  if (!row) return { ok: true, count: 1 };
  const windowMs = p.resetFailedLoginCountPerSourceMinutes * 60_000;
  const last = new Date(row.failed_last_at);
  const count = minutesPassed(last, p.resetFailedLoginCountPerSourceMinutes, now) ? 0 : Number(row.failed_count);
  if (count >= p.failedLoginCountPerSource)
    return { ok: false, retryAfterSeconds: Math.max(1, Math.ceil((last.getTime() + windowMs - now.getTime()) / 1000)) };
  return { ok: true, count: count + 1 };
}

/** A right password from the source gives its claimed slot back (as a statement: sourceRefund). */
export const sourceRefund = (ip: string) => sql`update source_counters set failed_count = greatest(failed_count - 1, 0) where ip = ${sourceKey(ip)}`;

export async function refundSourceAttempt(q: Queryable, ip: string): Promise<void> {
  await q.execute(sourceRefund(ip));
}

/**
 * Passwords checked from outside the account's allowlist per Reset Failed Login Count window. Within
 * it, the right password is told that the address is not allowed (so its owner knows why); past it,
 * nothing is checked and every answer is the generic failure, so the address is no password oracle.
 */
export const OUTSIDE_ALLOWLIST_BUDGET = 3;

export type OutsideOutcome = 'ok' | 'wrong' | 'refused';

/** One password tried from outside the allowlist: claimed from the account's outside budget first. */
export async function outsideAttempt(
  q: Queryable,
  accountId: number,
  p: Pick<PolicyValues, 'resetFailedLoginCountPerUserMinutes'>,
  check: () => Promise<boolean>,
): Promise<OutsideOutcome> {
  const window = sql`make_interval(mins => ${p.resetFailedLoginCountPerUserMinutes}::int)`;
  const fresh = sql`(outside_failed_last_at is null or outside_failed_last_at <= now() - ${window})`;
  const res = await q.execute(sql`
    update accounts set
      outside_failed_count = case when ${fresh} then 1 else outside_failed_count + 1 end,
      outside_failed_last_at = now()
    where id = ${accountId} and (case when ${fresh} then 0 else outside_failed_count end) < ${OUTSIDE_ALLOWLIST_BUDGET}::int
    returning outside_failed_count`);
  if (rowsOf(res).length === 0) return 'refused';
  if (!(await check())) return 'wrong';
  await q.execute(sql`update accounts set outside_failed_count = greatest(outside_failed_count - 1, 0) where id = ${accountId}`);
  return 'ok';
}

/** The read-only twin of `outsideAttempt` for the simulator. */
export async function peekOutsideAttempt(
  q: Queryable,
  accountId: number,
  p: Pick<PolicyValues, 'resetFailedLoginCountPerUserMinutes'>,
  now: Date,
  check: () => Promise<boolean>,
): Promise<OutsideOutcome> {
  const [a] = rowsOf<{ outside_failed_count: number; outside_failed_last_at: string | null }>(
    await q.execute(sql`select outside_failed_count, outside_failed_last_at from accounts where id = ${accountId}`),
  );
  const used = !a || minutesPassed(a.outside_failed_last_at, p.resetFailedLoginCountPerUserMinutes, now) ? 0 : Number(a.outside_failed_count);
  if (used >= OUTSIDE_ALLOWLIST_BUDGET) return 'refused';
  return (await check()) ? 'ok' : 'wrong';
}
