import { can, PERMISSIONS, type Permission } from '@/lib/auth/permissions';
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
  | 'assignment'
  | 'assign-policy'
  | 'disable'
  | 'primary-contact'
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
  isPrimaryContact?: boolean;
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
  // A node or auth-source change ("assignment") is an edit of the account by a user editor.
  assignment: 'users:write',
  'assign-policy': 'policy:write',
  // Disabling by hand is a Manager's decision (Unit Managers and User Administrators re-activate).
  disable: 'security:write',
  'primary-contact': 'security:write',
  'session-timeout': 'security:write',
  'never-expire': 'security:write',
  'external-id-grant': 'security:write',
};

/** What a role that lacks the permission is told, where "your role" alone would not say who may. */
const ROLE_REFUSALS: Partial<Record<AccountOperation, string>> = {
  'session-timeout': 'Only Managers set an account’s session timeout.',
  'never-expire': 'Only Managers set Never Expire on an account.',
  'external-id-grant': 'Only the Primary Contact grants the External ID permission.',
  disable: 'Only Managers disable and enable accounts.',
  'primary-contact': 'Only a Manager of a node above (or the System operator) names the Primary Contact.',
  'assign-policy': 'Only Managers change an account’s credential policy.',
  edit: 'Your role does not allow editing accounts.',
};

/** Roles an actor may give to an account; the System operator role only by a System operator. */
export function assignableRoles(actor: Role): Role[] {
  if (!can(actor, 'users:write')) return [];
  if (actor === 'system_operator') return [...ROLES];
  return ROLES.filter((r) => r !== 'system_operator' && !outranks(r, actor));
}

/** The roles the Primary Contact may grant the External ID permission to (SPEC §4). */
export const EXTERNAL_ID_GRANTEES: readonly Role[] = ['manager', 'unit_manager', 'user_admin'];

/**
 * Operations that yield or change credentials or power over an account (SPEC §1, takeover rule): they
 * need an actor who holds every permission of the target and ranks above it.
 */
const TAKEOVER_OPERATIONS: ReadonlySet<AccountOperation> = new Set([
  'reset-password',
  'role',
  'assignment',
  'assign-policy',
  'session-timeout',
  'never-expire',
  'disable',
  'primary-contact',
]);

/** Operations that give no credential (SPEC §1): the role table alone decides, not rank. */
const RESTORING_OPERATIONS: ReadonlySet<AccountOperation> = new Set(['unlock', 'reactivate', 'end-sessions']);

const permissionsOf = (role: Role) => (Object.keys(PERMISSIONS) as Permission[]).filter((p) => can(role, p));

/**
 * The takeover rule: does the actor dominate the target? It must hold every permission the target's
 * role holds, and rank above it: a higher role, or the same role at a node strictly above the
 * target's (a Manager of sys.hcs.acme over a Manager of sys.hcs.acme.north.contoso). So a Manager does
 * not take over another Manager (or the Primary Contact) of the same node, nor a Unit Manager a User
 * Administrator, whose right to create accounts it lacks.
 */
export function takeoverRefusal(actor: RuleActor, target: RuleTarget): string | null {
  const missing = permissionsOf(target.role).filter((p) => !can(actor.role, p));
  if (missing.length > 0) {
    return `A ${roleLabel(actor.role)} cannot do this to a ${roleLabel(target.role)}: that role holds rights yours does not.`;
  }
  const strictlyBelow = target.nodePath !== actor.nodePath && isInSubtree(target.nodePath, actor.nodePath);
  if (outranks(actor.role, target.role) || strictlyBelow) return null;
  const who = target.isPrimaryContact ? `the Primary Contact of ${target.nodePath}` : `a ${roleLabel(target.role)} of ${target.nodePath}`;
  return `Only someone who ranks above ${who} may do this (a higher role, or the same role at a node above).`;
}

export function accountOperationRefusal(actor: RuleActor, target: RuleTarget, op: AccountOperation): string | null {
  if (!can(actor.role, OPERATION_PERMISSION[op])) return ROLE_REFUSALS[op] ?? 'Your role does not allow this.';
  if (!isInSubtree(target.nodePath, actor.nodePath)) return `You can act only on accounts at ${actor.nodePath} and below.`;
  const self = actor.accountId === target.id;
  if (self && (op === 'role' || op === 'assignment')) return 'You cannot change your own role.';
  if (self && (op === 'unlock' || op === 'reactivate')) return 'You cannot unlock or re-activate your own account.';
  if (self && (op === 'reset-password' || op === 'end-sessions')) return 'Use My account to change your own password or sign out.';
  if (self && op === 'disable') return 'You cannot disable your own account.';
  if (self && op === 'primary-contact') return 'You cannot make yourself Primary Contact.';
  // Nobody relaxes their own session timeout, Never Expire flag or credential policy (SPEC §1).
  if (self && (op === 'session-timeout' || op === 'never-expire' || op === 'assign-policy'))
    return 'Someone who ranks above you changes this for your account.';
  if (!self && TAKEOVER_OPERATIONS.has(op)) {
    const refusal = takeoverRefusal(actor, target);
    if (refusal) return refusal;
  } else if (!self && RESTORING_OPERATIONS.has(op)) {
    if (actor.role === 'user_admin' && outranks(target.role, actor.role))
      return op === 'end-sessions' ? 'User Administrators do not end the sessions of Managers.' : 'User Administrators do not unlock Managers.';
  } else if (!self && outranks(target.role, actor.role)) {
    return `A ${roleLabel(actor.role)} cannot change the account of a ${roleLabel(target.role)}.`;
  }
  if (op === 'primary-contact' && target.role !== 'manager') return 'Only a Manager can be Primary Contact.';
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
