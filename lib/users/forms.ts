import { z } from 'zod';
import { checkbox, nodeField } from '@/lib/forms/fields';
import { sessionTimeoutMinutesField } from '@/lib/security-settings/forms';
import { AUTH_SOURCES, ROLES, USERNAME_MAX, USERNAME_PATTERN } from './fields';

/** Schemas of the user pages, shared by the browser and the server actions. */

export const usernameField = z
  .string()
  .trim()
  .min(1, 'Enter a username')
  .max(USERNAME_MAX, `At most ${USERNAME_MAX} characters`)
  .regex(USERNAME_PATTERN, 'Use letters, digits and . _ @ - only');

export const accountFormSchema = z.object({
  mode: z.enum(['create', 'edit']),
  username: usernameField,
  firstName: z.string().trim().max(100, 'At most 100 characters'),
  lastName: z.string().trim().max(100, 'At most 100 characters'),
  email: z.union([z.literal(''), z.email('Enter a valid email address').max(254)]),
  role: z.enum(ROLES, { message: 'Choose a role' }),
  node: nodeField,
  authSource: z.enum(AUTH_SOURCES),
  apiOnly: checkbox,
  // Absent when the actor may not edit External IDs: the action then leaves the value alone.
  externalId: z.string().trim().max(100, 'At most 100 characters').optional(),
});

/** Forms of the Security tab that only name the account (Unlock, Re-activate, Reset password, End sessions). */
export const accountRefFormSchema = z.object({ username: usernameField });

export const sessionOverrideFormSchema = z.object({ username: usernameField, sessionTimeoutMinutes: sessionTimeoutMinutesField });

export const neverExpireFlagFormSchema = z.object({ username: usernameField, neverExpires: checkbox });

export const externalIdFormSchema = z.object({ username: usernameField, externalId: z.string().trim().max(100, 'At most 100 characters') });

export const externalIdGrantFormSchema = z.object({ username: usernameField, granted: checkbox });

/** "Disable account": the reason is shown on the account and recorded in the audit log. */
export const disableAccountFormSchema = z.object({
  username: usernameField,
  reason: z.string().trim().min(1, 'Say why the account is disabled').max(200, 'At most 200 characters'),
});

/** "End session" of one session on the Security tab: the session row's id (a SHA-256, never a cookie). */
export const endOneSessionFormSchema = z.object({ username: usernameField, session: z.string().regex(/^[0-9a-f]{64}$/, 'Not a session') });

export const ACCOUNT_LABELS = {
  disableReason: 'Reason',
  username: 'Username',
  firstName: 'First name',
  lastName: 'Last name',
  email: 'Email',
  role: 'Role',
  node: 'Node',
  authSource: 'Auth source',
  apiOnly: 'API-only',
  externalId: 'External ID',
  sessionTimeout: 'Session timeout override (minutes)',
  neverExpires: 'Set the password of this account to Never Expire',
  externalIdGrant: 'Allow this user to manage external IDs',
} as const;
