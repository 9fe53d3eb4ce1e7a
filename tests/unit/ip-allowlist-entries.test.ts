import { describe, expect, it } from 'vitest';
import { isCatchAll, matchingEntry } from '@/lib/net/ip';
import { ipAllowlistFormSchema, normaliseEntries } from '@/lib/security-settings/forms';

describe('IP allowlist entries as typed', () => {
  it('drops # comments, reports normalised entries and dropped duplicates', () => {
    const r = normaliseEntries('10.0.0.1/8 # office\n# only a comment\n2001:DB8::1, 10.0.0.0/8\n192.0.2.7 #vpn');
    expect(r.errors).toEqual([]);
    expect(r.entries).toEqual(['10.0.0.0/8', '2001:db8::1', '192.0.2.7']);
    expect(r.normalised).toEqual([
      { typed: '10.0.0.1/8', saved: '10.0.0.0/8' },
      { typed: '2001:DB8::1', saved: '2001:db8::1' },
    ]);
    expect(r.duplicates).toEqual(['10.0.0.0/8']);
  });

  it('reads a submitted textarea (CRLF line ends) the same way', () => {
    expect(normaliseEntries('10.0.0.1/8 # office\r\n192.0.2.7 # me\r\n192.0.2.7').entries).toEqual(['10.0.0.0/8', '192.0.2.7']);
  });

  it('the form schema hands the normalised list and the report to the server action', () => {
    const parsed = ipAllowlistFormSchema.parse({ node: 'sys.hcs.acme', version: '0', enabled: 'on', entries: '192.0.2.1 # gw\n192.0.2.1' });
    expect(parsed).toMatchObject({ list: ['192.0.2.1'], duplicates: ['192.0.2.1'], normalised: [] });
  });

  it('names the entry an address matches, and recognises catch-all entries', () => {
    const list = ['10.0.0.0/8', '192.0.2.1-192.0.2.99', '2001:db8::/32'];
    expect(matchingEntry('10.1.2.3', list)).toBe('10.0.0.0/8');
    expect(matchingEntry('192.0.2.50', list)).toBe('192.0.2.1-192.0.2.99');
    expect(matchingEntry('2001:db8::5', list)).toBe('2001:db8::/32');
    expect(matchingEntry('198.51.100.1', list)).toBeNull();
    expect(matchingEntry('not an address', list)).toBeNull();
    expect(['0.0.0.0/0', '::/0', '10.0.0.0/8'].map(isCatchAll)).toEqual([true, true, false]);
  });
});
