import ipaddr from 'ipaddr.js';

/**
 * Parsing and matching of allowlist entries: single addresses, ranges `a-b` and CIDR blocks, IPv4
 * and IPv6. Pure, so the Security page previews exactly what the server enforces.
 * IPv4-mapped IPv6 addresses (::ffff:1.2.3.4) are treated as their IPv4 address.
 */

type IpEntry =
  | { kind: 'address'; text: string; addr: ipaddr.IPv4 | ipaddr.IPv6 }
  | { kind: 'cidr'; text: string; range: [ipaddr.IPv4 | ipaddr.IPv6, number] }
  | { kind: 'range'; text: string; from: bigint; to: bigint; v6: boolean };

type ParseResult = { ok: true; entry: IpEntry } | { ok: false; error: string };

function normalise(addr: ipaddr.IPv4 | ipaddr.IPv6): ipaddr.IPv4 | ipaddr.IPv6 {
  if (addr.kind() === 'ipv6' && (addr as ipaddr.IPv6).isIPv4MappedAddress()) {
    return (addr as ipaddr.IPv6).toIPv4Address();
  }
  return addr;
}

export function parseAddress(text: string): ipaddr.IPv4 | ipaddr.IPv6 | null {
  const t = text.trim().replace(/^\[|\]$/g, '');
  // A zone (fe80::1%eth0) names an interface of one host; it has no meaning in an allowlist.
  if (t.includes('%')) return null;
  // isValid accepts forms like "1" or "0x7f.1"; only the four-part dotted decimal form is an IPv4 here.
  if (ipaddr.IPv4.isValidFourPartDecimal(t)) return ipaddr.IPv4.parse(t);
  if (t.includes(':') && ipaddr.IPv6.isValid(t)) return normalise(ipaddr.IPv6.parse(t));
  return null;
}

function toBigInt(addr: ipaddr.IPv4 | ipaddr.IPv6): bigint {
  return addr.toByteArray().reduce((acc, b) => (acc << 8n) | BigInt(b), 0n);
}

export function parseEntry(raw: string): ParseResult {
  const text = raw.trim();
  if (!text) return { ok: false, error: 'Empty entry' };
  if (text.includes('/')) {
    const [a, bits, ...rest] = text.split('/');
    if (rest.length || !a || !bits || !/^\d{1,3}$/.test(bits.trim())) return { ok: false, error: `"${text}" is not a valid CIDR block` };
    const addr = parseAddress(a);
    if (!addr) return { ok: false, error: `"${a.trim()}" is not a valid IP address` };
    let prefix = Number(bits);
    // A mapped IPv6 block (::ffff:10.0.0.0/104) becomes the IPv4 block it describes.
    if (addr.kind() === 'ipv4' && a.includes(':')) prefix -= 96;
    const max = addr.kind() === 'ipv4' ? 32 : 128;
    if (prefix < 0 || prefix > max) {
      const allowed = a.includes(':') && addr.kind() === 'ipv4' ? 'between 96 and 128 for an IPv4-mapped block' : `between 0 and ${max}`;
      return { ok: false, error: `Prefix length of "${text}" must be ${allowed}` };
    }
    // Normalised to the block's network address: 10.0.0.1/8 is stored and shown as 10.0.0.0/8.
    const network =
      addr.kind() === 'ipv4'
        ? ipaddr.IPv4.networkAddressFromCIDR(`${addr.toString()}/${prefix}`)
        : ipaddr.IPv6.networkAddressFromCIDR(`${addr.toString()}/${prefix}`);
    return { ok: true, entry: { kind: 'cidr', text: `${network.toString()}/${prefix}`, range: [network, prefix] } };
  }
  const dash = text.indexOf('-');
  if (dash > 0) {
    const a = parseAddress(text.slice(0, dash));
    const b = parseAddress(text.slice(dash + 1));
    if (!a || !b) return { ok: false, error: `"${text}" is not a valid range (use first-last)` };
    if (a.kind() !== b.kind()) return { ok: false, error: `Both ends of "${text}" must be IPv4 or both IPv6` };
    const from = toBigInt(a);
    const to = toBigInt(b);
    if (from > to) return { ok: false, error: `Range "${text}" starts after it ends` };
    return { ok: true, entry: { kind: 'range', text: `${a.toString()}-${b.toString()}`, from, to, v6: a.kind() === 'ipv6' } };
  }
  const addr = parseAddress(text);
  if (!addr) return { ok: false, error: `"${text}" is not a valid IP address, range or CIDR block` };
  return { ok: true, entry: { kind: 'address', text: addr.toString(), addr } };
}

function entryMatches(entry: IpEntry, ip: ipaddr.IPv4 | ipaddr.IPv6): boolean {
  switch (entry.kind) {
    case 'address':
      return entry.addr.kind() === ip.kind() && entry.addr.toString() === ip.toString();
    case 'cidr':
      return entry.range[0].kind() === ip.kind() && ip.match(entry.range as never);
    case 'range': {
      if (entry.v6 !== (ip.kind() === 'ipv6')) return false;
      const n = toBigInt(ip);
      return n >= entry.from && n <= entry.to;
    }
  }
}

/** Parses a list once, for checking many addresses against it. Entries that do not parse never match. */
export function compileAllowlist(entries: readonly string[]): (ip: string) => boolean {
  const parsed = entries.flatMap((raw) => {
    const r = parseEntry(raw);
    return r.ok ? [r.entry] : [];
  });
  return (ip) => {
    const addr = parseAddress(ip);
    return !!addr && parsed.some((e) => entryMatches(e, addr));
  };
}

// Every request checks its address against its node's list: keep the last few compiled lists.
const compiled = new Map<string, (ip: string) => boolean>();

/** True when `ip` matches any entry. */
export function ipAllowed(ip: string, entries: readonly string[]): boolean {
  const key = entries.join('\n');
  let match = compiled.get(key);
  if (!match) {
    match = compileAllowlist(entries);
    if (compiled.size >= 64) compiled.delete(compiled.keys().next().value as string);
    compiled.set(key, match);
  }
  return match(ip);
}

/**
 * The key under which failed attempts of a source are counted: an IPv4 address as it is, an IPv6
 * address by its /64. A single IPv6 subscriber usually holds a whole /64 (often a /56 or /48), so
 * counting per address would let one client rotate through 2^64 fresh counters.
 */
export function sourceKey(ip: string): string {
  const addr = parseAddress(ip);
  if (!addr) return ip.trim().slice(0, 100);
  if (addr.kind() === 'ipv4') return addr.toString();
  const parts = (addr as ipaddr.IPv6).parts.slice(0, 4);
  return `${ipaddr.IPv6.parse(`${parts.map((p) => p.toString(16)).join(':')}::`).toString()}/64`;
}

/** The first entry `ip` matches, or null ("Test an address" on the Security page). */
export function matchingEntry(ip: string, entries: readonly string[]): string | null {
  const addr = parseAddress(ip);
  if (!addr) return null;
  for (const raw of entries) {
    const r = parseEntry(raw);
    if (r.ok && entryMatches(r.entry, addr)) return raw;
  }
  return null;
}

/** An entry that matches every address of its family (0.0.0.0/0, ::/0): the list restricts nothing. */
export function isCatchAll(entry: string): boolean {
  return /\/0$/.test(entry.trim());
}
