import { z } from 'zod';
import { USERNAME_MAX } from '@/lib/users/fields';

/** Passwords longer than this are refused before any hashing (a long input must not cost more work). */
export const PASSWORD_MAX_LENGTH = 1024;
const tooLong = `Passwords have at most ${PASSWORD_MAX_LENGTH} characters`;

export const signInSchema = z.object({
  username: z.string().trim().min(1, 'Enter your username').max(USERNAME_MAX, `Usernames have at most ${USERNAME_MAX} characters`),
  password: z.string().min(1, 'Enter your password').max(PASSWORD_MAX_LENGTH, tooLong),
});
export type SignInInput = z.infer<typeof signInSchema>;

export const changePasswordSchema = z
  .object({
    currentPassword: z.string().min(1, 'Enter your current password').max(PASSWORD_MAX_LENGTH, tooLong),
    newPassword: z.string().min(1, 'Enter a new password').max(PASSWORD_MAX_LENGTH, tooLong),
    confirmNewPassword: z.string().min(1, 'Repeat the new password').max(PASSWORD_MAX_LENGTH, tooLong),
  })
  .refine((v) => v.newPassword === v.confirmNewPassword, { path: ['confirmNewPassword'], message: 'The two new passwords differ' });
export type ChangePasswordInput = z.infer<typeof changePasswordSchema>;

export const twoFactorSchema = z.object({
  // Pasted as authenticator apps show it ("123 456", "123-456"): spaces and hyphens are dropped.
  code: z
    .string()
    .max(20, 'Enter the 6 digits')
    .transform((v) => v.replace(/[\s-]/g, ''))
    // Six digits from the authenticator, or one of the account's recovery codes (xxxx-xxxx-xxxx).
    .pipe(z.string().regex(/^(\d{6}|[a-z2-9]{12})$/i, 'Enter the 6 digits')),
});
