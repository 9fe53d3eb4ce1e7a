import { eq } from 'drizzle-orm';
import type { ActionDefinition } from '@/lib/actions/run';
import { changeOwnPasswordDef, verifyTwoFactorDef } from '@/lib/auth/stage-commands';
import type { Tx } from '@/lib/db/connect';
import { accounts, nodeSettings, nodes, sessions } from '@/lib/db/schema';
import * as hierarchy from '@/lib/hierarchy/commands';
import { AGREEMENT_VERSION } from '@/lib/never-expire/agreement';
import { decideNeverExpire, setNeverExpireActivation } from '@/lib/never-expire/commands';
import * as policy from '@/lib/policy/commands';
import { DEFAULT_QUESTION_POOL, defaultPolicyValues } from '@/lib/policy/fields';
import { toFormValues } from '@/lib/policy/forms';
import { saveSecurityQuestionsDef } from '@/lib/recovery/commands';
import * as settings from '@/lib/security-settings/commands';
import { enrolAuthenticatorDef, newRecoveryCodesDef, resetTwoFactorDef } from '@/lib/totp/commands';
import { seal } from '@/lib/totp/secret-box';
import { newTotpSecret } from '@/lib/totp/totp';
import * as userCommands from '@/lib/users/commands';
import type { Role } from '@/lib/users/fields';
import * as userSecurityCommands from '@/lib/users/security-commands';
import * as userStatusCommands from '@/lib/users/status-commands';
import { ACCOUNT_TARGETS, type AccountTarget, MATRIX_PASSWORD, type MatrixOrg, NODE, type NodeKind } from './authorization-org';

/**
 * The authorisation matrix: one row per server action, each naming by hand the targets every role may
 * act on. tests/integration/authorization-matrix.test.ts runs every role × every target of every row
 * and refuses an action of lib/<concept>/commands.ts (or a feature's *-commands.ts) that has no row here. The expectations are
 * written from SPEC §1 (roles, scope, the takeover rule), not derived from the code under test.
 */

const users = { ...userCommands, ...userSecurityCommands, ...userStatusCommands };

export type TargetKind = AccountTarget | NodeKind | 'self';
type Entries = Record<string, string | boolean | number | undefined>;

export interface CaseContext {
  /** The target: an account's username (account rows), a node path (node rows), or the actor itself. */
  username: string;
  node: string;
  nodeKind: NodeKind;
  org: MatrixOrg;
}

export interface MatrixRow {
  // biome-ignore lint/suspicious/noExplicitAny: rows hold actions of every input and result type
  action: ActionDefinition<any, any>;
  /** Tells apart two rows of one action (create and edit). */
  variant?: string;
  targets: 'account' | 'node' | 'self';
  input(c: CaseContext): Entries;
  /** Puts the target in the state the action needs (a locked account to unlock), inside the case's transaction. */
  prepare?(tx: Tx, c: CaseContext): Promise<void>;
  /** Who may act on which target; every other role × target must be refused and write nothing. */
  allow: Partial<Record<Role, readonly TargetKind[]>>;
  /**
   * Cells where today's code still disagrees with `allow`, each a known weakness with its fix under
   * way. The test asserts they still behave as today, so a fix makes it fail until the cell is removed.
   */
  gaps?: Partial<Record<Role, readonly TargetKind[]>>;
}

export const targetsOf = (row: MatrixRow): readonly TargetKind[] =>
  row.targets === 'account' ? ACCOUNT_TARGETS : row.targets === 'node' ? (Object.keys(NODE) as NodeKind[]) : ['self'];

const ALL_ACCOUNTS = ACCOUNT_TARGETS;
const BELOW: readonly AccountTarget[] = ['below-manager', 'below-unit', 'below-useradmin', 'below-user'];
const ALL_NODES: readonly NodeKind[] = ['above', 'top', 'below', 'outside'];
const OWN_SUBTREE: readonly NodeKind[] = ['top', 'below'];
const without = <T>(list: readonly T[], ...drop: T[]) => list.filter((t) => !drop.includes(t));
/**
 * The takeover rule's answer for Manager-only operations on an account: the System operator on every
 * account but itself and its peer, a Manager on the accounts below its node.
 */
