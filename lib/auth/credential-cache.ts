import 'server-only';
import { createHash, createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

/*
 * Verified API credentials, in memory, so that a repeated HTTP Basic call does not pay for Argon2id
 * again (as Elasticsearch's realms cache them). An entry is only a shortcut for the hash: it is keyed
 * by the account id and the account's current password hash (so a password change on any instance
 * misses it), holds an HMAC of the password under a key that lives only in this process, and lasts
 * CACHE_SECONDS. Every other check (allowlist, source throttle, status, lock, expiry) is still made on
 * every call against the row read for that call; see docs/decisions.md.
 */

export const CACHE_SECONDS = 60;
const MAX_ENTRIES = 10_000;
const KEY = randomBytes(32);

type Entry = { mac: Buffer; until: number };
const entries = new Map<string, Entry>();

const slot = (accountId: number, passwordHash: string) => `${accountId}:${createHash('sha256').update(passwordHash).digest('base64url')}`;
const macOf = (accountId: number, password: string) => createHmac('sha256', KEY).update(`${accountId}\0${password}`).digest();

/** True when this exact password was verified against this exact hash within CACHE_SECONDS. */
export function cachedCredential(accountId: number, passwordHash: string | null, password: string): boolean {
  if (!passwordHash) return false;
  const k = slot(accountId, passwordHash);
  const e = entries.get(k);
  if (!e) return false;
  if (e.until <= Date.now()) {
    entries.delete(k);
    return false;
  }
  return timingSafeEqual(e.mac, macOf(accountId, password));
}

/** After a successful Argon2id verification of `password` against `passwordHash`. */
export function rememberCredential(accountId: number, passwordHash: string, password: string): void {
  if (entries.size >= MAX_ENTRIES) {
    const now = Date.now();
    for (const [k, e] of entries) if (e.until <= now) entries.delete(k);
    // Still full: drop the oldest (Map keeps insertion order).
    if (entries.size >= MAX_ENTRIES) entries.delete(entries.keys().next().value as string);
  }
  const k = slot(accountId, passwordHash);
  entries.delete(k);
  entries.set(k, { mac: macOf(accountId, password), until: Date.now() + CACHE_SECONDS * 1000 });
}

/** Drops every entry of the account (seen locked, disabled, or with another password). */
export function forgetCredentials(accountId: number): void {
  const prefix = `${accountId}:`;
  for (const k of entries.keys()) if (k.startsWith(prefix)) entries.delete(k);
}
