/* Normalisation of passwords for the blocklist and banned-word rules; no dictionary here, so the
 * browser's checklist can load it on first paint (the dictionary comes later, see common-passwords.ts). */

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
