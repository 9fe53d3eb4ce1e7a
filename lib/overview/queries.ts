import 'server-only';
import { sql } from 'drizzle-orm';
import { type Queryable, rowsOf } from '@/lib/db';
import { governedAccounts } from '@/lib/notices/queries';
import { expiryNotice } from '@/lib/notices/rules';

/** The four outcomes the overview's chart draws, and the sign-in log outcomes each one counts. */
export const CHART_SERIES = [
  { key: 'success', label: 'Success', outcomes: ['success'] },
  { key: 'wrong', label: 'Wrong password', outcomes: ['wrong-password'] },
  { key: 'locked', label: 'Locked', outcomes: ['locked'] },
  { key: 'throttled', label: 'Throttled', outcomes: ['source-throttled'] },
] as const;
export type SeriesKey = (typeof CHART_SERIES)[number]['key'];

/** Failed sign-ins for the 24-hour figure: a wrong secret of any kind, or a locked account. */
export const FAILED_OUTCOMES = ['wrong-password', 'locked', 'wrong-code', 'wrong-answers'] as const;

const subtree = (root: string) => {
  const prefix = `${root.replace(/[\\%_]/g, (c) => `\\${c}`)}.%`;
  return sql`(node_path = ${root} or node_path like ${prefix})`;
};

/** Accounts whose password expires within their policy's notice window, for a subtree. */
export async function expiringPasswords(q: Queryable, root: string, now = new Date()) {
  const rows = await governedAccounts(q, { subtree: root, expiringAround: now });
  return rows
    .flatMap((a) => {
      const n = expiryNotice(a, { ...a, notifyBy: 'both' }, now);
      return n ? [{ username: a.username, nodePath: a.nodePath, expiresAt: n.expiresAt, daysLeft: n.daysLeft }] : [];
    })
    .sort((x, y) => x.expiresAt.getTime() - y.expiresAt.getTime());
}

export interface Overview {
  locked: number;
  expiring: number;
  failed24h: number;
  throttled24h: number;
  /** Sign-ins per hour over the last 7 days, oldest first: 168 hours × the four series. */
  hours: { hour: Date; counts: Record<SeriesKey, number> }[];
}

export async function loadOverview(q: Queryable, root: string, now = new Date()): Promise<Overview> {
  const accountsIn = sql`(select a.id from accounts a join nodes n on n.id = a.node_id where (n.path = ${root} or n.path like ${`${root.replace(/[\\%_]/g, (c) => `\\${c}`)}.%`}) and a.status = 'locked')`;
  const dayAgo = new Date(now.getTime() - 86_400_000);
  const firstHour = new Date(Math.floor(now.getTime() / 3_600_000) * 3_600_000 - 167 * 3_600_000);
  const [lockedRes, recentRes, hourlyRes, expiring] = await Promise.all([
    q.execute(sql`select count(*)::int as n from ${accountsIn} x`),
    q.execute(sql`
      select count(*) filter (where outcome in (${sql.join(
        FAILED_OUTCOMES.map((o) => sql`${o}`),
        sql`, `,
      )}))::int as failed,
        count(*) filter (where outcome = 'source-throttled')::int as throttled
      from sign_in_log where ${subtree(root)} and created_at > ${dayAgo.toISOString()}`),
    q.execute(sql`
      select date_trunc('hour', created_at) as hour, outcome, count(*)::int as n
      from sign_in_log
      where ${subtree(root)} and created_at >= ${firstHour.toISOString()}
        and outcome in ('success', 'wrong-password', 'locked', 'source-throttled')
      group by 1, 2`),
    expiringPasswords(q, root, now),
  ]);
  const hours = Array.from({ length: 168 }, (_, i) => ({
    hour: new Date(firstHour.getTime() + i * 3_600_000),
    counts: { success: 0, wrong: 0, locked: 0, throttled: 0 } as Record<SeriesKey, number>,
  }));
  for (const r of rowsOf<{ hour: string | Date; outcome: string; n: number }>(hourlyRes)) {
    const i = Math.round((new Date(r.hour).getTime() - firstHour.getTime()) / 3_600_000);
    const series = CHART_SERIES.find((s) => (s.outcomes as readonly string[]).includes(r.outcome));
    if (series && hours[i]) hours[i].counts[series.key] += Number(r.n);
  }
  const recent = rowsOf<{ failed: number; throttled: number }>(recentRes)[0];
  return {
    locked: Number(rowsOf<{ n: number }>(lockedRes)[0]?.n ?? 0),
    expiring: expiring.length,
    failed24h: Number(recent?.failed ?? 0),
    throttled24h: Number(recent?.throttled ?? 0),
    hours,
  };
}
