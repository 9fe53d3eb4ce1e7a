import { ScureBase32Plugin } from 'otplib';
import { hashSessionId } from '@/lib/sessions/token';
import { keyedDigest } from './secret-box';

/**
 * The secret offered on My account to set up or replace an authenticator: derived from the live
 * session under a server key of its own purpose (not the sign-in enrolment's), so the QR code stays
 * the same across reloads, the browser never carries a secret back, and another session cannot use it.
 */
export function accountEnrolmentSecret(sessionId: string): string {
  return new ScureBase32Plugin().encode(new Uint8Array(keyedDigest('totp-account-enrolment', hashSessionId(sessionId)).subarray(0, 20)));
}
