import { describe, expect, it } from 'vitest';
import { ipAllowed, parseEntry, sourceKey } from '@/lib/net/ip';

describe('allowlist entries', () => {
  it.each([
    ['10.0.0.1', '10.0.0.1', true],
    ['10.0.0.0/8', '10.255.1.2', true],
    ['10.0.0.0/8', '11.0.0.1', false],
    ['0.0.0.0/0', '203.0.113.9', true],
    ['203.0.113.9/32', '203.0.113.9', true],
    ['203.0.113.9/32', '203.0.113.10', false],
    ['192.168.1.10-192.168.1.20', '192.168.1.15', true],
    ['192.168.1.10-192.168.1.20', '192.168.1.21', false],
    ['2001:db8::/32', '2001:db8:1::5', true],
    ['2001:db8::1/128', '2001:db8::1', true],
    ['2001:db8::1/128', '2001:db8::2', false],
    ['10.0.0.1', '::ffff:10.0.0.1', true],
    ['::ffff:10.0.0.0/104', '10.1.2.3', true],
    [' 10.0.0.1 ', '10.0.0.1', true],
    ['10.0.0.0/8', '2001:db8::1', false],
  ])('%s matches %s: %s', (entry, ip, expected) => {
    expect(ipAllowed(ip, [entry])).toBe(expected);
  });

  it.each([
    ['300.1.1.1', 'not a valid IP'],
    ['10.0.0.0/33', 'between 0 and 32'],
    ['2001:db8::/129', 'between 0 and 128'],
    ['192.168.1.20-192.168.1.10', 'starts after it ends'],
    ['10.0.0.1-2001:db8::1', 'both IPv6'],
    ['1', 'not a valid IP'],
    ['', 'Empty'],
  ])('refuses %s', (entry, message) => {
    const r = parseEntry(entry);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error).toContain(message);
  });
});

describe('source keys for per-source limits', () => {
  it('counts IPv4 per address and IPv6 per /64', () => {
    expect(sourceKey('203.0.113.7')).toBe('203.0.113.7');
    expect(sourceKey('::ffff:203.0.113.7')).toBe('203.0.113.7');
    expect(sourceKey('2001:db8:aa:bb::1')).toBe('2001:db8:aa:bb::/64');
    expect(sourceKey('2001:db8:aa:bb:ffff:ffff:ffff:ffff')).toBe('2001:db8:aa:bb::/64');
    expect(sourceKey('2001:0db8:00aa:00bb:1:2:3:4')).toBe('2001:db8:aa:bb::/64');
    expect(sourceKey('2001:db8:aa:bc::1')).not.toBe(sourceKey('2001:db8:aa:bb::1'));
  });
});