const MANAGERS_TAKE_OVER = { system_operator: without(ALL_ACCOUNTS, 'self', 'peer'), manager: BELOW };

const setStatus = (status: 'locked' | 'disabled') => async (tx: Tx, c: CaseContext) => {
  await tx.update(accounts).set({ status, statusReason: 'matrix' }).where(eq(accounts.username, c.username));
};

const SESSION_HASH = 'a'.repeat(64);

const nodeIdOf = async (tx: Tx, path: string) => (await tx.select({ id: nodes.id }).from(nodes).where(eq(nodes.path, path)))[0]!.id;

async function setGroup(tx: Tx, path: string, group: 'externalIds' | 'neverExpire', value: unknown) {
  await tx
    .insert(nodeSettings)
    .values({ nodeId: await nodeIdOf(tx, path), group, value })
    .onConflictDoUpdate({ target: [nodeSettings.nodeId, nodeSettings.group], set: { value } });
}

const policyForm = (c: CaseContext) => ({ ...toFormValues(defaultPolicyValues()), name: `Matrix ${c.nodeKind} edited` }) as Entries;

/*
 * Account operations (SPEC §1). Operations that yield or change credentials or power (password reset,
 * policy assignment, session override, Never Expire) follow the takeover rule: the actor holds every
 * permission of the target and ranks above it — a higher role, or the same role at a node above the
 * target's (so never an equal-rank peer, nor oneself). Unlock, re-activate and end sessions follow the
 * role table. Editing names and email of an equal-rank account is allowed; of a higher one, not.
 */
