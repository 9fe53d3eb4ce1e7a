import { createCipheriv, createDecipheriv, createHmac, hkdfSync, randomBytes } from 'node:crypto';
import { authSecret } from '@/lib/auth/secret';
import { env } from '@/lib/env';

/**
 * TOTP secrets at rest: AES-256-GCM under TOTP_ENCRYPTION_KEY (32 bytes, base64), or a key derived
 * with HKDF from the auth secret when none is configured. A database dump alone yields no secrets.
 */
function key(purpose: string): Buffer {
  const configured = env().TOTP_ENCRYPTION_KEY;
  if (configured) {
    const k = Buffer.from(configured, 'base64');
    if (k.length !== 32) throw new Error('TOTP_ENCRYPTION_KEY must be 32 bytes, base64-encoded');
    return Buffer.from(hkdfSync('sha256', k, Buffer.alloc(0), purpose, 32));
  }
  return Buffer.from(hkdfSync('sha256', authSecret(), Buffer.alloc(0), `security-console ${purpose}`, 32));
}

/** A keyed digest under a key of its own purpose (same key material as the sealing keys). */
export function keyedDigest(purpose: string, data: string): Buffer {
  return createHmac('sha256', key(purpose)).update(data).digest();
}

export function seal(plain: string, purpose = 'totp-secret'): string {
  const iv = randomBytes(12);
  const c = createCipheriv('aes-256-gcm', key(purpose), iv);
  const body = Buffer.concat([c.update(plain, 'utf8'), c.final()]);
  return ['v1', iv.toString('base64url'), c.getAuthTag().toString('base64url'), body.toString('base64url')].join('.');
}

export function open(sealed: string, purpose = 'totp-secret'): string | null {
  const [v, iv, tag, body] = sealed.split('.');
  if (v !== 'v1' || !iv || !tag || !body) return null;
  try {
    const d = createDecipheriv('aes-256-gcm', key(purpose), Buffer.from(iv, 'base64url'));
    d.setAuthTag(Buffer.from(tag, 'base64url'));
    return Buffer.concat([d.update(Buffer.from(body, 'base64url')), d.final()]).toString('utf8');
  } catch {
    return null;
  }
}
