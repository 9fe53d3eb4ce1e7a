import { describe, expect, it } from 'vitest';
import { matchTotp, newTotpSecret, totpCode } from '@/lib/totp/totp';

// RFC 6238 Appendix B: the SHA-1 seed is the ASCII string "12345678901234567890".
const seed = new TextEncoder().encode('12345678901234567890');
const seed256 = new TextEncoder().encode('12345678901234567890123456789012');
const seed512 = new TextEncoder().encode('1234567890123456789012345678901234567890123456789012345678901234');

describe('TOTP', () => {
  it.each([
    [59, '94287082', '46119246', '90693936'],
    [1111111109, '07081804', '68084774', '25091201'],
    [1111111111, '14050471', '67062674', '99943326'],
    [1234567890, '89005924', '91819424', '93441116'],
    [2000000000, '69279037', '90698825', '38618901'],
    [20000000000, '65353130', '77737706', '47863826'],
  ])('RFC 6238 Appendix B vector at T=%i', async (t, sha1, sha256, sha512) => {
    expect(await totpCode(seed, t, 8, 'sha1')).toBe(sha1);
    expect(await totpCode(seed256, t, 8, 'sha256')).toBe(sha256);
    expect(await totpCode(seed512, t, 8, 'sha512')).toBe(sha512);
  });

  it('accepts the current step and one step of drift, not two', async () => {
    const secret = newTotpSecret();
    const now = 1_800_000_000;
    const step = Math.floor(now / 30);
    expect(await matchTotp(secret, await totpCode(secret, now), now)).toBe(step);
    expect(await matchTotp(secret, await totpCode(secret, now - 30), now)).toBe(step - 1);
    expect(await matchTotp(secret, await totpCode(secret, now + 30), now)).toBe(step + 1);
    expect(await matchTotp(secret, await totpCode(secret, now - 90), now)).toBeNull();
    expect(await matchTotp(secret, 'abcdef', now)).toBeNull();
  });

  it('refuses a step at or before the last one used', async () => {
    const secret = newTotpSecret();
    const now = 1_800_000_000;
    const code = await totpCode(secret, now);
    const step = (await matchTotp(secret, code, now))!;
    expect(await matchTotp(secret, code, now, step)).toBeNull();
  });
});
