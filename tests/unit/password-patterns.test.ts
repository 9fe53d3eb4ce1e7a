import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { checkPasswordRules, isMostlyPattern } from '@/lib/policy/password-rules';
import { templateById } from '@/lib/policy/templates';

const nist = templateById('nist-800-63b-4')!.values;
const refusedAsCommon = (password: string) => checkPasswordRules(password, { policy: nist }).some((r) => r.rule === 'commonPassword' && !r.ok);

const LOWER = 'abcdefghijklmnopqrstuvwxyz';
const DIGITS = '0123456789';
const anyChar = fc.constantFrom(...`${LOWER}${LOWER.toUpperCase()}${DIGITS}!@#-_ .`);

/** A run of `length` consecutive characters of one alphabet, from `start`, forwards or backwards. */
const run = fc
  .record({ alphabet: fc.constantFrom(LOWER, DIGITS), start: fc.nat(25), length: fc.integer({ min: 3, max: 26 }), backwards: fc.boolean() })
  .map(({ alphabet, start, length, backwards }) => {
    const n = Math.min(length, alphabet.length);
    const from = start % (alphabet.length - n + 1);
    const s = alphabet.slice(from, from + n);
    return backwards ? [...s].reverse().join('') : s;
  });

describe('Reject commonly used passwords: repetitive and sequential strings', () => {
  it('refuses the NIST template’s two examples in the checklist rules the server also runs', () => {
    expect(refusedAsCommon('aaaaaaaaaaaaaaaa')).toBe(true);
    expect(refusedAsCommon('abcdefghijklmnop')).toBe(true);
    expect(refusedAsCommon('ZYXWVUTSRQPONMLK')).toBe(true);
    expect(refusedAsCommon('aaaaaaaaaXy7!pq')).toBe(true);
    expect(refusedAsCommon('Tr0ub4dor&3-battery')).toBe(false);
  });

  it('accepts ordinary passphrases and the demo password', () => {
    for (const ok of ['correct horse battery staple', 'Console-Demo-7412!', 'banana-bandana-42', 'mississippi river trip', 'Tr0ub4dor&3xq!'])
      expect(isMostlyPattern(ok), ok).toBe(false);
  });

  it('property: one character repeated in more than half of the string is refused, wherever the rest goes', () => {
    fc.assert(
      fc.property(anyChar, fc.integer({ min: 2, max: 40 }), fc.array(anyChar, { maxLength: 39 }), fc.nat(), (c, n, rest, seed) => {
        const others = rest.slice(0, n - 1).filter((x) => x.toLowerCase() !== c.toLowerCase());
        const chars = [...Array(n).fill(c), ...others];
        // Shuffle deterministically from the seed: position must not matter.
        for (let i = chars.length - 1; i > 0; i--) {
          const j = (seed + i * 7919) % (i + 1);
          [chars[i], chars[j]] = [chars[j]!, chars[i]!];
        }
        expect(isMostlyPattern(chars.join(''))).toBe(true);
      }),
    );
  });

  it('property: one sequential run making up more than half of the string is refused, with anything around it', () => {
    fc.assert(
      fc.property(run, fc.array(anyChar, { maxLength: 25 }), fc.boolean(), (r, extra, before) => {
        const pad = extra.slice(0, r.length - 1).join('');
        const password = before ? pad + r : r + pad;
        expect(isMostlyPattern(password)).toBe(true);
        expect(isMostlyPattern(password.toUpperCase())).toBe(true);
      }),
    );
  });

  it('property: the rule ignores case and reading direction', () => {
    fc.assert(
      fc.property(fc.array(anyChar, { minLength: 1, maxLength: 30 }), (chars) => {
        const s = chars.join('');
        const expected = isMostlyPattern(s);
        expect(isMostlyPattern(s.toUpperCase())).toBe(expected);
        expect(isMostlyPattern([...s].reverse().join(''))).toBe(expected);
      }),
    );
  });
});
