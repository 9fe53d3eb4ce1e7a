import { ipAllowed, parseAddress } from './ip';

/**
 * The header our request hook writes with the socket peer's address (see instrumentation.ts).
 * Whatever a client sends under this name is overwritten before Next.js sees the request.
 */
export const PEER_HEADER = 'x-sc-peer-ip';

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

/**
 * The client address: the socket peer; X-Forwarded-For is walked from the right only while each hop
 * is a configured trusted proxy, so a client cannot choose its own address by sending the header.
 */
export function clientIp(headers: HeaderGetter, trustedProxies: readonly string[]): string {
  const peer = header(headers, PEER_HEADER);
  // Without our hook (should not happen under `next start`), Next.js fills X-Forwarded-For with the
  // socket address only when the client sent none, so the right-most entry is the best we have.
  const xff = (header(headers, 'x-forwarded-for') ?? '')
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  let current = peer ? canonical(peer) : canonical(xff.pop() ?? '0.0.0.0');
  if (peer && trustedProxies.length) {
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
