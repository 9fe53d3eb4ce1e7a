import 'server-only';
import { eq } from 'drizzle-orm';
import { db } from '@/lib/db';
import { accounts, nodes } from '@/lib/db/schema';
import { loadEffectivePolicy } from '@/lib/policy/queries';
import { addMonths } from '@/lib/auth/sign-in';

/** What /api/v1/me answers: never the hash, the TOTP secret or counters. */
export async function loadMe(accountId: number) {
  const [a] = await db()
    .select({
      username: accounts.username,
      node: nodes.path,
      role: accounts.role,
      apiOnly: accounts.apiOnly,
      passwordChangedAt: accounts.passwordChangedAt,
      passwordNeverExpires: accounts.passwordNeverExpires,
      credentialPolicyId: accounts.credentialPolicyId,
    })
    .from(accounts)
    .innerJoin(nodes, eq(nodes.id, accounts.nodeId))
    .where(eq(accounts.id, accountId));
  if (!a) return null;
  const { policy } = await loadEffectivePolicy(db(), a.node, a.credentialPolicyId);
  const never = (a.apiOnly && a.passwordNeverExpires) || policy.passwordExpiresMonths === 0 || !a.passwordChangedAt;
  return {
    username: a.username,
    node: a.node,
    role: a.role,
    passwordExpiresAt: never ? null : addMonths(a.passwordChangedAt!, policy.passwordExpiresMonths).toISOString(),
  };
}
