import { z } from 'zod';
import { PASSWORD_MAX_LENGTH } from '@/lib/auth/forms';

/**
 * Enrolling (or replacing) an authenticator on My account: a code from the new authenticator (its
 * secret is derived from the session); replacing one also asks for a current code or the password.
 */
export const enrolAuthenticatorSchema = z.object({
  code: z
    .string()
    .trim()
    .regex(/^\d{6}$/, 'Enter the 6-digit code from your authenticator'),
  current: z.string().max(PASSWORD_MAX_LENGTH).optional(),
});

/** New recovery codes: the password or a current code confirms. */
export const newRecoveryCodesSchema = z.object({
  current: z.string().min(1, 'Enter a current code or your password').max(PASSWORD_MAX_LENGTH),
});
