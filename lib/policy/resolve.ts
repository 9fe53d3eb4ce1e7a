import { resolveNearest } from '@/lib/hierarchy/resolve';
import { HCS_POLICY_NAME, type PolicyValues } from './fields';

export interface PolicyRef {
  id: number;
  name: string;
  /** Path of the node that defines the policy. */
  nodePath: string;
}

export type Policy = PolicyRef & PolicyValues & { version: number };

export type PolicySource =
  | { kind: 'explicit' }
  | { kind: 'node-default'; nodePath: string }
  | { kind: 'fallback' };

export interface EffectivePolicy<P extends PolicyRef = Policy> {
  policy: P;
  source: PolicySource;
}

/**
 * The policy in force for an account (SPEC §3): its explicit assignment, else the default named by
 * the nearest node at or above its node, else HcsCredentialPolicy. Pure: the caller supplies the
 * defaults of the account's node and its ancestors (one query) and the fallback policy.
 */
export function effectivePolicy<P extends PolicyRef>(input: {
  nodePath: string;
  explicit: P | null;
  nodeDefaults: ReadonlyMap<string, P>;
  fallback: P;
}): EffectivePolicy<P> {
  if (input.explicit) return { policy: input.explicit, source: { kind: 'explicit' } };
  const nearest = resolveNearest(input.nodePath, input.nodeDefaults);
  if (nearest) return { policy: nearest.value, source: { kind: 'node-default', nodePath: nearest.from } };
  return { policy: input.fallback, source: { kind: 'fallback' } };
}

/** One line for people: why this policy governs the account. */
export function describeSource(p: EffectivePolicy<PolicyRef>, accountNodePath?: string): string {
  switch (p.source.kind) {
    case 'explicit':
      return `${p.policy.name} (assigned to the account)`;
    case 'node-default':
      return p.source.nodePath === accountNodePath
        ? `${p.policy.name} (default of ${p.source.nodePath})`
        : `${p.policy.name} (default inherited from ${p.source.nodePath})`;
    case 'fallback':
      return `${HCS_POLICY_NAME} (no default named at or above the node)`;
  }
}