const EVERY_ROW: MatrixRow[] = [
  {
    action: users.saveAccount,
    variant: 'edit',
    targets: 'account',
    input: (c) => ({
      mode: 'edit',
      username: c.username,
      firstName: 'Edited',
      lastName: 'Matrix',
      email: '',
      role: roleOfTarget(c),
      node: c.node,
      authSource: 'local',
    }),
    allow: {
      system_operator: ALL_ACCOUNTS,
      manager: without(ALL_ACCOUNTS, 'outside-user'),
      user_admin: ['self', 'peer', 'below-unit', 'below-useradmin', 'below-user'],
    },
  },
  {
    action: users.saveAccount,
    variant: 'create',
    targets: 'node',
    input: (c) => ({
      mode: 'create',
      username: `mx.new.${c.nodeKind}`,
      firstName: 'New',
      lastName: 'User',
      email: '',
      role: 'user',
      node: c.node,
      authSource: 'sso',
    }),
    allow: { system_operator: ALL_NODES, manager: OWN_SUBTREE, user_admin: OWN_SUBTREE },
  },
  {
    action: users.saveExternalId,
    targets: 'account',
    input: (c) => ({ username: c.username, externalId: 'EMP-MATRIX' }),
    // The Primary Contact (mx.manager) and the System operator; others need a grant, which no actor here holds.
    allow: { system_operator: ALL_ACCOUNTS, manager: without(ALL_ACCOUNTS, 'outside-user') },
  },
  // Unlock and re-activate give no credentials: the role table decides (SPEC §1), not the takeover rule.
  restoreRow(users.unlockAccount, 'locked'),
  restoreRow(users.reactivateAccount, 'disabled'),
  {
    action: users.resetPassword,
    targets: 'account',
    input: (c) => ({ username: c.username }),
    allow: {
      system_operator: without(ALL_ACCOUNTS, 'self', 'peer'),
      manager: BELOW,
      // Not a User Administrator: a Unit Manager lacks its right to create accounts.
      unit_manager: ['below-unit', 'below-user'],
      // Nor a Unit Manager: it holds rights a User Administrator lacks (Locked accounts, Reset two-factor).
      user_admin: ['below-useradmin', 'below-user'],
    },
  },
  // Ending sessions gives nothing either; for User Administrators "no unlocking of Managers" extends to their sessions.
  restoreRow(users.endSessions),
  {
    action: users.setSessionOverride,
    targets: 'account',
    input: (c) => ({ username: c.username, sessionTimeoutMinutes: '30' }),
    allow: MANAGERS_TAKE_OVER,
  },
  {
    action: users.setNeverExpireFlag,
    targets: 'account',
    input: (c) => ({ username: c.username }),
    allow: MANAGERS_TAKE_OVER,
  },
  {
    action: users.setExternalIdGrant,
    targets: 'account',
    input: (c) => ({ username: c.username, granted: 'on' }),
    prepare: async (tx, c) => setGroup(tx, c.node, 'externalIds', { allowOthers: true }),
    // Granted only to Managers, Unit Managers and User Administrators, by the Primary Contact or the operator.
    allow: {
      system_operator: ['below-manager', 'below-unit', 'below-useradmin'],
      manager: ['self', 'peer', 'below-manager', 'below-unit', 'below-useradmin'],
    },
  },
  {
    action: policy.assignPolicyDef,
    targets: 'account',
    input: (c) => ({ username: c.username, policyId: c.node === 'sys' ? c.org.rootPolicy : c.org.policyAt.above }),
    allow: MANAGERS_TAKE_OVER,
  },

  {
    action: users.endOneSession,
    targets: 'account',
    input: (c) => ({ username: c.username, session: SESSION_HASH }),
    prepare: async (tx, c) => {
      const [a] = await tx.select({ id: accounts.id }).from(accounts).where(eq(accounts.username, c.username));
      await tx
        .insert(sessions)
        .values({ idHash: SESSION_HASH, accountId: a!.id, idleTimeoutMinutes: 20, absoluteTimeoutMinutes: 0, ip: '192.0.2.1' });
    },
    allow: restoreRow(users.endSessions).allow,
  },
  {
    action: users.disableAccount,
    targets: 'account',
    input: (c) => ({ username: c.username, reason: 'matrix' }),
    allow: MANAGERS_TAKE_OVER,
  },
  {
    action: users.enableAccount,
    targets: 'account',
    input: (c) => ({ username: c.username }),
    prepare: setStatus('disabled'),
    allow: MANAGERS_TAKE_OVER,
  },
  {
    action: users.makePrimaryContact,
    targets: 'account',
    input: (c) => ({ username: c.username }),
    // The Manager below is its node's Primary Contact already: clear it, so the case tests who may name one.
    prepare: async (tx, c) => {
      await tx.update(accounts).set({ isPrimaryContact: false }).where(eq(accounts.username, c.username));
    },
    // Only Managers become Primary Contact, named by a Manager of a node above or the operator.
    allow: { system_operator: ['below-manager'], manager: ['below-manager'] },
  },

  // The hierarchy (node rows): add under, rename and delete nodes within the subtree.
  {
    action: hierarchy.addNode,
    targets: 'node',
    // A type each parent admits: a provider under sys.hcs, a site under a customer; nothing under a site.
    input: (c) => ({ node: c.node, name: 'Matrix Added', type: c.nodeKind === 'above' ? 'provider' : 'site' }),
    allow: { system_operator: ['above', 'top', 'outside'], manager: ['top'] },
  },
  {
    action: hierarchy.renameNode,
    targets: 'node',
    input: (c) => ({ node: c.node, name: 'Matrix Renamed' }),
    allow: { system_operator: ALL_NODES, manager: OWN_SUBTREE },
  },
  {
    action: hierarchy.deleteNode,
    targets: 'node',
    input: (c) => ({ node: c.node }),
    // Emptied where that leaves the actors in place: the node below and the one outside.
    prepare: async (tx, c) => {
      if (c.nodeKind === 'below' || c.nodeKind === 'outside') await tx.delete(accounts).where(eq(accounts.nodeId, await nodeIdOf(tx, c.node)));
    },
    // sys.hcs is a system node; the actors' own node holds them.
    allow: { system_operator: ['below', 'outside'], manager: ['below'] },
  },
  {
    action: hierarchy.listNodeChildren,
    targets: 'node',
    input: (c) => ({ node: c.node }),
    allow: { system_operator: ALL_NODES, manager: OWN_SUBTREE },
  },

  // Security page sections and Password Never Expires (node rows).
  { action: settings.saveIpAllowlist, targets: 'node', input: (c) => ({ node: c.node, entries: '' }), allow: securityWriters() },
  { action: settings.saveTwoFactor, targets: 'node', input: (c) => ({ node: c.node, required: 'on' }), allow: securityWriters() },
  {
    action: settings.saveExternalIds,
    targets: 'node',
    input: (c) => ({ node: c.node, allowOthers: 'on' }),
    // Only the Primary Contact (of the actor's own node) and the operator.
    allow: securityWriters(),
  },
  { action: settings.enableDataSecurityModel, targets: 'node', input: (c) => ({ node: c.node, confirm: 'on' }), allow: securityWriters() },
  { action: settings.saveSessionTimeouts, targets: 'node', input: (c) => ({ node: c.node, manager: '60' }), allow: securityWriters() },
  {
    action: settings.revertSetting,
    targets: 'node',
    input: (c) => ({ node: c.node, group: 'externalIds' }),
    prepare: async (tx, c) => setGroup(tx, c.node, 'externalIds', { allowOthers: false }),
    allow: securityWriters(),
  },
  { action: setNeverExpireActivation, targets: 'node', input: (c) => ({ node: c.node, activate: 'on' }), allow: { system_operator: ALL_NODES } },
  {
    action: decideNeverExpire,
    targets: 'node',
    input: (c) => ({ node: c.node, decision: 'accept', textVersion: AGREEMENT_VERSION, understood: 'on' }),
    prepare: async (tx, c) => setGroup(tx, c.node, 'neverExpire', { activated: true, accepted: false }),
    // Only the Primary Contact of the node itself.
    allow: { manager: ['top'] },
  },

  // Credential policies (node rows: the policy or default at that node).
  {
    action: policy.savePolicyDef,
    variant: 'create',
    targets: 'node',
    input: (c) => ({ ...policyForm(c), mode: 'create', node: c.node }),
    allow: policyWriters(),
  },
  {
    action: policy.savePolicyDef,
    variant: 'edit',
    targets: 'node',
    input: (c) => ({ ...policyForm(c), mode: 'edit', policyId: c.org.policyAt[c.nodeKind], version: 1 }),
    allow: policyWriters(),
  },
  {
    action: policy.renamePolicyDef,
    targets: 'node',
    input: (c) => ({ policyId: c.org.policyAt[c.nodeKind], version: 1, name: `Matrix ${c.nodeKind} renamed` }),
    allow: policyWriters(),
  },
  { action: policy.deletePolicyDef, targets: 'node', input: (c) => ({ policyId: c.org.policyAt[c.nodeKind], version: 1 }), allow: policyWriters() },
  {
    action: policy.setDefaultPolicyDef,
    targets: 'node',
    input: (c) => ({ node: c.node, policyId: c.org.policyAt[c.nodeKind] }),
    allow: policyWriters(),
  },
  {
    action: policy.previewPolicyDef,
    targets: 'node',
    input: (c) => ({ ...policyForm(c), mode: 'edit', policyId: c.org.policyAt[c.nodeKind], version: 1 }),
    allow: policyReaders(),
  },
  {
    action: policy.previewDefaultDef,
    targets: 'node',
    input: (c) => ({ node: c.node, policyId: c.org.policyAt[c.nodeKind] }),
    allow: policyReaders(),
  },

  // The account's own password and the sign-in stages: no target but the actor.
  {
    action: changeOwnPasswordDef,
    targets: 'self',
    input: () => ({
      currentPassword: MATRIX_PASSWORD,
      newPassword: 'Matrix-Fresh-Passphrase-2291#',
      confirmNewPassword: 'Matrix-Fresh-Passphrase-2291#',
    }),
    allow: { system_operator: ['self'], manager: ['self'], unit_manager: ['self'], user_admin: ['self'], user: ['self'] },
  },
  // A completed session cannot call the two-factor step of a sign-in (the stage gate).
  { action: verifyTwoFactorDef, targets: 'self', input: () => ({ code: '123456' }), allow: {} },
  {
    action: saveSecurityQuestionsDef,
    targets: 'self',
    input: () => ({
      password: MATRIX_PASSWORD,
      ...Object.fromEntries(
        DEFAULT_QUESTION_POOL.slice(0, 3).flatMap((q, i) => [
          [`question${i + 1}`, q],
          [`answer${i + 1}`, `answer ${i + 1}`],
        ]),
      ),
    }),
    allow: everyoneSelf(),
  },
  // The new secret is derived from the live session; the matrix's actors have none, so every call is
  // refused here (tests/integration/two-factor-recovery.test.ts enrols with sessions).
  { action: enrolAuthenticatorDef, targets: 'self', input: () => ({ code: '123456' }), allow: {} },
  {
    action: newRecoveryCodesDef,
    targets: 'self',
    input: () => ({ current: MATRIX_PASSWORD }),
    prepare: withAuthenticator,
    allow: everyoneSelf(),
  },
  {
    action: resetTwoFactorDef,
    targets: 'account',
    input: (c) => ({ username: c.username }),
    prepare: withAuthenticator,
    // Unit Manager and above, under the takeover rule: a higher role, or the same role at a node above.
    allow: { ...MANAGERS_TAKE_OVER, unit_manager: ['below-unit', 'below-user'] },
  },
];

