import { generate, generateSecret, generateURI, verify } from 'otplib';

/**
 * TOTP per RFC 6238: 6 digits, 30-second steps, one step of drift either way. Pure apart from the
 * clock, which callers may pass in (tests, RFC vectors).
 */
const TOTP_DIGITS = 6;
const TOTP_PERIOD = 30;

export function newTotpSecret(): string {
  return generateSecret({ length: 20 });
}

export function totpUri(secret: string, username: string): string {
  return generateURI({ issuer: 'Security Console', label: username, secret, digits: TOTP_DIGITS, period: TOTP_PERIOD });
}

export function totpCode(
  secret: string | Uint8Array,
  epochSeconds: number,
  digits: 6 | 8 = TOTP_DIGITS,
  algorithm: 'sha1' | 'sha256' | 'sha512' = 'sha1',
): Promise<string> {
  return generate({ secret: secret as string, epoch: epochSeconds, digits, period: TOTP_PERIOD, algorithm });
}

/** The time step the code belongs to (±1 step), or null. Replay protection is the caller's compare-and-set. */
export async function matchTotp(
  secret: string,
  code: string,
  epochSeconds = Math.floor(Date.now() / 1000),
  afterStep?: number | null,
): Promise<number | null> {
  if (!/^\d{6}$/.test(code)) return null;
  try {
    const r = await verify({
      secret,
      token: code,
      epoch: epochSeconds,
      period: TOTP_PERIOD,
      digits: TOTP_DIGITS,
      epochTolerance: TOTP_PERIOD,
      ...(afterStep != null ? { afterTimeStep: afterStep } : {}),
    });
    return r.valid ? ((r as { timeStep?: number }).timeStep ?? null) : null;
  } catch {
    return null;
  }
}
