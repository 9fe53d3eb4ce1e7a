/** Sign-in refusals as people read them. Shared by the server (codes) and the login page (text). */
export const SIGN_IN_CODES = [
  'invalid',
  'throttled',
  'ip-denied',
  'external-source',
  'inactive',
  'expired-contact',
  'api-only',
  'console-only',
  'password-sent',
] as const;
export type SignInCode = (typeof SIGN_IN_CODES)[number];

// One message for every refusal that happens before the password is known to be right, so that the
// answer never tells whether an account exists, is locked, or may connect from this address.
const GENERIC_SIGN_IN_FAILURE =
  'Sign-in failed. Check your username and password. After repeated failures an account is locked for a while; your Manager can help.';

export function signInMessage(code: string | null | undefined, retryAfterSeconds?: number): string {
  switch (code) {
    case 'throttled': {
      const minutes = Math.max(1, Math.ceil((retryAfterSeconds ?? 60) / 60));
      return `Too many failed sign-in attempts from your network. Try again in ${minutes} minute${minutes === 1 ? '' : 's'}.`;
    }
    case 'external-source':
      return 'This account signs in through its directory or identity provider, not with a password here.';
    case 'inactive':
      return 'This account was disabled after too long without a sign-in. Contact your Manager.';
    case 'expired-contact':
      return 'Your password has expired and cannot be changed at sign-in. Contact your Manager.';
    case 'ip-denied':
      return 'Connections from your address are not allowed for this account. Connect from an allowed network or ask your Manager.';
    case 'password-sent':
      return 'Your password had to be replaced and your policy does not let you choose one: a new password was sent to your e-mail address.';
    case 'console-only':
      return 'This account cannot use the API.';
    case 'api-only':
      return 'This account is for API access only and cannot use the console.';
    default:
      return GENERIC_SIGN_IN_FAILURE;
  }
}
