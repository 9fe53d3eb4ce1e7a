import 'server-only';
import { eq } from 'drizzle-orm';
import type { Queryable } from '@/lib/db';
import { accounts, nodes, type SessionStage } from '@/lib/db/schema';
import { resolveSettings } from '@/lib/hierarchy/queries';
import { loadEffectivePolicy } from '@/lib/policy/queries';

/** The account's details that the pending sign-in steps need, read in one place. */
export async function loadStageAccount(q: Queryable, accountId: number) {
  const [a] = await q
    .select({
      id: accounts.id,
      username: accounts.username,
      apiOnly: accounts.apiOnly,
      firstName: accounts.firstName,
      lastName: accounts.lastName,
      passwordHash: accounts.passwordHash,
      mustChangePassword: accounts.mustChangePassword,
      passwordChangedAt: accounts.passwordChangedAt,
      totpSecretEnc: accounts.totpSecretEnc,
      totpLastStep: accounts.totpLastStep,
      credentialPolicyId: accounts.credentialPolicyId,
      nodePath: nodes.path,
    })
    .from(accounts)
    .innerJoin(nodes, eq(nodes.id, accounts.nodeId))
    .where(eq(accounts.id, accountId));
  if (!a) return null;
  const [{ policy }, settings] = await Promise.all([
    loadEffectivePolicy(q, a.nodePath, a.credentialPolicyId),
    resolveSettings(q, a.nodePath, ['twoFactor']),
  ]);
  return { ...a, policy, twoFactorRequired: settings.twoFactor.value.required && !a.apiOnly };
}

export type StageAccount = NonNullable<Awaited<ReturnType<typeof loadStageAccount>>>;

/** After a completed password change, what is still outstanding before the session is active. */
export function stageAfterPasswordChange(a: Pick<StageAccount, 'twoFactorRequired' | 'totpSecretEnc'>): SessionStage {
  if (!a.twoFactorRequired) return 'active';
  return a.totpSecretEnc ? 'totp' : 'totp_enrol';
}
