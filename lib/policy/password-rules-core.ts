import { distance } from 'fastest-levenshtein';
import { type PolicyValues, SPECIAL_CHARACTERS } from './fields';
import { containsBannedWord } from './password-words';

/**
 * The password rules of SPEC §3 as one pure module: the live checklist in the browser and the server
 * (the authority) run exactly this code. The rules that need stored hashes (reuse, minimum age) are
 * added on the server by lib/policy/password-check.ts. The common-password blocklist (~245 KB
 * compressed) is passed in as `isCommon`: password-rules.ts passes it always; the browser loads it
 * after first paint and passes null until then (the rule then shows as not yet checked).
 */

export type PasswordRuleId =
  | 'minimumLength'
  | 'complexity'
  | 'noThreeIdentical'
  | 'noSequential'
  | 'noUserNames'
  | 'commonPassword'
  | 'bannedWords'
  | 'differentCharacters'
  | 'reuse'
  | 'minimumAge';

export interface PasswordRuleResult {
  rule: PasswordRuleId;
  ok: boolean;
  message: string;
}

export interface PasswordRuleContext {
  policy: PolicyValues;
  firstName?: string;
  lastName?: string;
  oldPassword?: string;
}

const SPECIALS = new Set(SPECIAL_CHARACTERS);

/** One lowercase, one uppercase, one digit and one of the second document's special characters. */
export function meetsComplexity(password: string): boolean {
  return /[a-z]/.test(password) && /[A-Z]/.test(password) && /[0-9]/.test(password) && [...password].some((c) => SPECIALS.has(c));
}

/** Three identical characters in a row, letters compared without case (aAa counts). */
export function hasThreeIdentical(password: string): boolean {
  const s = [...password.toLowerCase()];
  for (let i = 2; i < s.length; i++) if (s[i] === s[i - 1] && s[i] === s[i - 2]) return true;
  return false;
}

function kind(c: string): 'letter' | 'digit' | null {
  if (c >= 'a' && c <= 'z') return 'letter';
  if (c >= '0' && c <= '9') return 'digit';
  return null;
}

/** Three letters or digits in sequence, either direction (abc, cba, 123, 321), letters without case. */
export function hasSequence(password: string): boolean {
  const s = [...password.toLowerCase()];
  for (let i = 2; i < s.length; i++) {
    const [a = '', b = '', c = ''] = [s[i - 2], s[i - 1], s[i]];
    const k = kind(a);
    if (!k || kind(b) !== k || kind(c) !== k) continue;
    const d1 = b.charCodeAt(0) - a.charCodeAt(0);
    const d2 = c.charCodeAt(0) - b.charCodeAt(0);
    if ((d1 === 1 && d2 === 1) || (d1 === -1 && d2 === -1)) return true;
  }
  return false;
}

/**
 * NIST SP 800-63B's blocklist guidance also names repetitive and sequential strings: a password made
 * mostly (more than half of its characters) of one repeated character (aaaaaaaaaaaaaaaa, aaaaaaaaXy1!)
 * or of one run of consecutive letters or digits, either direction (abcdefghijklmnop, 987654321xyz).
 * Letters compare without case. Shorter shares leave enough else to guess.
 */
export function isMostlyPattern(password: string): boolean {
  const s = [...password.toLowerCase()];
  if (s.length === 0) return false;
  const counts = new Map<string, number>();
  for (const c of s) counts.set(c, (counts.get(c) ?? 0) + 1);
  const most = Math.max(...counts.values());
  if (most * 2 > s.length) return true;
  // The longest run with one step (+1 or -1) between neighbours of one kind (letters or digits).
  let longest = 1;
  let run = 1;
  let step = 0;
  for (let i = 1; i < s.length; i++) {
    const a = s[i - 1] ?? '';
    const b = s[i] ?? '';
    const d = b.charCodeAt(0) - a.charCodeAt(0);
    const sameKind = kind(a) !== null && kind(a) === kind(b);
    if (sameKind && Math.abs(d) === 1 && (run === 1 || d === step)) {
      run++;
      step = d;
    } else if (sameKind && Math.abs(d) === 1) {
      run = 2;
      step = d;
    } else {
      run = 1;
      step = 0;
    }
    longest = Math.max(longest, run);
  }
  return longest >= 3 && longest * 2 > s.length;
}

// Names shorter than this match too much ordinary text ("Al", "Li") to be refused on sight.
const MIN_NAME_LENGTH = 3;

/** The first or last name the password contains (case-insensitive), or null. */
function containedName(password: string, names: (string | undefined)[]): string | null {
  const p = password.toLowerCase();
  for (const raw of names) {
    const n = (raw ?? '').trim().toLowerCase();
    if (n.length >= MIN_NAME_LENGTH && p.includes(n)) return (raw ?? '').trim();
  }
  return null;
}

/** Edit distance (inserts, removals, replacements) between the old and the new password. */
export function editDistance(a: string, b: string): number {
  return distance(a, b);
}

/**
 * Checks a candidate password against the rules its policy switches on. Only the rules that apply are
 * listed, each with its requirement as the message, so the same list drives the checklist and the
 * server's refusal ("failed rules by name").
 */
const COMMON_RULE = 'Not a commonly used password, nor mostly one repeated character or one sequence (aaaa…, abcd…, 4321…)';

export function checkPasswordRulesWith(
  password: string,
  ctx: PasswordRuleContext,
  isCommon: ((password: string) => boolean) | null,
): PasswordRuleResult[] {
  const p = ctx.policy;
  const out: PasswordRuleResult[] = [];
  const add = (rule: PasswordRuleId, ok: boolean, message: string) => out.push({ rule, ok, message });

  add('minimumLength', [...password].length >= p.minimumPasswordLength, `At least ${p.minimumPasswordLength} characters`);
  if (p.enablePasswordComplexity) {
    add(
      'complexity',
      meetsComplexity(password),
      `One lowercase letter, one uppercase letter, one digit and one special character (${SPECIAL_CHARACTERS})`,
    );
  }
  if (p.noThreeIdenticalInARow) add('noThreeIdentical', !hasThreeIdentical(password), 'No 3 identical characters in a row');
  if (p.noSequentialCharacters) add('noSequential', !hasSequence(password), 'No 3 or more sequential letters or digits (abc, cba, 123, 321…)');
  if (p.noUserNames) add('noUserNames', containedName(password, [ctx.firstName, ctx.lastName]) === null, 'Does not contain your first or last name');
  if (p.rejectCommonPasswords) {
    // The patterns need no dictionary: refused at once, while the blocklist may still be loading.
    if (isCommon || isMostlyPattern(password))
      add('commonPassword', password.length === 0 || !(isCommon?.(password) || isMostlyPattern(password)), COMMON_RULE);
    else add('commonPassword', false, `${COMMON_RULE} (checking…)`);
  }
  const banned = p.bannedWords.filter((w) => w.trim());
  if (banned.length) {
    const hit = containsBannedWord(password, banned);
    add('bannedWords', hit === null, hit ? `Does not contain a banned word ("${hit}")` : 'Does not contain a banned word');
  }
  if (ctx.oldPassword !== undefined && p.differentPasswordCharacters > 0) {
    const n = p.differentPasswordCharacters;
    add(
      'differentCharacters',
      editDistance(ctx.oldPassword, password) >= n,
      `At least ${n} character${n === 1 ? '' : 's'} different from the current password`,
    );
  }
  return out;
}

/** The failed rules, for messages such as the password API's 400 answer. */
export function failedRules(results: readonly PasswordRuleResult[]): PasswordRuleResult[] {
  return results.filter((r) => !r.ok);
}
