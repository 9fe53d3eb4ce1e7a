import { ScureBase32Plugin } from 'otplib';
import { hashSessionId } from '@/lib/sessions/token';
import { keyedDigest } from './secret-box';

/**
 * The secret of an enrolment in progress, derived from the pending session under a server key: the
 * same across reloads and tabs of one sign-in (the QR code scanned first stays valid), different for
 * every other session, never sent back by the browser and never stored until a code proves it.
 */
export function enrolmentSecret(sessionId: string): string {
  return new ScureBase32Plugin().encode(new Uint8Array(keyedDigest('totp-enrolment', hashSessionId(sessionId)).subarray(0, 20)));
}
