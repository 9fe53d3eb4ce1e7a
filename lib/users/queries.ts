import 'server-only';
import { and, asc, count, eq, ilike, or, sql, type SQL } from 'drizzle-orm';
import type { Queryable } from '@/lib/db';
import { accounts, nodes, type Role } from '@/lib/db/schema';
import { inSubtree } from '@/lib/hierarchy/queries';

export const PAGE_SIZE = 25;

export interface AccountFilter {
  subtreeRoot: string;
  search?: string;
  role?: Role;
  status?: 'active' | 'locked' | 'disabled';
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
  return `%${s.replace(/[\\%_]/g, (c) => '\\' + c)}%`;
}

/** Accounts of a subtree (the first 500), with explicit columns only: no hash, secret or counter. */
export async function listAccounts(q: Queryable, subtreeRoot: string) {
  return q
    .select(listColumns)
    .from(accounts)
    .innerJoin(nodes, eq(nodes.id, accounts.nodeId))
    .where(inSubtree(subtreeRoot))
    .orderBy(asc(nodes.path), asc(accounts.username))
    .limit(500);
}

/** Accounts of a subtree, searched, filtered and paged, with explicit columns only. */
export async function searchAccounts(q: Queryable, f: AccountFilter) {
  const conditions: SQL[] = [inSubtree(f.subtreeRoot)!];
  const search = f.search?.trim().slice(0, 100);
  if (search) {
    const p = likeText(search);
    conditions.push(or(ilike(accounts.username, p), ilike(accounts.firstName, p), ilike(accounts.lastName, p), ilike(accounts.email, p), ilike(accounts.externalId, p))!);
  }
  if (f.role) conditions.push(eq(accounts.role, f.role));
  if (f.status) conditions.push(eq(accounts.status, f.status));
  const where = and(...conditions);
  const page = Math.max(1, Math.floor(f.page ?? 1));
  const [rows, [total]] = await Promise.all([
    q.select(listColumns).from(accounts).innerJoin(nodes, eq(nodes.id, accounts.nodeId)).where(where)
      .orderBy(asc(nodes.path), asc(sql`lower(${accounts.username})`)).limit(PAGE_SIZE).offset((page - 1) * PAGE_SIZE),
    q.select({ n: count() }).from(accounts).innerJoin(nodes, eq(nodes.id, accounts.nodeId)).where(where),
  ]);
  return { rows, total: Number(total?.n ?? 0), page, pages: Math.max(1, Math.ceil(Number(total?.n ?? 0) / PAGE_SIZE)) };
}

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
  nodePath: nodes.path,
};

export type AccountDetail = Awaited<ReturnType<typeof findAccount>> & {};

/**
 * One account by username, only when it lies in the actor's subtree: outside it the answer is the same
 * as for an unknown username, so other tenants' usernames cannot be probed.
 */
export async function findAccount(q: Queryable, username: string, scopeRoot: string, opts: { lock?: boolean } = {}) {
  const query = q
    .select(detailColumns)
    .from(accounts)
    .innerJoin(nodes, eq(nodes.id, accounts.nodeId))
    .where(and(sql`lower(${accounts.username}) = ${username.trim().toLowerCase()}`, inSubtree(scopeRoot)))
    .limit(1);
  const [row] = opts.lock ? await query.for('update', { of: accounts }) : await query;
  return row ?? null;
}
