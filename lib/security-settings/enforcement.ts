import { type Resolved, resolveNearest, selfAndAncestors } from '@/lib/hierarchy/rules';
import type { SettingGroup } from './groups';

/** The groups a node can enforce on every node below it (Keycloak/Okta-style "locked" settings). */
export const ENFORCEABLE_GROUPS = ['ipAllowlist', 'twoFactor'] as const satisfies readonly SettingGroup[];
export type EnforceableGroup = (typeof ENFORCEABLE_GROUPS)[number];

export function isEnforceable(group: SettingGroup): group is EnforceableGroup {
  return (ENFORCEABLE_GROUPS as readonly string[]).includes(group);
}

export type EnforcedResolved<T> = Resolved<T> & {
  /** Set when an ancestor enforces the group: the value comes from there and cannot be overridden here. */
  enforcedFrom?: string;
};

/**
 * Resolution with enforcement: the highest strict ancestor that defines the group as "Enforced for all
 * nodes below" wins over anything defined below it (its own enforcement included: a node below an
 * enforcing one cannot enforce something else); otherwise the nearest definition, as everywhere.
 */
export function resolveEnforceable<T extends { enforced?: boolean }>(path: string, defined: ReadonlyMap<string, T>): EnforcedResolved<T> | null {
  // Root first, the node itself excluded: the highest enforcing ancestor wins.
  for (const at of selfAndAncestors(path).slice(1).reverse()) {
    const v = defined.get(at);
    if (v?.enforced) return { value: v, from: at, definedHere: false, enforcedFrom: at };
  }
  return resolveNearest(path, defined);
}

/** Why a node cannot change an enforced group: the words the section and the server both use. */
export function enforcedRefusal(title: string, from: string): string {
  return `${title} is enforced by ${from} for all nodes below it, so it cannot be changed here.`;
}
