import 'server-only';
import { and, asc, count, desc, eq, like, type SQL, sql } from 'drizzle-orm';
import type { SelectResultFields } from 'drizzle-orm/query-builders/select.types';
import type { Queryable } from '@/lib/db';
import { accounts, nodes, signInLog } from '@/lib/db/schema';
import { inSubtree } from '@/lib/hierarchy/queries';
import { loadEffectivePolicy } from '@/lib/policy/queries';
import { passwordExpiresAt } from '@/lib/policy/rules';
import { type AccountStatus, type AuthSource, foldForSearch, type Role } from './fields';

const detailColumns = {
  id: accounts.id,
  username: accounts.username,
  firstName: accounts.firstName,
  lastName: accounts.lastName,
  email: accounts.email,
  role: accounts.role,
  isPrimaryContact: accounts.isPrimaryContact,
  authSource: accounts.authSource,
  apiOnly: accounts.apiOnly,
  externalId: accounts.externalId,
  canManageExternalIds: accounts.canManageExternalIds,
  credentialPolicyId: accounts.credentialPolicyId,
  sessionTimeoutMinutes: accounts.sessionTimeoutMinutes,
  status: accounts.status,
  statusReason: accounts.statusReason,
  lockedUntil: accounts.lockedUntil,
  passwordChangedAt: accounts.passwordChangedAt,
  mustChangePassword: accounts.mustChangePassword,
  passwordNeverExpires: accounts.passwordNeverExpires,
  disabledByAdministrator: accounts.disabledByAdministrator,
  lastLoginAt: accounts.lastLoginAt,
  createdAt: accounts.createdAt,
  nodeId: accounts.nodeId,
  nodePath: nodes.path,
};

/**
 * The column sets of the one account lookup. `detail` is what pages and administrative commands read
 * and carries no secret (STYLE habit 5); `credentials` adds the password hash and the two-factor
 * secret for the sign-in steps, and never leaves the server.
 */
export const ACCOUNT_COLUMNS = {
  detail: detailColumns,
  credentials: {
    ...detailColumns,
    passwordHash: accounts.passwordHash,
    totpSecretEnc: accounts.totpSecretEnc,
    totpLastStep: accounts.totpLastStep,
  },
};

export type AccountColumns = keyof typeof ACCOUNT_COLUMNS;
export type AccountRow<C extends AccountColumns = 'detail'> = SelectResultFields<(typeof ACCOUNT_COLUMNS)[C]>;
export type AccountDetail = AccountRow<'detail'>;

/** The account by id, or by username as people type it (case-insensitive, trimmed). */
const accountMatch = (by: { username: string } | { id: number }) =>
  'id' in by ? eq(accounts.id, by.id) : sql`lower(${accounts.username}) = ${by.username.trim().toLowerCase()}`;

/**
 * The one account lookup: by username (case-insensitive) or id; with `scope`, only an account in that
 * subtree (outside it the answer is the same as for an unknown account, so other tenants' usernames
 * cannot be probed); with `lock`, the row is locked for the rest of the transaction.
 */
export async function findAccount<C extends AccountColumns = 'detail'>(
  q: Queryable,
  by: { username: string } | { id: number },
  opts: { columns?: C; scope?: string; lock?: boolean } = {},
): Promise<AccountRow<C> | null> {
  const match = accountMatch(by);
  const query = q
    .select(ACCOUNT_COLUMNS[opts.columns ?? 'detail'])
    .from(accounts)
    .innerJoin(nodes, eq(nodes.id, accounts.nodeId))
    .where(opts.scope ? and(match, inSubtree(opts.scope)) : match)
    .limit(1);
  const [row] = opts.lock ? await query.for('update', { of: accounts }) : await query;
  return (row as AccountRow<C> | undefined) ?? null;
}

const PAGE_SIZE = 25;
/** The list counts at most this many matches ("more than 1,000"): an exact count of 100,000 rows is not worth its cost. */
export const COUNT_CAP = 1000;

interface AccountFilter {
  subtreeRoot: string;
  search?: string;
  role?: Role;
  status?: AccountStatus;
  authSource?: AuthSource;
  /** Keyset paging: the lower-cased username after (next page) or before (previous page) which to list. */
  after?: string;
  before?: string;
}

const listColumns = {
  username: accounts.username,
  firstName: accounts.firstName,
  lastName: accounts.lastName,
  email: accounts.email,
  role: accounts.role,
  status: accounts.status,
  apiOnly: accounts.apiOnly,
  authSource: accounts.authSource,
  nodePath: nodes.path,
};

