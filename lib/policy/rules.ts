import { resolveNearest } from '@/lib/hierarchy/rules';
import type { Role } from '@/lib/users/fields';
import { BOOLEAN_FIELDS, HCS_POLICY_NAME, NUMBER_FIELDS, type PolicyValues } from './fields';

/*
 * The pure rules of credential policies: which policy governs an account, what a session's timeouts
 * are, when a password expires, and whether one policy is weaker than another. No I/O: the browser
 * (warnings, previews) and the server run the same code.
 */

/** The date `months` calendar months after `d` (password expiry). */
export function addMonths(d: Date, months: number): Date {
  const r = new Date(d.getTime());
  r.setUTCMonth(r.getUTCMonth() + months);
  return r;
}

/** When an account's password expires under `policy`: null when it never does (SPEC §4, Password Never Expires). */
export function passwordExpiresAt(
  a: { apiOnly: boolean; passwordNeverExpires: boolean; passwordChangedAt: Date | null },
  policy: { passwordExpiresMonths: number },
): Date | null {
  if ((a.apiOnly && a.passwordNeverExpires) || policy.passwordExpiresMonths === 0 || !a.passwordChangedAt) return null;
  return addMonths(a.passwordChangedAt, policy.passwordExpiresMonths);
}

export interface PolicyRef {
  id: number;
  name: string;
  /** Path of the node that defines the policy. */
  nodePath: string;
}

export type Policy = PolicyRef &
  PolicyValues & {
    version: number;
    /** Marked "Minimum below this node" (lib/policy/minimum.ts). */
    minimumBelow?: boolean;
  };

export type PolicySource = { kind: 'explicit' } | { kind: 'node-default'; nodePath: string } | { kind: 'fallback' };

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

type RoleTimeouts = Partial<Record<Role, number>>;

/**
 * Idle timeout of a new session: the account's own override (10–240) wins over its role's override,
 * which wins over the credential policy's Idle Session Timeout (SPEC §4, Session timeout).
 */
export function sessionTimeouts(input: {
  policy: Pick<PolicyValues, 'idleSessionTimeoutMinutes' | 'absoluteSessionTimeoutMinutes'>;
  role: Role;
  roleTimeouts: RoleTimeouts;
  accountTimeout: number | null;
}): { idleMinutes: number; absoluteMinutes: number; idleFrom: 'account' | 'role' | 'policy' } {
  const roleValue = input.roleTimeouts[input.role];
  if (input.accountTimeout != null)
    return { idleMinutes: input.accountTimeout, absoluteMinutes: input.policy.absoluteSessionTimeoutMinutes, idleFrom: 'account' };
  if (roleValue != null) return { idleMinutes: roleValue, absoluteMinutes: input.policy.absoluteSessionTimeoutMinutes, idleFrom: 'role' };
  return {
    idleMinutes: input.policy.idleSessionTimeoutMinutes,
    absoluteMinutes: input.policy.absoluteSessionTimeoutMinutes,
    idleFrom: 'policy',
  };
}

/** The account facts the what-if preview needs (no secrets). */
export interface GovernedAccount {
  id: number;
  username: string;
  nodePath: string;
  authSource: 'local' | 'ldap' | 'sso';
  credentialPolicyId: number | null;
  passwordChangedAt: Date | null;
  passwordNeverExpires: boolean;
  lastLoginAt: Date | null;
  createdAt: Date;
  status: 'active' | 'locked' | 'disabled';
}

/**
 * Whether an account's password would be expired under these values. Credential policies do not
 * govern sso accounts, and ldap accounts only take the session timeouts (SPEC §3), so neither expires.
 */
export function wouldBeExpired(a: GovernedAccount, v: PolicyValues, now: Date): boolean {
  if (a.authSource !== 'local' || a.passwordNeverExpires || v.passwordExpiresMonths === 0 || !a.passwordChangedAt) return false;
  return addMonths(a.passwordChangedAt, v.passwordExpiresMonths).getTime() <= now.getTime();
}

/** Whether an account would be over Inactive Days Before Disabling User Account (counted from its last sign-in, else creation). */
export function wouldBeInactive(a: GovernedAccount, v: PolicyValues, now: Date): boolean {
  if (a.authSource !== 'local' || a.status === 'disabled' || v.inactiveDaysBeforeDisabling === 0) return false;
  const since = a.lastLoginAt ?? a.createdAt;
  return since.getTime() + v.inactiveDaysBeforeDisabling * 86_400_000 <= now.getTime();
}

export interface WhatIf {
  governed: number;
  expired: number;
  inactive: number;
}

export function summariseWhatIf(governed: { account: GovernedAccount; values: PolicyValues }[], now: Date): WhatIf {
  let expired = 0;
  let inactive = 0;
  for (const g of governed) {
    if (wouldBeExpired(g.account, g.values, now)) expired++;
    if (wouldBeInactive(g.account, g.values, now)) inactive++;
  }
  return { governed: governed.length, expired, inactive };
}

/**
 * "Weaker than what the node would otherwise inherit" (SPEC §3), field by field. Each field has a
 * direction; 0 means "off" for some fields, which is the weakest (or, for Lock Duration, "until
 * unlocked", the strongest). Notification and self-service fields are not a matter of strength.
 */

type Direction = 'higherIsWeaker' | 'lowerIsWeaker' | 'onIsWeaker' | 'offIsWeaker';

