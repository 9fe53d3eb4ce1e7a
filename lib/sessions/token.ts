import { createHash, randomBytes } from 'node:crypto';

export const SESSION_COOKIE = 'sc.session';

/** A fresh opaque session id: 256 random bits. Only its hash is stored. */
export function newSessionId(): string {
  return randomBytes(32).toString('base64url');
}

export function hashSessionId(id: string): string {
  return createHash('sha256').update(id).digest('hex');
}
