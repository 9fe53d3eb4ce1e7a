import { isCommonPassword } from './common-passwords';
import { checkPasswordRulesWith, type PasswordRuleContext, type PasswordRuleResult } from './password-rules-core';

export * from './password-rules-core';
export { strength } from './password-strength';

/** The password rules with the common-password blocklist always loaded: what the server enforces. */
export function checkPasswordRules(password: string, ctx: PasswordRuleContext): PasswordRuleResult[] {
  return checkPasswordRulesWith(password, ctx, isCommonPassword);
}
