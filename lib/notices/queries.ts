import 'server-only';
import { sql } from 'drizzle-orm';
import { type Queryable, rowsOf } from '@/lib/db';
import { HCS_POLICY_NAME } from '@/lib/policy/fields';
import { type ExpiryPolicy, expiryNotice, wantsBanner } from './rules';

export interface GovernedRow extends ExpiryPolicy {
  id: number;
  username: string;
  email: string;
  nodePath: string;
  status: string;
  authSource: string;
  apiOnly: boolean;
  passwordNeverExpires: boolean;
  passwordChangedAt: Date | null;
  lastLoginAt: Date | null;
  createdAt: Date;
  inactiveDaysBeforeDisabling: number;
}

const toDate = (v: unknown) => (v == null ? null : new Date(v as string));

/**
 * Every active local account with the values of the policy in force for it, resolved in one query by
 * the rule of SPEC §3 (explicit policy, else the default of the nearest node at or above that names
 * one, else HcsCredentialPolicy), for the scheduled work. `subtree` narrows it to one subtree.
 */
export async function governedAccounts(
  q: Queryable,
  opts: { subtree?: string; accountId?: number; expiringAround?: Date } = {},
): Promise<GovernedRow[]> {
  // The nodes whose accounts are read: one account's node, a subtree, or the whole tree.
  const start = opts.accountId
    ? sql`n.id = (select node_id from accounts where id = ${opts.accountId})`
    : opts.subtree
      ? sql`n.path = ${opts.subtree}`
      : sql`n.parent_id is null`;
  const one = opts.accountId ? sql`and a.id = ${opts.accountId}` : sql``;
  // Only accounts near their notice window, so that a page about expiring passwords does not carry a
  // whole organisation to the server. A few days wider than the window: PostgreSQL and expiryNotice
  // (lib/notices/rules.ts, which decides) add months differently at the ends of months.
  const at = opts.expiringAround?.toISOString();
  const expiring = at
    ? sql`and cp.password_expires_months > 0 and cp.notify_before_expiry_days > 0 and a.password_changed_at is not null
        and a.password_changed_at + make_interval(months => cp.password_expires_months) > ${at}::timestamptz - interval '4 days'
        and a.password_changed_at + make_interval(months => cp.password_expires_months)
          - make_interval(days => cp.notify_before_expiry_days) <= ${at}::timestamptz + interval '4 days'`
    : sql``;
  const res = await q.execute(sql`
    with recursive fallback as (
      select cp.id from credential_policies cp join nodes pn on pn.id = cp.node_id
      where cp.name = ${HCS_POLICY_NAME} and pn.path = 'sys.hcs'
    ), walk as (
      -- Each node with the default nearest to it, walked down from the first node once (the start
      -- looks at its ancestors, every child inherits its parent's unless it names its own). A
      -- correlated LIKE over every default for each account ran for half an hour at 100,000 accounts.
      select n.id, n.path, (
        select nd.policy_id from node_default_policies nd join nodes dn on dn.id = nd.node_id
        where n.path = dn.path or n.path like dn.path || '.%'
        order by length(dn.path) desc limit 1) as policy_id
      from nodes n where ${start}
      union all
      select c.id, c.path, coalesce(cd.policy_id, w.policy_id)
      from walk w join nodes c on c.parent_id = w.id left join node_default_policies cd on cd.node_id = c.id
      ${opts.accountId ? sql`where false` : sql``}
    )
    select a.id, a.username, a.email, w.path as node_path, a.status, a.auth_source, a.api_only, a.password_never_expires,
      a.password_changed_at, a.last_login_at, a.created_at, cp.password_expires_months, cp.notify_before_expiry_days,
      cp.email_reminder_frequency_days, cp.notify_by, cp.inactive_days_before_disabling
    from walk w
    join accounts a on a.node_id = w.id
    join credential_policies cp on cp.id = coalesce(a.credential_policy_id, w.policy_id, (select id from fallback))
    where a.status = 'active' and a.auth_source = 'local' ${one} ${expiring}
    order by a.id`);
  return rowsOf<Record<string, unknown>>(res).map((r) => ({
    id: Number(r.id),
    username: String(r.username),
    email: String(r.email),
    nodePath: String(r.node_path),
    status: String(r.status),
    authSource: String(r.auth_source),
    apiOnly: Boolean(r.api_only),
    passwordNeverExpires: Boolean(r.password_never_expires),
    passwordChangedAt: toDate(r.password_changed_at),
    lastLoginAt: toDate(r.last_login_at),
    createdAt: toDate(r.created_at) as Date,
    passwordExpiresMonths: Number(r.password_expires_months),
    notifyBeforeExpiryDays: Number(r.notify_before_expiry_days),
    emailReminderFrequencyDays: Number(r.email_reminder_frequency_days),
    notifyBy: r.notify_by as GovernedRow['notifyBy'],
    inactiveDaysBeforeDisabling: Number(r.inactive_days_before_disabling),
  }));
}

/** The console banner's notice for one account: its password expires within the notice window. */
export async function expiryBannerFor(q: Queryable, accountId: number, now = new Date()): Promise<{ expiresAt: Date; daysLeft: number } | null> {
  const [a] = await governedAccounts(q, { accountId });
  if (!a || !wantsBanner(a)) return null;
  const n = expiryNotice(a, a, now);
  return n ? { expiresAt: n.expiresAt, daysLeft: n.daysLeft } : null;
}
