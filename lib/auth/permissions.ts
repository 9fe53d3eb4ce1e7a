import { ROLES, type Role } from '@/lib/users/fields';

/** What each role may do (SPEC §1). Scope — the target inside the actor's subtree — is checked apart. */
export const PERMISSIONS = {
  'security:read': ['system_operator', 'manager'],
  'security:write': ['system_operator', 'manager'],
  'policy:read': ['system_operator', 'manager', 'unit_manager', 'user_admin'],
  'policy:write': ['system_operator', 'manager'],
  'users:read': ['system_operator', 'manager', 'unit_manager', 'user_admin'],
  'users:write': ['system_operator', 'manager', 'user_admin'],
  'users:unlock': ['system_operator', 'manager', 'unit_manager', 'user_admin'],
  // Reset passwords and end sessions (SPEC §1: Unit Managers do this; User Administrators edit users).
  'users:manage': ['system_operator', 'manager', 'unit_manager', 'user_admin'],
  'logs:read': ['system_operator', 'manager'],
  // The "Locked accounts" list of a subtree (Unlock in each row follows users:unlock and the rank rules).
  'locked:read': ['system_operator', 'manager', 'unit_manager'],
  // Removing a lost authenticator (Unit Manager and above; the actor must also outrank the account).
  'two-factor:reset': ['system_operator', 'manager', 'unit_manager'],
  'never-expire:activate': ['system_operator'],
  // The agreement itself is further limited to Primary Contacts (lib/users/rules.ts).
  'never-expire:decide': ['system_operator', 'manager'],
  self: ROLES,
} as const satisfies Record<string, readonly Role[]>;

export type Permission = keyof typeof PERMISSIONS;

export function can(role: Role, permission: Permission): boolean {
  return (PERMISSIONS[permission] as readonly Role[]).includes(role);
}

/** Where an account lands after signing in. */
export function homePath(role: Role): string {
  if (can(role, 'security:read')) return '/users/setup/security';
  if (can(role, 'users:read')) return '/users';
  return '/account';
}
