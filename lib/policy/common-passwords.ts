import { dictionary } from '@zxcvbn-ts/language-common';

/**
 * The blocklist NIST SP 800-63B-4 asks for: the ~49,000 most common passwords that zxcvbn-ts ships
 * (language-common "passwords-common", from leaked-password corpora). Kept in one Set, built once.
 */
let common: Set<string> | undefined;
function commonSet(): Set<string> {
  common ??= new Set(dictionary['passwords-common'].map((p) => p.toLowerCase()));
  return common;
}

// Common substitutions, undone before the look-up (p@ssw0rd → password). '1' and '!' stand for
// either i or l, so both readings are tried.
const SUBSTITUTIONS: Record<string, string> = {
  '@': 'a',
  '4': 'a',
  '8': 'b',
  '(': 'c',
  '3': 'e',
  '6': 'g',
  '9': 'g',
  '0': 'o',
  $: 's',
  '5': 's',
  '7': 't',
  '+': 't',
  '2': 'z',
};

/** The readings of a password after lowercasing and undoing substitutions. */
export function normalisedForms(password: string): string[] {
  const lower = password.toLowerCase();
  const base = [...lower].map((c) => SUBSTITUTIONS[c] ?? c).join('');
  const forms = new Set([lower, base, base.replace(/[1!|]/g, 'i'), base.replace(/[1!|]/g, 'l')]);
  return [...forms];
}

/**
 * True when the password, or its core without leading and trailing digits and symbols
 * ("Summer2024!" → "summer"), is a common password after normalisation.
 */
export function isCommonPassword(password: string): boolean {
  const set = commonSet();
  const lower = password.toLowerCase();
  if (set.has(lower)) return true;
  for (const form of normalisedForms(password)) {
    if (set.has(form)) return true;
  }
  const core = lower.replace(/^[^a-z]+|[^a-z]+$/g, '');
  if (core.length >= 4 && core !== lower) {
    for (const form of normalisedForms(core)) if (set.has(form)) return true;
  }
  return false;
}

/** True when any banned word (case-insensitive, after undoing substitutions) appears in the password. */
export function containsBannedWord(password: string, words: readonly string[]): string | null {
  const forms = normalisedForms(password);
  for (const raw of words) {
    const w = raw.trim().toLowerCase();
    if (!w) continue;
    if (forms.some((f) => f.includes(w))) return raw.trim();
  }
  return null;
}