async function withAuthenticator(tx: Tx, c: CaseContext) {
  await tx
    .update(accounts)
    .set({ totpSecretEnc: seal(newTotpSecret()) })
    .where(eq(accounts.username, c.username));
}
function everyoneSelf(): MatrixRow['allow'] {
  return { system_operator: ['self'], manager: ['self'], unit_manager: ['self'], user_admin: ['self'], user: ['self'] };
}

function restoreRow(action: MatrixRow['action'], from?: 'locked' | 'disabled'): MatrixRow {
  return {
    action,
    targets: 'account',
    input: (c) => ({ username: c.username }),
    prepare: from && setStatus(from),
    allow: {
      system_operator: without(ALL_ACCOUNTS, 'self'),
      manager: ['peer', ...BELOW],
      unit_manager: ['peer', ...BELOW],
      // "No unlocking of Managers" for User Administrators.
      user_admin: ['peer', 'below-unit', 'below-useradmin', 'below-user'],
    },
  };
}

function securityWriters(): MatrixRow['allow'] {
  return { system_operator: ALL_NODES, manager: OWN_SUBTREE };
}
function policyWriters(): MatrixRow['allow'] {
  return { system_operator: ALL_NODES, manager: OWN_SUBTREE };
}
function policyReaders(): MatrixRow['allow'] {
  return { system_operator: ALL_NODES, manager: OWN_SUBTREE, unit_manager: OWN_SUBTREE, user_admin: OWN_SUBTREE };
}

/** The role the edited account already has (an edit that does not change it). */
function roleOfTarget(c: CaseContext): Role {
  const m = /^mx\.(?:below\.)?(operator|manager|unit|useradmin|user)(?:\.peer)?$/.exec(c.username);
  const short = c.username === 'operator' ? 'operator' : (m?.[1] ?? 'user');
  return ({ operator: 'system_operator', manager: 'manager', unit: 'unit_manager', useradmin: 'user_admin', user: 'user' } as const)[
    short as 'operator'
  ];
}

export const MATRIX: readonly MatrixRow[] = EVERY_ROW;

export const rowName = (row: MatrixRow) => (row.variant ? `${row.action.name} (${row.variant})` : row.action.name);
