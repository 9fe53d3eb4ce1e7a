import 'server-only';
import type { Queryable } from '@/lib/db';
import { listVisiblePolicies, type PolicySummary } from './catalog';
import { loadEffectivePolicy } from './queries';
import { findPolicyAccount } from './policy-account';

export interface AssignmentView {
  username: string;
  nodePath: string;
  authSource: 'local' | 'ldap' | 'sso';
  explicitPolicyId: number | null;
  /** What "Use the node default" means today. */
  nodeDefault: { name: string; from: string };
  /** Exactly the policies defined at or above the account's node (SPEC §3). */
  options: PolicySummary[];
}

/** The credential-policy drop-down of an account's Security tab; null outside the actor's scope. */
export async function loadAssignmentView(q: Queryable, username: string, scopeRoot: string): Promise<AssignmentView | null> {
  const acc = await findPolicyAccount(q, username, scopeRoot);
  if (!acc) return null;
  const [def, options] = await Promise.all([loadEffectivePolicy(q, acc.nodePath, null), listVisiblePolicies(q, acc.nodePath)]);
  return {
    username: acc.username,
    nodePath: acc.nodePath,
    authSource: acc.authSource,
    explicitPolicyId: acc.policyId,
    nodeDefault: { name: def.policy.name, from: def.source.kind === 'node-default' ? def.source.nodePath : 'sys.hcs' },
    options,
  };
}
