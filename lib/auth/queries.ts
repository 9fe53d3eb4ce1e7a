import 'server-only';
import { eq, sql } from 'drizzle-orm';
import { builtOnce, inTransaction, type Queryable } from '@/lib/db';
import { accounts, configVersion, nodes } from '@/lib/db/schema';
import { loadEffectivePolicy } from '@/lib/policy/queries';
import type { EffectivePolicy } from '@/lib/policy/rules';
import { type ResolvedSettings, resolveSettings } from '@/lib/security-settings/queries';
import { ACCOUNT_COLUMNS, type AccountRow } from '@/lib/users/queries';
import { checkSource, type SourceLimits } from './lockout';

export type SignInAccount = AccountRow<'credentials'>;

export interface SignInContext {
  account: SignInAccount | null;
  /** The account's node, or the root for an unknown username (its rules then apply). */
  nodePath: string;
  policy: EffectivePolicy;
  settings: ResolvedSettings;
  /** The product-wide per-source limits (lib/auth/lockout.ts checkSource). */
  source: SourceLimits;
}

/**
 * Resolved policies and settings per node (and explicit policy), kept while `config_version` stays
 * the same. The version is read in the account's own statement; a transaction that changes a policy,
 * a default, a setting or a node raises it at commit, so a cached entry is never older than what that
 * statement could see, on this instance or any other. Entries are shared: callers must not mutate them.
 */
const resolvedCache = new Map<string, { version: number; policy: EffectivePolicy; settings: ResolvedSettings }>();
const RESOLVED_CACHE_MAX = 10_000;

async function resolvedAt(q: Queryable, nodePath: string, explicitPolicyId: number | null, version: number) {
  // Inside a transaction the reads stay the transaction's own: it may have changed a policy it has not
  // committed (and may yet roll back), which no other reader may be given.
  const shared = !inTransaction(q);
  const key = `${nodePath} ${explicitPolicyId ?? ''}`;
  const hit = shared ? resolvedCache.get(key) : undefined;
  if (hit?.version === version) return hit;
  const [policy, settings] = await Promise.all([loadEffectivePolicy(q, nodePath, explicitPolicyId), resolveSettings(q, nodePath)]);
  if (!shared) return { policy, settings };
  if (resolvedCache.size >= RESOLVED_CACHE_MAX) resolvedCache.clear();
  const entry = { version, policy, settings };
  resolvedCache.set(key, entry);
  return entry;
}

/**
 * The account (or none) and the configuration version, in one statement. Built once per database
 * handle (drizzle builds a query's SQL on every call, which cost more than the round trip here); in a
 * transaction it is built for that transaction.
 */
function accountAndVersionQuery(q: Queryable, by: 'username' | 'id') {
  const match = by === 'id' ? eq(accounts.id, sql.placeholder('id')) : eq(sql`lower(${accounts.username})`, sql.placeholder('username'));
  return q
    .select({ version: configVersion.version, account: ACCOUNT_COLUMNS.credentials })
    .from(configVersion)
    .leftJoin(accounts, match)
    .leftJoin(nodes, eq(nodes.id, accounts.nodeId))
    .where(eq(configVersion.id, 1))
    .limit(1)
    .prepare(`account_and_version_by_${by}`);
}

async function accountAndVersion(q: Queryable, by: { username: string } | { id: number }) {
  const key = 'id' in by ? 'id' : 'username';
  const query = builtOnce(q, `account_and_version_by_${key}`, () => accountAndVersionQuery(q, key));
  const [row] = await query.execute('id' in by ? { id: by.id } : { username: by.username.trim().toLowerCase() });
  if (!row) throw new Error('config_version is missing: run npm run db:migrate');
  const account = row.account?.id == null ? null : (row.account as SignInAccount);
  return { account, version: Number(row.version) };
}

/** Everything the sign-in decision needs, read up front; the decision itself does no reads. */
export async function loadSignInContext(q: Queryable, username: string, source?: SourceLimits): Promise<SignInContext> {
  const [{ account, version }, limits] = await Promise.all([
    accountAndVersion(q, { username: username || ' ' }),
    source ?? checkSource(q, '0.0.0.0').then((s) => s.limits),
  ]);
  const nodePath = account?.nodePath ?? 'sys';
  const { policy, settings } = await resolvedAt(q, nodePath, account?.credentialPolicyId ?? null, version);
  return { account, nodePath, policy, settings, source: limits };
}

/** The account as the sign-in steps after the password (and My account) need it: policy and two-factor included. */
export async function loadStageAccount(q: Queryable, accountId: number) {
  const { account: a, version } = await accountAndVersion(q, { id: accountId });
  if (!a) return null;
  const { policy, settings } = await resolvedAt(q, a.nodePath, a.credentialPolicyId, version);
  return { ...a, policy: policy.policy, twoFactorRequired: settings.twoFactor.value.required && !a.apiOnly };
}

export type StageAccount = NonNullable<Awaited<ReturnType<typeof loadStageAccount>>>;
