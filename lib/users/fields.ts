/**
 * The account vocabulary of SPEC §1 in one place: roles with their labels and rank, auth sources,
 * statuses and the username pattern. Pure, so client components, zod schemas and the database schema
 * (its check constraints) all read the same lists.
 */

export const ROLES = ['system_operator', 'manager', 'unit_manager', 'user_admin', 'user'] as const;
export type Role = (typeof ROLES)[number];

const ROLE_LABELS: Record<Role, string> = {
  system_operator: 'System operator',
  manager: 'Manager',
  unit_manager: 'Unit Manager',
  user_admin: 'User Administrator',
  user: 'User',
};

export function roleLabel(role: Role): string {
  return ROLE_LABELS[role];
}

/**
 * Rank decides who may act on whom: nobody resets the password of, edits or unlocks an account that
 * outranks them, so a User Administrator or Unit Manager cannot take over a Manager's account.
 */
const ROLE_RANK: Record<Role, number> = { system_operator: 4, manager: 3, unit_manager: 2, user_admin: 2, user: 1 };

export function outranks(a: Role, b: Role): boolean {
  return ROLE_RANK[a] > ROLE_RANK[b];
}

export function isRole(value: unknown): value is Role {
  return (ROLES as readonly unknown[]).includes(value);
}

export const AUTH_SOURCES = ['local', 'ldap', 'sso'] as const;
export type AuthSource = (typeof AUTH_SOURCES)[number];

export const ACCOUNT_STATUSES = ['active', 'locked', 'disabled'] as const;
export type AccountStatus = (typeof ACCOUNT_STATUSES)[number];

/** Usernames: letters, digits and . _ @ -, at most 64 characters (also a database check constraint). */
export const USERNAME_MAX = 64;
const USERNAME_CHARS = 'A-Za-z0-9._@-';
export const USERNAME_PATTERN = new RegExp(`^[${USERNAME_CHARS}]{1,${USERNAME_MAX}}$`);

export function isUsername(value: string): boolean {
  return USERNAME_PATTERN.test(value);
}

/**
 * Accent folding for the user search, one table for the database (a generated column's `translate`,
 * which is immutable where `unaccent` is not) and the browser-typed search term, so that "nunez" finds
 * "Núñez" on PostgreSQL and on the embedded store alike.
 */
export const FOLD_FROM = 'àáâãäåāăąçćčďđèéêëēėęěğìíîïīįıłñńňòóôõöøōőŕřśšşťùúûüūůűųýÿźżž';
export const FOLD_TO = 'aaaaaaaaacccddeeeeeeeegiiiiiiilnnnoooooooorrssstuuuuuuuuyyzzz';

export function foldForSearch(s: string): string {
  let out = '';
  for (const c of s.toLowerCase()) {
    const i = FOLD_FROM.indexOf(c);
    out += i < 0 ? c : FOLD_TO[i];
  }
  return out;
}
