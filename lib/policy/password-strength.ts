import { ZxcvbnFactory } from '@zxcvbn-ts/core';
import { adjacencyGraphs, dictionary } from '@zxcvbn-ts/language-common';

interface PasswordStrength {
  /** 0 (very weak) to 4 (very strong), zxcvbn's scale. */
  score: 0 | 1 | 2 | 3 | 4;
  label: 'Very weak' | 'Weak' | 'Fair' | 'Strong' | 'Very strong';
  /** log10 of the estimated guesses an attacker needs. */
  guessesLog10: number;
}

const LABELS = ['Very weak', 'Weak', 'Fair', 'Strong', 'Very strong'] as const;

let factory: ZxcvbnFactory | undefined;

/**
 * The strength meter's estimate (zxcvbn-ts: dictionary, keyboard-pattern, l33t and repeat matching).
 * Advisory only: the policy's rules decide; the meter tells people how far beyond them they are.
 */
export function strength(password: string, userInputs: string[] = []): PasswordStrength {
  factory ??= new ZxcvbnFactory({ dictionary: { ...dictionary }, graphs: adjacencyGraphs });
  if (!password) return { score: 0, label: LABELS[0], guessesLog10: 0 };
  const r = factory.check(password.slice(0, 128), userInputs.filter(Boolean));
  return { score: r.score, label: LABELS[r.score], guessesLog10: Math.round(r.guessesLog10 * 10) / 10 };
}
