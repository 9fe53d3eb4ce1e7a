import { selfAndAncestors } from '@/lib/hierarchy/rules';
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
  values: { key: string; label: string; value: string; applies: boolean }[];
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
  const values = [
    ...NUMBER_FIELDS.map((f) => ({ key: f.key, label: f.label, value: String(effective[f.key]), applies: applies(f.key) })),
    ...BOOLEAN_FIELDS.map((f) => ({ key: f.key, label: f.label, value: effective[f.key] ? 'On' : 'Off', applies: applies(f.key) })),
    { key: 'notifyBy', label: 'Notify by', value: effective.notifyBy, applies: applies('notifyBy') },
    { key: 'bannedWords', label: 'Banned words', value: effective.bannedWords.join(', ') || 'None', applies: applies('bannedWords') },
  ];
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
