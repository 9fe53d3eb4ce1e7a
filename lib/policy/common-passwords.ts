import { dictionary } from '@zxcvbn-ts/language-common';
import { normalisedForms } from './password-words';

export { containsBannedWord, normalisedForms } from './password-words';

/**
 * The blocklist NIST SP 800-63B-4 asks for: the ~49,000 most common passwords that zxcvbn-ts ships
 * (language-common "passwords-common", from leaked-password corpora). Kept in one Set, built once.
 */
let common: Set<string> | undefined;
function commonSet(): Set<string> {
  common ??= new Set(dictionary['passwords-common'].map((p) => p.toLowerCase()));
  return common;
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
