import { z } from 'zod';

export const signInSchema = z.object({
  username: z.string().trim().min(1, 'Enter your username').max(64, 'Usernames have at most 64 characters'),
  password: z.string().min(1, 'Enter your password').max(1024, 'Passwords have at most 1024 characters'),
});
export type SignInInput = z.infer<typeof signInSchema>;

export const changePasswordSchema = z
  .object({
    currentPassword: z.string().min(1, 'Enter your current password').max(1024),
    newPassword: z.string().min(1, 'Enter a new password').max(1024, 'Passwords have at most 1024 characters'),
    confirmNewPassword: z.string().min(1, 'Repeat the new password'),
  })
  .refine((v) => v.newPassword === v.confirmNewPassword, { path: ['confirmNewPassword'], message: 'The two new passwords differ' });
export type ChangePasswordInput = z.infer<typeof changePasswordSchema>;

export const twoFactorSchema = z.object({
  code: z.string().trim().regex(/^\d{6}$/, 'Enter the 6-digit code from your authenticator'),
  enrolment: z.string().max(500).optional(),
});
export type TwoFactorInput = z.infer<typeof twoFactorSchema>;

export type ChangePasswordState = { ok: boolean; formError?: string; fieldErrors?: Record<string, string[]>; redirectTo?: string } | null;
