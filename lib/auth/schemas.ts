import { z } from 'zod';

export const signInSchema = z.object({
  username: z.string().trim().min(1, 'Enter your username').max(64, 'Usernames have at most 64 characters'),
  password: z.string().min(1, 'Enter your password').max(1024, 'Passwords have at most 1024 characters'),
});
export type SignInInput = z.infer<typeof signInSchema>;
