import { z } from 'zod';
import type { Role } from '@/lib/db/schema';
import { checkbox, nodeField, optionalInt } from '@/lib/forms/fields';

/** Schemas of the user pages, shared by the browser and the server actions. */

// Literal lists rather than the schema's, so that client bundles do not pull in the database layer.
export const ROLE_OPTIONS: readonly Role[] = ['system_operator', 'manager', 'unit_manager', 'user_admin', 'user'];
export const AUTH_SOURCES = ['local', 'ldap', 'sso'] as const;
export const STATUSES = ['active', 'locked', 'disabled'] as const;

const username = z
  .string()
  .trim()
  .min(1, 'Enter a username')
  .max(64, 'At most 64 characters')
  .regex(/^[A-Za-z0-9._@-]+$/, 'Use letters, digits and . _ @ - only');

export const accountFormSchema = z.object({
  mode: z.enum(['create', 'edit']),
  username,
  firstName: z.string().trim().max(100, 'At most 100 characters'),
  lastName: z.string().trim().max(100, 'At most 100 characters'),
  email: z.union([z.literal(''), z.email('Enter a valid email address').max(254)]),
  role: z.enum(ROLE_OPTIONS as [Role, ...Role[]], { message: 'Choose a role' }),
  node: nodeField,
  authSource: z.enum(AUTH_SOURCES),
  apiOnly: checkbox,
  // Absent when the actor may not edit External IDs: the action then leaves the value alone.
  externalId: z.string().trim().max(100, 'At most 100 characters').optional(),
});
export type AccountFormInput = z.input<typeof accountFormSchema>;

/** Forms of the Security tab that only name the account (Unlock, Re-activate, Reset password, End sessions). */
export const accountRefFormSchema = z.object({ username });

export const sessionOverrideFormSchema = z.object({ username, sessionTimeoutMinutes: optionalInt(10, 240, 'minutes') });

export const neverExpireFlagFormSchema = z.object({ username, neverExpires: checkbox });

export const externalIdFormSchema = z.object({ username, externalId: z.string().trim().max(100, 'At most 100 characters') });

export const externalIdGrantFormSchema = z.object({ username, granted: checkbox });

export const ACCOUNT_LABELS = {
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
