import { describe, expect, it } from 'vitest';
import { ipAllowed, parseEntry } from '@/lib/net/ip';
import { normaliseEntries } from '@/lib/security-settings/forms';

// The table of tricky cases the Security page's "Allow connections from the following IPs only" meets.
describe('allowlist parsing and normalisation', () => {
  it.each([
    ['10.0.0.1', '10.0.0.1'],
    ['  192.0.2.7\t', '192.0.2.7'],
    ['2001:DB8:0:0::1', '2001:db8::1'],
    ['[2001:db8::1]', '2001:db8::1'],
    ['::ffff:10.0.0.1', '10.0.0.1'],
    ['::ffff:10.0.0.0/104', '10.0.0.0/8'],
    ['::ffff:1.2.3.4/128', '1.2.3.4/32'],
    ['10.0.0.1/8', '10.0.0.0/8'],
    ['10.1.2.3/32', '10.1.2.3/32'],
    ['0.0.0.0/0', '0.0.0.0/0'],
    ['::/0', '::/0'],
    ['2001:db8::1/128', '2001:db8::1/128'],
    ['2001:db8::1/64', '2001:db8::/64'],
    ['10.0.0.1 - 10.0.0.5', '10.0.0.1-10.0.0.5'],
    ['::ffff:10.0.0.1-::ffff:10.0.0.5', '10.0.0.1-10.0.0.5'],
    ['1.2.3.4-1.2.3.4', '1.2.3.4-1.2.3.4'],
  ])('%j is normalised to %j', (raw, text) => {
    const r = parseEntry(raw);
    expect(r).toMatchObject({ ok: true, entry: { text } });
  });

  it.each([
    ['256.1.1.1', 'is not a valid IP address'],
    ['10.0.0.256', 'is not a valid IP address'],
    ['010.0.0.1', 'is not a valid IP address'],
    ['1.2.3', 'is not a valid IP address'],
    ['0x7f.0.0.1', 'is not a valid IP address'],
    ['fe80::1%eth0', 'is not a valid IP address'],
    ['10.0.0.0/33', 'must be between 0 and 32'],
    ['2001:db8::/129', 'must be between 0 and 128'],
    ['::ffff:1.2.3.4/95', 'between 96 and 128 for an IPv4-mapped block'],
    ['10.0.0.0/-1', 'is not a valid CIDR block'],
    ['10.0.0.0/8/8', 'is not a valid CIDR block'],
    ['10.0.0.9-10.0.0.1', 'starts after it ends'],
    ['2001:db8::9-2001:db8::1', 'starts after it ends'],
    ['10.0.0.1-2001:db8::1', 'must be IPv4 or both IPv6'],
    ['example.com', 'is not a valid IP address'],
  ])('%j is refused with a clear error', (raw, message) => {
    const r = parseEntry(raw);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error).toContain(message);
  });

  it.each([
    ['0.0.0.0/0', '203.0.113.9', true],
    ['0.0.0.0/0', '2001:db8::1', false],
    ['::/0', '2001:db8::1', true],
    ['::/0', '203.0.113.9', false],
    ['10.1.2.3/32', '10.1.2.3', true],
    ['10.1.2.3/32', '10.1.2.4', false],
    ['2001:db8::1/128', '2001:db8::1', true],
    ['2001:db8::1/128', '2001:db8::2', false],
    ['10.0.0.1-10.0.0.5', '::ffff:10.0.0.3', true],
    ['10.0.0.1-10.0.0.5', '10.0.0.6', false],
    ['::ffff:10.0.0.0/104', '10.200.0.1', true],
    ['fe80::1%eth0', 'fe80::1', false],
  ])('%j allows %j: %s', (entry, ip, expected) => {
    expect(ipAllowed(ip, [entry])).toBe(expected);
  });

  it('splits a pasted list, drops duplicates after normalising and names every bad entry', () => {
    const r = normaliseEntries('10.0.0.1\n10.0.0.1 , ::ffff:10.0.0.1; 192.0.2.0/24\n\n300.1.1.1\n10.0.0.9-10.0.0.1');
    expect(r.entries).toEqual(['10.0.0.1', '192.0.2.0/24']);
    expect(r.errors).toEqual(['"300.1.1.1" is not a valid IP address, range or CIDR block', 'Range "10.0.0.9-10.0.0.1" starts after it ends']);
  });
});
