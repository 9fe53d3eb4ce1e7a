import { eq, sql } from 'drizzle-orm';
import type { Queryable } from '@/lib/db';
import { accounts, nodes } from '@/lib/db/schema';
import { resolveSettings, type ResolvedSettings } from '@/lib/hierarchy/queries';
import { loadEffectivePolicy } from '@/lib/policy/queries';
import type { EffectivePolicy } from '@/lib/policy/resolve';

const accountColumns = {
  id: accounts.id,
  username: accounts.username,
  role: accounts.role,
  authSource: accounts.authSource,
  apiOnly: accounts.apiOnly,
  firstName: accounts.firstName,
  lastName: accounts.lastName,
  status: accounts.status,
  lockedUntil: accounts.lockedUntil,
  passwordHash: accounts.passwordHash,
  passwordChangedAt: accounts.passwordChangedAt,
  mustChangePassword: accounts.mustChangePassword,
  passwordNeverExpires: accounts.passwordNeverExpires,
  totpSecretEnc: accounts.totpSecretEnc,
  lastLoginAt: accounts.lastLoginAt,
  createdAt: accounts.createdAt,
  credentialPolicyId: accounts.credentialPolicyId,
  sessionTimeoutMinutes: accounts.sessionTimeoutMinutes,
  nodePath: nodes.path,
};

export type SignInAccount = Awaited<ReturnType<typeof findAccount>>;

async function findAccount(q: Queryable, username: string) {
  const [row] = await q
    .select(accountColumns)
    .from(accounts)
    .innerJoin(nodes, eq(nodes.id, accounts.nodeId))
    .where(sql`lower(${accounts.username}) = lower(${username})`)
    .limit(1);
  return row ?? null;
}

export interface SignInContext {
  account: NonNullable<SignInAccount> | null;
  /** The account's node, or the root for an unknown username (its rules then apply). */
  nodePath: string;
  policy: EffectivePolicy;
  settings: ResolvedSettings;
}

/** Everything the sign-in decision needs, read up front; the decision itself does no reads. */
export async function loadSignInContext(q: Queryable, username: string): Promise<SignInContext> {
  const account = username ? await findAccount(q, username) : null;
  const nodePath = account?.nodePath ?? 'sys';
  const [policy, settings] = await Promise.all([
    loadEffectivePolicy(q, nodePath, account?.credentialPolicyId ?? null),
    resolveSettings(q, nodePath),
  ]);
  return { account, nodePath, policy, settings };
}
