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
export async function governedAccounts(q: Queryable, opts: { subtree?: string; accountId?: number } = {}): Promise<GovernedRow[]> {
  const scope = opts.subtree ? sql`and (n.path = ${opts.subtree} or n.path like ${`${opts.subtree.replace(/[\\%_]/g, (c) => `\\${c}`)}.%`})` : sql``;
  const one = opts.accountId ? sql`and a.id = ${opts.accountId}` : sql``;
  const res = await q.execute(sql`
    with fallback as (
      select cp.id from credential_policies cp join nodes pn on pn.id = cp.node_id
      where cp.name = ${HCS_POLICY_NAME} and pn.path = 'sys.hcs'
    ), scoped as (
      select a.*, n.path as node_path
      from accounts a join nodes n on n.id = a.node_id
      where a.status = 'active' and a.auth_source = 'local' ${scope} ${one}
    ), nearest_default as (
      -- Per node, not per account: each of the node's ancestors (and itself) looked up by path, the
      -- deepest that names a default wins. (A correlated LIKE over every default for each account ran
      -- for half an hour at 100,000 accounts.)
      select distinct on (s.node_id) s.node_id, nd.policy_id
      from (select distinct node_id, node_path from scoped) s
      cross join lateral generate_series(1, array_length(string_to_array(s.node_path, '.'), 1)) as depth
      join nodes dn on dn.path = array_to_string((string_to_array(s.node_path, '.'))[1:depth], '.')
      join node_default_policies nd on nd.node_id = dn.id
      order by s.node_id, depth desc
    ), governed as (
      select s.*, coalesce(s.credential_policy_id, d.policy_id, (select id from fallback)) as policy_id
      from scoped s left join nearest_default d on d.node_id = s.node_id
    )
    select g.id, g.username, g.email, g.node_path, g.status, g.auth_source, g.api_only, g.password_never_expires,
      g.password_changed_at, g.last_login_at, g.created_at, cp.password_expires_months, cp.notify_before_expiry_days,
      cp.email_reminder_frequency_days, cp.notify_by, cp.inactive_days_before_disabling
    from governed g join credential_policies cp on cp.id = g.policy_id
    order by g.id`);
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
