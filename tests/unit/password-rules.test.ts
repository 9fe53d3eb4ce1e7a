import { dictionary } from '@zxcvbn-ts/language-common';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isCommonPassword, normalisedForms } from '@/lib/policy/common-passwords';
import { defaultPolicyValues, type PolicyValues, SPECIAL_CHARACTERS } from '@/lib/policy/fields';
import {
  checkPasswordRules,
  editDistance,
  failedRules,
  hasSequence,
  hasThreeIdentical,
  meetsComplexity,
  type PasswordRuleId,
  strength,
} from '@/lib/policy/password-rules';

const allOn = (over: Partial<PolicyValues> = {}): PolicyValues => ({
  ...defaultPolicyValues(),
  minimumPasswordLength: 12,
  enablePasswordComplexity: true,
  noThreeIdenticalInARow: true,
  noSequentialCharacters: true,
  noUserNames: true,
  rejectCommonPasswords: true,
  bannedWords: ['Contoso'],
  differentPasswordCharacters: 4,
  ...over,
});

const failed = (pw: string, policy: PolicyValues, extra: { firstName?: string; lastName?: string; oldPassword?: string } = {}) =>
  failedRules(checkPasswordRules(pw, { policy, ...extra })).map((r) => r.rule);

describe('password rules (examples)', () => {
  it('lists only the rules the policy switches on', () => {
    const off: PolicyValues = { ...defaultPolicyValues(), rejectCommonPasswords: false, bannedWords: [] };
    expect(checkPasswordRules('x', { policy: off }).map((r) => r.rule)).toEqual(['minimumLength']);
    const rules = checkPasswordRules('x', { policy: allOn(), oldPassword: 'y' }).map((r) => r.rule);
    expect(rules).toEqual([
      'minimumLength',
      'complexity',
      'noThreeIdentical',
      'noSequential',
      'noUserNames',
      'commonPassword',
      'bannedWords',
      'differentCharacters',
    ]);
    expect(rules).not.toContain('reuse' satisfies PasswordRuleId);
  });

  it('lists differentCharacters only when the old password is given', () => {
    expect(checkPasswordRules('Zq7!xw-Rv2#p', { policy: allOn() }).map((r) => r.rule)).not.toContain('differentCharacters');
  });

  it('accepts a good password under every rule', () => {
    expect(failed('Zq7!xw-Rv2#pM', allOn(), { firstName: 'Alice', lastName: 'Smith', oldPassword: 'Console-Demo-7412!' })).toEqual([]);
  });

  it('names each failed rule', () => {
    expect(failed('short', allOn())).toEqual(expect.arrayContaining(['minimumLength', 'complexity']));
    expect(failed('Zq7!xw-Rvaaa#p', allOn())).toEqual(['noThreeIdentical']);
    expect(failed('Zq7!xw-RvAaA#p', allOn())).toEqual(['noThreeIdentical']);
    expect(failed('Zq7!xw-Rabc#p', allOn())).toEqual(['noSequential']);
    expect(failed('Zq7!xw-RCbA#p', allOn())).toEqual(['noSequential']);
    expect(failed('Zq!xw-Rv#p321', allOn())).toEqual(['noSequential']);
    expect(failed('Zq7!xw-smith#p', allOn(), { firstName: 'Alice', lastName: 'Smith' })).toEqual(['noUserNames']);
    expect(failed('Zq7!xw-ALICE#p', allOn(), { firstName: 'alice', lastName: 'Smith' })).toEqual(['noUserNames']);
    expect(failed('Zq7!xw-C0nt0so#p', allOn())).toEqual(['bannedWords']);
    expect(failed('Zq7!xw-Rv2#pM', allOn(), { oldPassword: 'Zq7!xw-Rv2#pMk' })).toEqual(['differentCharacters']);
  });

  it('uses exactly the second document’s special characters for complexity', () => {
    for (const c of SPECIAL_CHARACTERS) expect(meetsComplexity(`Abcd1${c}`)).toBe(true);
    for (const c of ['€', '§', ' ', '£', 'é']) expect(meetsComplexity(`Abcd1${c}`)).toBe(false);
  });

  it('refuses common passwords after undoing case and substitutions', () => {
    for (const pw of ['password', 'PASSWORD', 'p@ssw0rd', 'P@$$w0rd', 'Passw0rd!', 'Summer2024!', 'dragon', 'qwerty123', 'l3tm31n']) {
      expect(isCommonPassword(pw), pw).toBe(true);
    }
    for (const pw of ['Console-Demo-7412!', 'Zq7!xw-Rv2#pM', 'correct horse battery staple orbit']) expect(isCommonPassword(pw), pw).toBe(false);
    expect(normalisedForms('P@ssw0rd')).toContain('password');
  });

  it('measures the edit distance as inserts, removals and replacements', () => {
    expect(editDistance('kitten', 'sitting')).toBe(3);
    expect(editDistance('abc', 'abc')).toBe(0);
    expect(editDistance('', 'abcd')).toBe(4);
  });

  it('estimates strength on zxcvbn’s 0–4 scale', () => {
    expect(strength('password').score).toBe(0);
    expect(strength('').label).toBe('Very weak');
    expect(strength('Zq7!xw-Rv2#pM-uT4').score).toBe(4);
  });
});

