import { ipAllowed, parseAddress } from './ip';

/**
 * The header our request hook writes with the socket peer's address (see instrumentation.ts and
 * peer-hook.ts), as "<proof> <address>": the proof is a secret made when the hook is installed.
 */
export const PEER_HEADER = 'x-sc-peer-ip';
/** Where the hook keeps its proof (shared by the proxy and the app, which run in one process). */
export const PEER_PROOF = Symbol.for('security-console.peer-proof');

type HeaderGetter = { get(name: string): string | null } | Record<string, string | string[] | undefined>;

function header(h: HeaderGetter, name: string): string | null {
  if (typeof (h as { get?: unknown }).get === 'function') return (h as { get(n: string): string | null }).get(name);
  const v = (h as Record<string, string | string[] | undefined>)[name];
  return Array.isArray(v) ? (v[0] ?? null) : (v ?? null);
}

function canonical(ip: string): string {
  const a = parseAddress(ip);
  return a ? a.toString() : ip.trim();
}

/** The socket peer as the hook recorded it, or null when the header lacks the hook's proof. */
function peerAddress(headers: HeaderGetter): string | null {
  const proof = (globalThis as Record<symbol, unknown>)[PEER_PROOF];
  const value = header(headers, PEER_HEADER);
  if (typeof proof !== 'string' || !value) return null;
  const space = value.indexOf(' ');
  if (space < 0 || value.slice(0, space) !== proof) return null;
  const addr = parseAddress(value.slice(space + 1));
  return addr ? addr.toString() : null;
}

/**
 * The client address: the socket peer; X-Forwarded-For is walked from the right only while each hop
 * is a configured trusted proxy, so a client cannot choose its own address by sending the header.
 * Null when the peer is unknown (no hook yet, or a header a client wrote): callers refuse the request
 * rather than believe anything else (fail closed).
 */
export function clientIp(headers: HeaderGetter, trustedProxies: readonly string[]): string | null {
  const peer = peerAddress(headers);
  if (!peer) return null;
  const xff = (header(headers, 'x-forwarded-for') ?? '')
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  let current = peer;
  if (trustedProxies.length) {
    while (xff.length && ipAllowed(current, trustedProxies)) {
      const next = xff.pop() as string;
      if (!parseAddress(next)) break;
      current = canonical(next);
    }
  }
  return current;
}

export function parseTrustedProxies(value: string): string[] {
  return value
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
}
