import { describe, expect, it } from 'vitest';
import type { Role } from '@/lib/users/fields';
import {
  type AccountOperation,
  accountOperationRefusal,
  assignableRoles,
  externalIdsSettingRefusal,
  mayEditExternalIds,
  type RuleActor,
} from '@/lib/users/rules';

const C = 'sys.hcs.acme.north.contoso';
const actor = (role: Role, over: Partial<RuleActor> = {}): RuleActor => ({ accountId: 1, role, nodePath: C, isPrimaryContact: false, ...over });
const target = (role: Role, nodePath = C, id = 2) => ({ id, role, nodePath });

describe('SPEC §1 rules on accounts', () => {
  const allowed: [Role, Role, AccountOperation][] = [
    ['unit_manager', 'user', 'unlock'],
    ['unit_manager', 'user', 'reactivate'],
    ['unit_manager', 'user', 'reset-password'],
    ['unit_manager', 'user', 'end-sessions'],
    ['user_admin', 'user', 'edit'],
    ['user_admin', 'user', 'unlock'],
    ['manager', 'manager', 'unlock'],
    ['manager', 'user', 'session-timeout'],
    ['system_operator', 'manager', 'role'],
  ];
  it.each(allowed)('%s may %s… a %s', (a, t, op) => {
    expect(accountOperationRefusal(actor(a), target(t), op)).toBeNull();
  });

  const refused: [Role, Role, AccountOperation, string][] = [
    ['user_admin', 'manager', 'unlock', 'User Administrators do not unlock Managers.'],
    ['user_admin', 'manager', 'reactivate', 'User Administrators do not unlock Managers.'],
    ['unit_manager', 'manager', 'reset-password', 'A Unit Manager cannot do this to a Manager: that role holds rights yours does not.'],
    ['unit_manager', 'user_admin', 'reset-password', 'A Unit Manager cannot do this to a User Administrator: that role holds rights yours does not.'],
    [
      'manager',
      'manager',
      'reset-password',
      `Only someone who ranks above a Manager of ${C} may do this (a higher role, or the same role at a node above).`,
    ],
    [
      'user_admin',
      'unit_manager',
      'role',
      // A Unit Manager holds rights a User Administrator lacks (the Locked accounts list, Reset two-factor).
      'A User Administrator cannot do this to a Unit Manager: that role holds rights yours does not.',
    ],

    ['unit_manager', 'user', 'edit', 'Your role does not allow editing accounts.'],
    ['user_admin', 'user', 'session-timeout', 'Only Managers set an account’s session timeout.'],
    ['user', 'user', 'unlock', 'Your role does not allow this.'],
  ];
  it.each(refused)('%s may not %s… a %s', (a, t, op, message) => {
    expect(accountOperationRefusal(actor(a), target(t), op)).toBe(message);
  });

  it('takeover rule: a peer Manager and the Primary Contact are refused; a Manager of a node above is not', () => {
    const pc = { id: 3, role: 'manager' as const, nodePath: C, isPrimaryContact: true };
    expect(accountOperationRefusal(actor('manager'), pc, 'session-timeout')).toContain('the Primary Contact of');
    expect(accountOperationRefusal(actor('manager', { nodePath: 'sys.hcs.acme' }), pc, 'reset-password')).toBeNull();
    expect(accountOperationRefusal(actor('unit_manager'), target('manager'), 'unlock')).toBeNull();
    expect(accountOperationRefusal(actor('unit_manager'), target('manager'), 'end-sessions')).toBeNull();
    expect(accountOperationRefusal(actor('system_operator', { nodePath: 'sys' }), target('system_operator', 'sys'), 'reset-password')).toContain(
      'ranks above',
    );
  });

  it('nobody changes their own role or unlocks themselves, not even the System operator', () => {
    const op = actor('system_operator', { nodePath: 'sys' });
    expect(accountOperationRefusal(op, target('system_operator', 'sys', 1), 'role')).toBe('You cannot change your own role.');
    expect(accountOperationRefusal(op, target('system_operator', 'sys', 1), 'unlock')).toBe('You cannot unlock or re-activate your own account.');
    expect(accountOperationRefusal(op, target('system_operator', 'sys', 1), 'edit')).toBeNull();
  });

  it('scope: a sibling sharing a prefix and an ancestor are outside the subtree', () => {
    for (const path of ['sys.hcs.acme.north.contoso2', 'sys.hcs.acme', 'sys.hcs.globex']) {
      expect(accountOperationRefusal(actor('manager'), target('user', path), 'unlock')).toContain('only on accounts at');
    }
    expect(accountOperationRefusal(actor('manager'), target('user', `${C}.site`), 'unlock')).toBeNull();
  });

  it('roles an actor may give never outrank the actor', () => {
    expect(assignableRoles('user_admin')).toEqual(['unit_manager', 'user_admin', 'user']);
    expect(assignableRoles('manager')).toEqual(['manager', 'unit_manager', 'user_admin', 'user']);
    expect(assignableRoles('system_operator')).toContain('system_operator');
    expect(assignableRoles('unit_manager')).toEqual([]);
  });

  it('External IDs: the Primary Contact always; others only with the grant while the setting is on', () => {
    expect(externalIdsSettingRefusal({ role: 'manager', isPrimaryContact: false })).not.toBeNull();
    expect(externalIdsSettingRefusal({ role: 'manager', isPrimaryContact: true })).toBeNull();
    const admin = { role: 'user_admin' as const, isPrimaryContact: false };
    expect(mayEditExternalIds(admin, true, true)).toBe(true);
    expect(mayEditExternalIds(admin, true, false)).toBe(false);
    expect(mayEditExternalIds(admin, false, true)).toBe(false);
    expect(mayEditExternalIds({ role: 'user', isPrimaryContact: false }, true, true)).toBe(false);
    expect(accountOperationRefusal(actor('manager'), target('user_admin'), 'external-id-grant')).toBe(
      'Only the Primary Contact grants the External ID permission.',
    );
    expect(accountOperationRefusal(actor('manager', { isPrimaryContact: true }), target('user'), 'external-id-grant')).toBe(
      'The permission is granted only to Managers, Unit Managers and User Administrators.',
    );
  });
});
