import 'server-only';
import { and, asc, count, eq, ilike, or, type SQL, sql } from 'drizzle-orm';
import type { SelectResultFields } from 'drizzle-orm/query-builders/select.types';
import type { Queryable } from '@/lib/db';
import { accounts, nodes } from '@/lib/db/schema';
import { inSubtree } from '@/lib/hierarchy/queries';
import { loadEffectivePolicy } from '@/lib/policy/queries';
import { addMonths } from '@/lib/policy/rules';
import type { AccountStatus, Role } from './fields';

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
  const match = 'id' in by ? eq(accounts.id, by.id) : sql`lower(${accounts.username}) = ${by.username.trim().toLowerCase()}`;
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
/** How many accounts past the current page the list counts exactly ("more than N" beyond). */
const COUNT_AHEAD = 1000;

interface AccountFilter {
  subtreeRoot: string;
  search?: string;
  role?: Role;
  status?: AccountStatus;
  page?: number;
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

/** Accounts of a subtree, searched, filtered and paged, with explicit columns only. */
export async function searchAccounts(q: Queryable, f: AccountFilter) {
  const conditions: SQL[] = [inSubtree(f.subtreeRoot)];
  const search = f.search?.trim().slice(0, 100);
  if (search) {
    const p = likeText(search);
    const matches = [accounts.username, accounts.firstName, accounts.lastName, accounts.email, accounts.externalId].map((c) => ilike(c, p));
    conditions.push(or(...matches) as SQL);
  }
  if (f.role) conditions.push(eq(accounts.role, f.role));
  if (f.status) conditions.push(eq(accounts.status, f.status));
  const where = and(...conditions);
  const page = Math.max(1, Math.floor(f.page ?? 1));
  const from = () => q.select(listColumns).from(accounts).innerJoin(nodes, eq(nodes.id, accounts.nodeId)).where(where);
  const [rows, [total]] = await Promise.all([
    from()
      .orderBy(asc(nodes.path), asc(sql`lower(${accounts.username})`))
      .limit(PAGE_SIZE)
      .offset((page - 1) * PAGE_SIZE),
    // Counted only up to COUNT_AHEAD beyond this page: an exact count of 100,000 rows costs more than
    // the page itself, and nobody pages that far (they search or filter).
    q.select({ n: count() }).from(
      q
        .select({ one: sql`1` })
        .from(accounts)
        .innerJoin(nodes, eq(nodes.id, accounts.nodeId))
        .where(where)
        .limit((page - 1) * PAGE_SIZE + COUNT_AHEAD + 1)
        .as('counted'),
    ),
  ]);
  const counted = Number(total?.n ?? 0);
  const capped = counted > (page - 1) * PAGE_SIZE + COUNT_AHEAD;
  const n = capped ? counted - 1 : counted;
  return { rows, total: n, capped, page, pages: Math.max(1, Math.ceil(n / PAGE_SIZE)) };
}

/** When the account's password expires under its policy, or null when it never does. */
export async function passwordExpiry(
  q: Queryable,
  a: Pick<AccountDetail, 'nodePath' | 'credentialPolicyId' | 'apiOnly' | 'passwordNeverExpires' | 'passwordChangedAt'>,
): Promise<Date | null> {
  const { policy } = await loadEffectivePolicy(q, a.nodePath, a.credentialPolicyId);
  if ((a.apiOnly && a.passwordNeverExpires) || policy.passwordExpiresMonths === 0 || !a.passwordChangedAt) return null;
  return addMonths(a.passwordChangedAt, policy.passwordExpiresMonths);
}

/** What /api/v1/me answers: never the hash, the TOTP secret or counters. */
export async function loadMe(q: Queryable, accountId: number) {
  const a = await findAccount(q, { id: accountId });
  if (!a) return null;
  const expires = await passwordExpiry(q, a);
  return { username: a.username, node: a.nodePath, role: a.role, passwordExpiresAt: expires?.toISOString() ?? null };
}

/** Whether the account holds the External ID grant (read fresh: it is not part of the session). */
export async function hasExternalIdGrant(q: Queryable, accountId: number): Promise<boolean> {
  return (await findAccount(q, { id: accountId }))?.canManageExternalIds ?? false;
}