const ascii = fc.string({ unit: fc.constantFrom(...'abcdefxyzABCXYZ0123456789!@#-_ '.split('')), maxLength: 24 });

describe('password rules (properties)', () => {
  it('any password accepted with the sequence rule on has no 3-character ascending or descending run', () => {
    const policy: PolicyValues = { ...defaultPolicyValues(), minimumPasswordLength: 8, noSequentialCharacters: true, rejectCommonPasswords: false };
    fc.assert(
      fc.property(ascii, (pw) => {
        const ok = failedRules(checkPasswordRules(pw, { policy })).every((r) => r.rule !== 'noSequential');
        if (!ok) return true;
        const s = pw.toLowerCase();
        for (let i = 2; i < s.length; i++) {
          const [a, b, c] = [s.charCodeAt(i - 2), s.charCodeAt(i - 1), s.charCodeAt(i)];
          const sameClass = [a, b, c].every((x) => x >= 97 && x <= 122) || [a, b, c].every((x) => x >= 48 && x <= 57);
          if (sameClass && ((b - a === 1 && c - b === 1) || (a - b === 1 && b - c === 1))) return false;
        }
        return true;
      }),
      { numRuns: 2000 },
    );
  });

  it('a password is refused for sequences exactly when it contains a run, wherever the run is placed', () => {
    fc.assert(
      fc.property(ascii, ascii, fc.integer({ min: 0, max: 7 }), fc.boolean(), (pre, post, start, down) => {
        const run = down ? String.fromCharCode(57 - start, 56 - start, 55 - start) : String.fromCharCode(97 + start, 98 + start, 99 + start);
        return hasSequence(pre + run + post);
      }),
    );
  });

  it('any password accepted with the identical rule on has no three equal characters in a row', () => {
    fc.assert(
      fc.property(ascii, (pw) => hasThreeIdentical(pw) || !/(.)\1\1/i.test(pw)),
      { numRuns: 2000 },
    );
  });

  it('length is refused exactly below the minimum', () => {
    fc.assert(
      fc.property(fc.integer({ min: 8, max: 128 }), ascii, (min, pw) => {
        const policy: PolicyValues = { ...defaultPolicyValues(), minimumPasswordLength: min, rejectCommonPasswords: false };
        const r = checkPasswordRules(pw, { policy }).find((x) => x.rule === 'minimumLength')!;
        return r.ok === [...pw].length >= min;
      }),
    );
  });

  it('a password containing a first or last name of 3 or more letters is refused, in any case', () => {
    fc.assert(
      fc.property(ascii, ascii, fc.stringMatching(/^[A-Za-z]{3,12}$/), fc.boolean(), (pre, post, name, upper) => {
        const policy: PolicyValues = { ...defaultPolicyValues(), noUserNames: true };
        const pw = pre + (upper ? name.toUpperCase() : name.toLowerCase()) + post;
        return failed(pw, policy, { firstName: 'Q', lastName: name }).includes('noUserNames');
      }),
    );
  });

  it('differentCharacters accepts exactly when the edit distance reaches N (symmetric, 0 for equal)', () => {
    fc.assert(
      fc.property(ascii, ascii, fc.integer({ min: 1, max: 10 }), (a, b, n) => {
        const policy: PolicyValues = { ...defaultPolicyValues(), differentPasswordCharacters: n };
        const r = checkPasswordRules(b, { policy, oldPassword: a }).find((x) => x.rule === 'differentCharacters')!;
        return r.ok === editDistance(a, b) >= n && editDistance(a, b) === editDistance(b, a) && editDistance(a, a) === 0;
      }),
    );
  });

  it('a common password stays refused under any case change and common substitutions', () => {
    const words = dictionary['passwords-common'].filter((w) => /^[a-z]{6,12}$/.test(w)).slice(0, 2000);
    const leet: Record<string, string> = { a: '@', o: '0', s: '$', e: '3', i: '1', t: '7' };
    fc.assert(
      fc.property(
        fc.constantFrom(...words),
        fc.array(fc.boolean(), { minLength: 12, maxLength: 12 }),
        fc.array(fc.boolean(), { minLength: 12, maxLength: 12 }),
        (w, subs, caps) => {
          const variant = [...w].map((c, i) => (subs[i] && leet[c] ? leet[c] : caps[i] ? c.toUpperCase() : c)).join('');
          return isCommonPassword(variant);
        },
      ),
      { numRuns: 500 },
    );
  });

  it('the checklist and the server see the same verdicts for the same input (pure, deterministic)', () => {
    fc.assert(
      fc.property(ascii, (pw) => {
        const [first, second] = [checkPasswordRules(pw, { policy: allOn() }), checkPasswordRules(pw, { policy: allOn() })];
        return JSON.stringify(first) === JSON.stringify(second);
      }),
    );
  });
});
