import { can, type Permission } from '@/lib/auth/permissions';
import { isInSubtree } from '@/lib/hierarchy/rules';
import { outranks, ROLES, type Role, roleLabel } from './fields';

/**
 * The special rules of SPEC §1 on top of role and scope, as pure functions so that the page (which
 * buttons to enable) and the action (the authority) decide the same way. Each returns the reason for
 * a refusal, or null when allowed.
 */

export type AccountOperation =
  | 'edit'
  | 'external-id'
  | 'role'
  | 'unlock'
  | 'reactivate'
  | 'reset-password'
  | 'end-sessions'
  | 'session-timeout'
  | 'never-expire'
  | 'external-id-grant';

export interface RuleActor {
  accountId: number;
  role: Role;
  nodePath: string;
  isPrimaryContact: boolean;
}

interface RuleTarget {
  id: number;
  role: Role;
  nodePath: string;
}

const OPERATION_PERMISSION: Record<AccountOperation, Permission> = {
  edit: 'users:write',
  // Granted Unit Managers edit External IDs without the right to edit accounts otherwise.
  'external-id': 'users:read',
  role: 'users:write',
  unlock: 'users:unlock',
  reactivate: 'users:unlock',
  'reset-password': 'users:manage',
  'end-sessions': 'users:manage',
  'session-timeout': 'security:write',
  'never-expire': 'security:write',
  'external-id-grant': 'security:write',
};

/** Roles an actor may give to an account; the System operator role only by a System operator. */
export function assignableRoles(actor: Role): Role[] {
  if (!can(actor, 'users:write')) return [];
  if (actor === 'system_operator') return [...ROLES];
  return ROLES.filter((r) => r !== 'system_operator' && !outranks(r, actor));
}

/** The roles the Primary Contact may grant the External ID permission to (SPEC §4). */
export const EXTERNAL_ID_GRANTEES: readonly Role[] = ['manager', 'unit_manager', 'user_admin'];

export function accountOperationRefusal(actor: RuleActor, target: RuleTarget, op: AccountOperation): string | null {
  if (!can(actor.role, OPERATION_PERMISSION[op])) return 'Your role does not allow this.';
  if (!isInSubtree(target.nodePath, actor.nodePath)) return `You can act only on accounts at ${actor.nodePath} and below.`;
  const self = actor.accountId === target.id;
  if (self && op === 'role') return 'You cannot change your own role.';
  if (self && (op === 'unlock' || op === 'reactivate')) return 'You cannot unlock or re-activate your own account.';
  if (self && (op === 'reset-password' || op === 'end-sessions')) return 'Use My account to change your own password or sign out.';
  if (!self && outranks(target.role, actor.role)) {
    if (actor.role === 'user_admin' && (op === 'unlock' || op === 'reactivate')) return 'User Administrators do not unlock Managers.';
    return `A ${roleLabel(actor.role)} cannot change the account of a ${roleLabel(target.role)}.`;
  }
  if (op === 'external-id-grant') {
    if (!(actor.isPrimaryContact || actor.role === 'system_operator')) return 'Only the Primary Contact grants the External ID permission.';
    if (!EXTERNAL_ID_GRANTEES.includes(target.role)) return 'The permission is granted only to Managers, Unit Managers and User Administrators.';
  }
  return null;
}

/** May this actor set the node-level External IDs setting (and see grants)? */
export function externalIdsSettingRefusal(actor: Pick<RuleActor, 'role' | 'isPrimaryContact'>): string | null {
  if (actor.role === 'system_operator') return null;
  if (actor.role === 'manager' && actor.isPrimaryContact) return null;
  return 'Only the Primary Contact sets "Allow other users to manage external IDs".';
}

/**
 * May this actor edit External IDs of accounts? The Primary Contact always; others only while they
 * hold the grant AND the setting is on, so clearing the setting removes the permission at once.
 */
export function mayEditExternalIds(actor: Pick<RuleActor, 'role' | 'isPrimaryContact'>, granted: boolean, settingOn: boolean): boolean {
  if (externalIdsSettingRefusal(actor) === null) return true;
  return granted && settingOn && EXTERNAL_ID_GRANTEES.includes(actor.role);
}