function likeText(s: string) {
  return `%${s.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

/**
 * Accounts of a subtree, searched, filtered and paged, with explicit columns only. Each word of the
 * search must occur in the account's search text (username, "first last", email, External ID, lower-
 * cased and accent-folded; trigram-indexed), so "alice smith" and "nunez" find what people expect.
 * Paging is by keyset on the lower-cased username (no OFFSET), and the count stops at COUNT_CAP.
 */
export async function searchAccounts(q: Queryable, f: AccountFilter) {
  const base: SQL[] = [inSubtree(f.subtreeRoot)];
  const words = foldForSearch(f.search?.trim().slice(0, 100) ?? '')
    .split(/\s+/)
    .filter(Boolean)
    .slice(0, 5);
  for (const w of words) base.push(like(accounts.searchText, likeText(w)));
  if (f.role) base.push(eq(accounts.role, f.role));
  if (f.status) base.push(eq(accounts.status, f.status));
  if (f.authSource) base.push(eq(accounts.authSource, f.authSource));
  const key = sql<string>`lower(${accounts.username})`;
  const backwards = !f.after && Boolean(f.before);
  const cursor = f.after ? sql`${key} > ${f.after}` : f.before ? sql`${key} < ${f.before}` : undefined;
  const [found, [counted]] = await Promise.all([
    q
      .select({ ...listColumns, key })
      .from(accounts)
      .innerJoin(nodes, eq(nodes.id, accounts.nodeId))
      .where(and(...base, cursor))
      .orderBy(backwards ? desc(key) : asc(key))
      .limit(PAGE_SIZE + 1),
    q.select({ n: count() }).from(
      q
        .select({ one: sql`1` })
        .from(accounts)
        .innerJoin(nodes, eq(nodes.id, accounts.nodeId))
        .where(and(...base))
        .limit(COUNT_CAP + 1)
        .as('capped'),
    ),
  ]);
  const more = found.length > PAGE_SIZE;
  const page = found.slice(0, PAGE_SIZE);
  if (backwards) page.reverse();
  const rows = page.map(({ key: _k, ...r }) => r);
  const first = page[0]?.key ?? null;
  const last = page.at(-1)?.key ?? null;
  const n = Number(counted?.n ?? 0);
  return {
    rows,
    total: Math.min(n, COUNT_CAP),
    capped: n > COUNT_CAP,
    next: (backwards || more) && last ? last : null,
    previous: (f.after || (backwards && more)) && first ? first : null,
  };
}

/** When the account's password expires under its policy, or null when it never does. */
export async function passwordExpiry(
  q: Queryable,
  a: Pick<AccountDetail, 'nodePath' | 'credentialPolicyId' | 'apiOnly' | 'passwordNeverExpires' | 'passwordChangedAt'>,
): Promise<Date | null> {
  const { policy } = await loadEffectivePolicy(q, a.nodePath, a.credentialPolicyId);
  return passwordExpiresAt(a, policy);
}

/** Whether the account holds the External ID grant (read fresh: it is not part of the session). */
export async function hasExternalIdGrant(q: Queryable, accountId: number): Promise<boolean> {
  return (await findAccount(q, { id: accountId }))?.canManageExternalIds ?? false;
}

/** The username of the node's Primary Contact, if it has one. */
export async function primaryContactOf(q: Queryable, nodeId: number): Promise<string | null> {
  const [row] = await q
    .select({ username: accounts.username })
    .from(accounts)
    .where(and(eq(accounts.nodeId, nodeId), eq(accounts.isPrimaryContact, true)))
    .limit(1);
  return row?.username ?? null;
}

/** The Security tab's overview of an account: sign-in activity, password dates, counters, two-factor. */
export async function loadSecurityOverview(q: Queryable, a: AccountDetail) {
  const [[counters], [lastSignIn], expires] = await Promise.all([
    q
      .select({ failedCount: accounts.failedCount, twoFactor: sql<boolean>`${accounts.totpSecretEnc} is not null` })
      .from(accounts)
      .where(eq(accounts.id, a.id)),
    q
      .select({ at: signInLog.at, ip: signInLog.ip })
      .from(signInLog)
      .where(and(eq(signInLog.accountId, a.id), eq(signInLog.outcome, 'success')))
      .orderBy(desc(signInLog.at))
      .limit(1),
    passwordExpiry(q, a),
  ]);
  return {
    lastSignIn: lastSignIn ? { at: lastSignIn.at.toISOString(), ip: lastSignIn.ip } : null,
    passwordChangedAt: a.passwordChangedAt?.toISOString() ?? null,
    passwordExpiresAt: expires?.toISOString() ?? null,
    failedCount: counters?.failedCount ?? 0,
    twoFactor: Boolean(counters?.twoFactor),
  };
}
