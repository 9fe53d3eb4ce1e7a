import { selfAndAncestors } from '@/lib/hierarchy/rules';
import { type Role, roleLabel } from '@/lib/users/fields';
import { BOOLEAN_FIELDS, HCS_POLICY_NAME, NUMBER_FIELDS } from './fields';
import type { Policy } from './rules';

export interface ExplainStep {
  /** Where the step looked: "account", a node path, or "fallback". */
  at: string;
  text: string;
  decided: boolean;
}

export interface Explanation {
  username: string;
  nodePath: string;
  authSource: 'local' | 'ldap' | 'sso';
  policy: { id: number; name: string; definedAt: string };
  /** One line: why this policy. */
  summary: string;
  steps: ExplainStep[];
  /** Every effective value and where it comes from (the policy, or a session timeout that overrides it). */
  values: { key: string; label: string; value: string; applies: boolean; from: string }[];
  notes: string[];
}

const SESSION_KEYS = new Set(['idleSessionTimeoutMinutes', 'absoluteSessionTimeoutMinutes']);

/**
 * "Why this policy" (SPEC §10) from what decided it: the explicit assignment, then each node from the
 * account's own up to sys with the default it names (if any), then HcsCredentialPolicy. Pure.
 */
export function buildExplanation(input: {
  account: { username: string; nodePath: string; authSource: 'local' | 'ldap' | 'sso' };
  explicit: Policy | null;
  /** Node path → the default it names itself. */
  defaults: ReadonlyMap<string, { name: string; definedAt: string }>;
  effective: Policy;
  /** The session timeouts that override the policy's idle timeout (SPEC §4, Session timeout). */
  session?: { role: Role; roleTimeout: { minutes: number; node: string } | null; accountTimeout: number | null };
  /** Policies marked "Minimum below" at the account's node or above: enforced floors. */
  minimums?: readonly { name: string; definedAt: string }[];
}): Explanation {
  const { account, explicit, defaults, effective, minimums = [] } = input;
  const steps: ExplainStep[] = [];
  let decided = false;
  let summary = '';
  if (explicit) {
    steps.push({ at: 'account', text: `Assigned to ${account.username}: ${explicit.name} (defined at ${explicit.nodePath})`, decided: true });
    summary = `${explicit.name}: assigned to the account`;
    decided = true;
  } else {
    steps.push({ at: 'account', text: `No policy assigned to ${account.username}: use the node default`, decided: false });
  }
  for (const path of selfAndAncestors(account.nodePath)) {
    const d = defaults.get(path);
    if (decided) {
      if (d) steps.push({ at: path, text: `${path} names ${d.name} (not used: decided above)`, decided: false });
      continue;
    }
    if (d) {
      const inherited = path !== account.nodePath;
      steps.push({
        at: path,
        text: `Default Credential Policy of ${path}: ${d.name}${inherited ? `, inherited by ${account.nodePath}` : ''}`,
        decided: true,
      });
      summary = inherited ? `${d.name}: default of ${path}, inherited by ${account.nodePath}` : `${d.name}: default of ${path}`;
      decided = true;
    } else {
      steps.push({ at: path, text: `${path} names no default: inherited from above`, decided: false });
    }
  }
  if (!decided) {
    steps.push({ at: 'fallback', text: `No default named at or above ${account.nodePath}: ${HCS_POLICY_NAME}`, decided: true });
    summary = `${HCS_POLICY_NAME}: the product's fallback`;
  }
  const applies = (key: string) => account.authSource === 'local' || (account.authSource === 'ldap' && SESSION_KEYS.has(key));
  const from = `${effective.name} (defined at ${effective.nodePath})`;
  const values = [
    ...NUMBER_FIELDS.map((f) => ({ key: f.key, label: f.label, value: String(effective[f.key]), applies: applies(f.key), from })),
    ...BOOLEAN_FIELDS.map((f) => ({ key: f.key, label: f.label, value: effective[f.key] ? 'On' : 'Off', applies: applies(f.key), from })),
    { key: 'notifyBy', label: 'Notify by', value: effective.notifyBy, applies: applies('notifyBy'), from },
    { key: 'bannedWords', label: 'Banned words', value: effective.bannedWords.join(', ') || 'None', applies: applies('bannedWords'), from },
  ];
  const idle = values.find((v) => v.key === 'idleSessionTimeoutMinutes');
  const s = input.session;
  // The session timeouts apply to every auth source (an sso session ends like any other).
  if (idle && s?.accountTimeout != null) {
    Object.assign(idle, {
      value: String(s.accountTimeout),
      applies: true,
      from: `the account's own session timeout override (wins over its role's and the policy's ${effective.idleSessionTimeoutMinutes})`,
    });
  } else if (idle && s?.roleTimeout) {
    Object.assign(idle, {
      value: String(s.roleTimeout.minutes),
      applies: true,
      from: `Session timeout for ${roleLabel(s.role)} set at ${s.roleTimeout.node} (Security page; overrides the policy's ${effective.idleSessionTimeoutMinutes})`,
    });
  }
  const notes: string[] = minimums.map(
    (m) =>
      `Enforced from ${m.definedAt}: ${m.name} is the minimum for every policy at ${m.definedAt} and below, so no weaker policy can be saved or assigned here.`,
  );
  if (account.authSource === 'sso')
    notes.push('This is an sso account: credential policies do not govern it. Its identity provider decides passwords, expiry and lockout.');
  if (account.authSource === 'ldap')
    notes.push('This is an ldap account: only the session timeouts of this policy apply. The directory decides passwords, expiry and lockout.');
  return {
    username: account.username,
    nodePath: account.nodePath,
    authSource: account.authSource,
    policy: { id: effective.id, name: effective.name, definedAt: effective.nodePath },
    summary,
    steps,
    values,
    notes,
  };
}
