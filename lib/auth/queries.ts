import 'server-only';
import type { Queryable } from '@/lib/db';
import { loadEffectivePolicy } from '@/lib/policy/queries';
import type { EffectivePolicy } from '@/lib/policy/rules';
import { type ResolvedSettings, resolveSettings } from '@/lib/security-settings/queries';
import { type AccountRow, findAccount } from '@/lib/users/queries';
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

/** Everything the sign-in decision needs, read up front; the decision itself does no reads. */
export async function loadSignInContext(q: Queryable, username: string, source?: SourceLimits): Promise<SignInContext> {
  const account = username ? await findAccount(q, { username }, { columns: 'credentials' }) : null;
  const nodePath = account?.nodePath ?? 'sys';
  const [policy, settings, limits] = await Promise.all([
    loadEffectivePolicy(q, nodePath, account?.credentialPolicyId ?? null),
    resolveSettings(q, nodePath),
    source ?? checkSource(q, '0.0.0.0').then((s) => s.limits),
  ]);
  return { account, nodePath, policy, settings, source: limits };
}

/** The account as the sign-in steps after the password (and My account) need it: policy and two-factor included. */
export async function loadStageAccount(q: Queryable, accountId: number) {
  const a = await findAccount(q, { id: accountId }, { columns: 'credentials' });
  if (!a) return null;
  const [{ policy }, settings] = await Promise.all([
    loadEffectivePolicy(q, a.nodePath, a.credentialPolicyId),
    resolveSettings(q, a.nodePath, ['twoFactor']),
  ]);
  return { ...a, policy, twoFactorRequired: settings.twoFactor.value.required && !a.apiOnly };
}

export type StageAccount = NonNullable<Awaited<ReturnType<typeof loadStageAccount>>>;