// The per-source fields are absent on purpose: the per-source limit is product-wide, read from
// HcsCredentialPolicy alone (docs/decisions.md), so a lower policy's values there weaken nothing.
const NUMBER_DIRECTIONS: Record<string, { dir: Direction; zero?: 'weakest' | 'strongest' }> = {
  idleSessionTimeoutMinutes: { dir: 'higherIsWeaker' },
  absoluteSessionTimeoutMinutes: { dir: 'higherIsWeaker', zero: 'weakest' },
  passwordExpiresMonths: { dir: 'higherIsWeaker', zero: 'weakest' },
  lockDurationMinutes: { dir: 'lowerIsWeaker', zero: 'strongest' },
  failedLoginCountPerUser: { dir: 'higherIsWeaker' },
  resetFailedLoginCountPerUserMinutes: { dir: 'lowerIsWeaker' },
  questionsAskedDuringReset: { dir: 'lowerIsWeaker' },
  passwordReuseTimeLimitDays: { dir: 'lowerIsWeaker' },
  minimumPasswordLength: { dir: 'lowerIsWeaker' },
  inactiveDaysBeforeDisabling: { dir: 'higherIsWeaker', zero: 'weakest' },
  sessionLoginLimitPerUser: { dir: 'higherIsWeaker', zero: 'weakest' },
  differentPasswordCharacters: { dir: 'lowerIsWeaker' },
  minimumPasswordAgeDays: { dir: 'lowerIsWeaker' },
};

const BOOLEAN_DIRECTIONS: Record<string, Direction> = {
  mustChangePasswordOnFirstLogin: 'offIsWeaker',
  disableFailedLoginLimitingPerUser: 'onIsWeaker',
  enablePasswordComplexity: 'offIsWeaker',
  noThreeIdenticalInARow: 'offIsWeaker',
  noSequentialCharacters: 'offIsWeaker',
  noUserNames: 'offIsWeaker',
  rejectCommonPasswords: 'offIsWeaker',
};

interface WeakerField {
  key: string;
  label: string;
  value: string;
  inherited: string;
}

function rank(v: number, zero?: 'weakest' | 'strongest', dir?: Direction): number {
  if (v !== 0 || !zero) return v;
  // Map 0 onto the far end of the scale in the field's own direction.
  const weakestIsHigh = dir === 'higherIsWeaker';
  return zero === 'weakest' ? (weakestIsHigh ? Infinity : -Infinity) : weakestIsHigh ? -Infinity : Infinity;
}

function show(key: string, v: number | boolean): string {
  if (typeof v === 'boolean') return v ? 'on' : 'off';
  if (v === 0 && NUMBER_DIRECTIONS[key]?.zero === 'weakest') return '0 (off)';
  if (v === 0 && key === 'lockDurationMinutes') return '0 (until unlocked)';
  return String(v);
}

/**
 * Why `values` may not be used under the minimum policies that govern its node (each marked "Minimum
 * below this node" at the node or above it), or null. Unlike "weaker than inherited", no confirmation
 * lifts this: the higher node enforces it.
 */
export function minimumRefusal(values: PolicyValues, minimums: readonly Policy[]): { message: string; lines: string[] } | null {
  for (const m of minimums) {
    const weaker = weakerFields(values, m);
    if (!weaker.length) continue;
    return {
      message: `${m.name} is the minimum for every policy at ${m.nodePath} and below, and this policy is weaker in ${weaker.length} field${weaker.length === 1 ? '' : 's'}: ${weaker.map((w) => `${w.label} ${w.value} (minimum: ${w.inherited})`).join('; ')}.`,
      lines: weaker.map((w) => `${w.label}: ${w.value} (minimum: ${w.inherited})`),
    };
  }
  return null;
}

/** The fields in which `candidate` is weaker than `inherited`. */
export function weakerFields(candidate: PolicyValues, inherited: PolicyValues): WeakerField[] {
  const out: WeakerField[] = [];
  for (const f of NUMBER_FIELDS) {
    const d = NUMBER_DIRECTIONS[f.key];
    if (!d) continue;
    const a = rank(Number(candidate[f.key]), d.zero, d.dir);
    const b = rank(Number(inherited[f.key]), d.zero, d.dir);
    const weaker = d.dir === 'higherIsWeaker' ? a > b : a < b;
    if (weaker)
      out.push({ key: f.key, label: f.label, value: show(f.key, Number(candidate[f.key])), inherited: show(f.key, Number(inherited[f.key])) });
  }
  for (const f of BOOLEAN_FIELDS) {
    const dir = BOOLEAN_DIRECTIONS[f.key];
    if (!dir) continue;
    const a = Boolean(candidate[f.key]);
    const b = Boolean(inherited[f.key]);
    const weaker = dir === 'onIsWeaker' ? a && !b : !a && b;
    if (weaker) out.push({ key: f.key, label: f.label, value: show(f.key, a), inherited: show(f.key, b) });
  }
  const have = new Set(candidate.bannedWords.map((w) => w.trim().toLowerCase()));
  const dropped = inherited.bannedWords.filter((w) => !have.has(w.trim().toLowerCase()));
  if (dropped.length)
    out.push({ key: 'bannedWords', label: 'Banned words', value: `without ${dropped.join(', ')}`, inherited: inherited.bannedWords.join(', ') });
  return out;
}
