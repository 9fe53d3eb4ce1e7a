import { hash, verify } from '@node-rs/argon2';

// Argon2id with OWASP's minimum parameters (m=19 MiB, t=2, p=1). 2 = Algorithm.Argon2id; the enum
// is a const enum that isolatedModules cannot import.
const OPTIONS = { algorithm: 2, memoryCost: 19456, timeCost: 2, parallelism: 1 } as const;

/**
 * Counts Argon2 work so tests can check that unknown usernames cost the same work (not timed) and
 * that no request hashes more than a small constant number of times.
 */
export const hashWork = { verifications: 0, hashes: 0 };

export function hashPassword(password: string): Promise<string> {
  hashWork.hashes++;
  return hash(password, OPTIONS);
}

let dummyHash: Promise<string> | undefined;

/** Verifies against the stored hash, or against a dummy hash when there is none, at the same cost. */
export async function verifyPassword(storedHash: string | null | undefined, password: string): Promise<boolean> {
  hashWork.verifications++;
  if (!storedHash) {
    dummyHash ??= hash(`not-a-password-${Math.random()}`, OPTIONS);
    await verify(await dummyHash, password).catch(() => false);
    return false;
  }
  try {
    return await verify(storedHash, password);
  } catch {
    return false;
  }
}
