import { randomInt } from 'node:crypto';

// Ambiguous characters (0/O, 1/l/I) are left out: the password is read off the screen once.
const LOWER = 'abcdefghijkmnopqrstuvwxyz';
const UPPER = 'ABCDEFGHJKLMNPQRSTUVWXYZ';
const DIGITS = '23456789';
const SPECIAL = '!#%*+-=?@_';

function pick(set: string): string {
  return set.charAt(randomInt(set.length));
}

function hasRunOrSequence(p: string): boolean {
  for (let i = 2; i < p.length; i++) {
    const [a, b, c] = [p.charCodeAt(i - 2), p.charCodeAt(i - 1), p.charCodeAt(i)];
    if (a === b && b === c) return true;
    if ((b - a === 1 && c - b === 1) || (a - b === 1 && b - c === 1)) return true;
  }
  return false;
}

/**
 * A temporary password that satisfies any policy the product can express (every character class,
 * no runs or sequences, at least the policy's minimum length). It must be changed at first sign-in.
 */
export function generateTemporaryPassword(minLength = 8): string {
  const length = Math.max(16, minLength);
  const all = LOWER + UPPER + DIGITS + SPECIAL;
  for (;;) {
    const chars = [pick(LOWER), pick(UPPER), pick(DIGITS), pick(SPECIAL)];
    while (chars.length < length) chars.push(pick(all));
    for (let i = chars.length - 1; i > 0; i--) {
      const j = randomInt(i + 1);
      [chars[i], chars[j]] = [chars[j] as string, chars[i] as string];
    }
    const p = chars.join('');
    if (!hasRunOrSequence(p)) return p;
  }
}
