import { and, eq, isNull, sql } from 'drizzle-orm';
import type { z } from 'zod';
import { ActionError } from '@/lib/actions/result';
import type { ActionActor, ActionContext, ActionDefinition } from '@/lib/actions/run';
import { hashPassword } from '@/lib/auth/password-hash';
import type { Queryable, Tx } from '@/lib/db';
import { accounts, passwordHistory, sessions } from '@/lib/db/schema';
import { nodeIdOf } from '@/lib/hierarchy/queries';
import { isInSubtree } from '@/lib/hierarchy/rules';
import { queueMail } from '@/lib/mail/outbox';
import { loadEffectivePolicy } from '@/lib/policy/queries';
import { issueGeneratedPassword } from '@/lib/recovery/issue';
import { passwordResetMail } from '@/lib/recovery/mail';
import { resolveSettings } from '@/lib/security-settings/queries';
import { revokeAccountSessions } from '@/lib/sessions/commands';
import { refuseDuplicateExternalId } from './external-ids';
import { roleLabel } from './fields';
import {
  accountFormSchema,
  accountRefFormSchema,
  disableAccountFormSchema,
  endOneSessionFormSchema,
  externalIdFormSchema,
  externalIdGrantFormSchema,
  neverExpireFlagFormSchema,
  sessionOverrideFormSchema,
} from './forms';
import { type AccountDetail, findAccount, hasExternalIdGrant } from './queries';
import { type AccountOperation, accountOperationRefusal, assignableRoles, mayEditExternalIds, type RuleActor } from './rules';
import { generateTemporaryPassword } from './temp-password';

/*
 * Commands of /users: Account Information (create, edit, External ID) and the Security tab. Each one
 * re-reads the target under a row lock, inside the actor's subtree, and applies the rules of SPEC §1
 * (lib/users/rules.ts) before writing.
 */

type Username = { username: string };

/** The target's node, for the wrapper's scope check; unknown and out-of-scope both give null. */
async function targetOfUsername(input: Username, tx: Tx, actor: ActionActor) {
  return (await findAccount(tx, { username: input.username }, { scope: actor.nodePath }))?.nodePath ?? null;
}

async function lockedTarget(tx: Tx, actor: ActionActor, username: string, op: AccountOperation): Promise<AccountDetail> {
  const target = await findAccount(tx, { username }, { scope: actor.nodePath, lock: true });
  if (!target) throw new ActionError(`You can act only on accounts at ${actor.nodePath} and below.`);
  const refusal = accountOperationRefusal(actor, target, op);
  if (refusal) throw new ActionError(refusal);
  return target;
}

/** May the actor edit External IDs now? The grant and the setting are read fresh in the transaction. */
export async function externalIdsEditable(q: Queryable, actor: RuleActor): Promise<boolean> {
  const settingOn = (await resolveSettings(q, actor.nodePath, ['externalIds'])).externalIds.value.allowOthers;
  return mayEditExternalIds(actor, await hasExternalIdGrant(q, actor.accountId), settingOn);
}

async function neverExpireAvailable(q: Queryable, path: string): Promise<boolean> {
  const v = (await resolveSettings(q, path, ['neverExpire'])).neverExpire.value;
  return v.activated && v.accepted;
}

/**
 * A command on one account named by the form: the wrapper's scope check uses the account's node, and
 * the body receives the target locked and checked against the operation's rules.
 */
function accountCommand<S extends z.ZodType<Username>, R>(d: {
  name: string;
  permission: ActionDefinition<S, R>['permission'];
  schema: S;
  operation: AccountOperation;
  run: (ctx: ActionContext<z.infer<S>>, target: AccountDetail) => Promise<R>;
}): ActionDefinition<S, R> {
  return {
    name: d.name,
    permission: d.permission,
    schema: d.schema,
    targetNode: (input, tx, actor) => targetOfUsername(input, tx, actor),
    run: async (ctx) => d.run(ctx, await lockedTarget(ctx.tx, ctx.actor, ctx.input.username, d.operation)),
  };
}

type AuditFn = ActionContext<unknown>['audit'];
const auditAccount = (audit: AuditFn, t: AccountDetail, action: string, before: unknown, after: unknown) =>
  audit({ action, nodePath: t.nodePath, targetType: 'account', targetId: t.username, before, after });

/**
 * "Account Information": create and edit (SPEC §1). The account's current node AND the node it is
 * given must both lie in the actor's subtree; roles above the actor's own cannot be given.
 */
export const saveAccount: ActionDefinition<typeof accountFormSchema, { username: string; temporaryPassword: string | null }> = {
  name: 'saveAccount',
  permission: 'users:write',
  schema: accountFormSchema,
  // The wrapper checks the node the account is put at; the current node is checked in run.
  targetNode: (input) => input.node.toLowerCase(),
  run: async ({ tx, actor, input, audit }) => {
    const nodePath = input.node.toLowerCase();
    const nodeId = await nodeIdOf(tx, nodePath);
    const externalOk = input.externalId !== undefined && (await externalIdsEditable(tx, actor));
    if (input.externalId !== undefined && !externalOk)
      throw new ActionError('You may not edit External IDs.', { externalId: ['You may not edit External IDs'] });
    const fields = {
      firstName: input.firstName,
      lastName: input.lastName,
      email: input.email,
      role: input.role,
      nodeId,
      authSource: input.authSource,
      apiOnly: input.apiOnly,
      ...(externalOk ? { externalId: input.externalId || null } : {}),
    };
    const { nodeId: _n, ...shown } = fields;

    if (input.mode === 'create') {
      if (!assignableRoles(actor.role).includes(input.role))
        throw new ActionError(`You cannot create an account with the role ${roleLabel(input.role)}.`, { role: ['Not a role you can give'] });
      if (await findAccount(tx, { username: input.username }))
        throw new ActionError('That username is taken.', { username: ['That username is taken'] });
      if (fields.externalId)
        await refuseDuplicateExternalId(tx, { nodePath, externalId: fields.externalId, accountId: 0, actorNodePath: actor.nodePath });
      let temporaryPassword: string | null = null;
      let passwordHash: string | null = null;
      let mailed = false;
      let mustChangePassword = false;
      if (input.authSource === 'local') {
        const { policy } = await loadEffectivePolicy(tx, nodePath, null);
        // A policy without user-defined passwords sends the first one by e-mail; nobody sees it.
        mailed = !policy.allowUserDefinedPasswords;
        if (mailed && !input.email.trim())
          throw new ActionError('This policy sends generated passwords by e-mail: enter an e-mail address.', {
            email: ['Needed to send the generated password'],
          });
        temporaryPassword = generateTemporaryPassword(policy.minimumPasswordLength);
        passwordHash = await hashPassword(temporaryPassword);
        mustChangePassword = !mailed && policy.mustChangePasswordOnFirstLogin;
      }
      const [created] = await tx
        .insert(accounts)
        .values({
          ...fields,
          username: input.username,
          passwordHash,
          passwordChangedAt: passwordHash ? new Date() : null,
          mustChangePassword,
        })
        .returning({ id: accounts.id });
      if (passwordHash && created) await tx.insert(passwordHistory).values({ accountId: created.id, passwordHash });
      if (mailed && created && temporaryPassword) {
        const how = `set by ${actor.username} when the account was created`;
        await queueMail(
          tx,
          passwordResetMail(
            { id: created.id, username: input.username, email: input.email },
            { at: new Date(), ip: actor.ip, password: temporaryPassword, how },
          ),
        );
        temporaryPassword = null;
      }
      await audit({
        action: 'account.create',
        nodePath,
        targetType: 'account',
        targetId: input.username,
        before: null,
        after: { ...shown, node: nodePath },
      });
      return { username: input.username, temporaryPassword };
    }

    const t = await lockedTarget(tx, actor, input.username, 'edit');
    if (input.role !== t.role) {
      const roleRefusal = accountOperationRefusal(actor, t, 'role');
      if (roleRefusal) throw new ActionError(roleRefusal, { role: [roleRefusal] });
      if (!assignableRoles(actor.role).includes(input.role))
        throw new ActionError(`You cannot give the role ${roleLabel(input.role)}.`, { role: ['Not a role you can give'] });
    }
    if (t.id === actor.accountId && nodePath !== t.nodePath)
      throw new ActionError('You cannot move your own account.', { node: ['You cannot move your own account'] });
    // Moving an account or changing how it signs in changes power over it: the takeover rule applies.
    const changed = (['authSource', 'apiOnly'] as const).filter((k) => input[k] !== t[k]);
    if (nodePath !== t.nodePath || changed.length > 0) {
      const refusal = accountOperationRefusal(actor, t, 'assignment');
      if (refusal) throw new ActionError(refusal, nodePath !== t.nodePath ? { node: [refusal] } : undefined);
    }
    if (!isInSubtree(t.nodePath, actor.nodePath)) throw new ActionError(`You can act only on accounts at ${actor.nodePath} and below.`);
    // Checked also when only the node changes: a move can carry an ID into a scope that holds it.
    const externalId = externalOk ? fields.externalId : t.externalId;
    if (externalId) await refuseDuplicateExternalId(tx, { nodePath, externalId, accountId: t.id, actorNodePath: actor.nodePath });
    // A Primary Contact moved away from its node stops being that node's Primary Contact.
    const primary = t.isPrimaryContact && nodePath === t.nodePath && input.role === 'manager';
    // Never Expire belongs to API-only accounts under an accepted agreement (SPEC §6): it does not
    // survive losing either.
    const neverExpires = t.passwordNeverExpires && input.apiOnly && (nodePath === t.nodePath || (await neverExpireAvailable(tx, nodePath)));
    await tx
      .update(accounts)
      .set({ ...fields, isPrimaryContact: primary, passwordNeverExpires: neverExpires, version: sql`${accounts.version} + 1`, updatedAt: new Date() })
      .where(eq(accounts.id, t.id));
    const before = {
      firstName: t.firstName,
      lastName: t.lastName,
      email: t.email,
      role: t.role,
      node: t.nodePath,
      authSource: t.authSource,
      apiOnly: t.apiOnly,
      externalId: t.externalId,
      isPrimaryContact: t.isPrimaryContact,
      passwordNeverExpires: t.passwordNeverExpires,
    };
    await auditAccount(audit, t, 'account.update', before, {
      ...shown,
      node: nodePath,
      isPrimaryContact: primary,
      passwordNeverExpires: neverExpires,
    });
    return { username: t.username, temporaryPassword: null };
  },
};

/** The External ID alone, for granted accounts that may not edit the rest (Unit Managers). */
export const saveExternalId = accountCommand({
  name: 'saveExternalId',
  permission: 'users:read',
  schema: externalIdFormSchema,
  operation: 'external-id',
  run: async ({ tx, actor, input, audit }, t) => {
    if (!(await externalIdsEditable(tx, actor)))
      throw new ActionError('You may not edit External IDs.', { externalId: ['You may not edit External IDs'] });
    const externalId = input.externalId || null;
    if (externalId) await refuseDuplicateExternalId(tx, { nodePath: t.nodePath, externalId, accountId: t.id, actorNodePath: actor.nodePath });
    await tx.update(accounts).set({ externalId, updatedAt: new Date() }).where(eq(accounts.id, t.id));
    await auditAccount(audit, t, 'account.external-id', { externalId: t.externalId }, { externalId });
    return { externalId };
  },
});

/** Unlock (a locked account) and Re-activate (a disabled one) both make the account active again. */
function restoreCommand(name: string, operation: 'unlock' | 'reactivate', from: 'locked' | 'disabled') {
  return accountCommand({
    name,
    permission: 'users:unlock',
    schema: accountRefFormSchema,
    operation,
    run: async ({ tx, audit }, t) => {
      if (t.status !== from) throw new ActionError(`${t.username} is not ${from}.`);
      // A Manager's "Disable account" is undone only by "Enable account" under the takeover rule.
      if (t.disabledByAdministrator)
        throw new ActionError(`${t.username} was disabled by an administrator; a Manager enables it with "Enable account".`);
      // Re-activating restarts the inactivity clock, or the account would be disabled again at once.
      const restart = from === 'disabled' ? { lastLoginAt: new Date() } : {};
      await tx
        .update(accounts)
        .set({ status: 'active', statusReason: null, lockedUntil: null, failedCount: 0, failedLastAt: null, ...restart, updatedAt: new Date() })
        .where(eq(accounts.id, t.id));
      await auditAccount(audit, t, `account.${operation}`, { status: t.status, statusReason: t.statusReason }, { status: 'active' });
      return { status: 'active' as const };
    },
  });
}

export const unlockAccount = restoreCommand('unlockAccount', 'unlock', 'locked');
export const reactivateAccount = restoreCommand('reactivateAccount', 'reactivate', 'disabled');

export const resetPassword = accountCommand({
  name: 'resetPassword',
  permission: 'users:manage',
  schema: accountRefFormSchema,
  operation: 'reset-password',
  run: async ({ tx, actor, audit }, t) => {
    if (t.authSource !== 'local')
      throw new ActionError(`${t.username} signs in through ${t.authSource.toUpperCase()}; its password is not kept here.`);
    const { policy } = await loadEffectivePolicy(tx, t.nodePath, t.credentialPolicyId);
    if (!policy.allowUserDefinedPasswords) {
      // Generated and e-mailed: the Manager never sees it, so nobody else knows it and no change follows.
      const how = `reset by ${actor.username}`;
      const sent = await issueGeneratedPassword(tx, t, policy, { ip: actor.ip, how, reason: 'password-reset' });
      if (!sent)
        throw new ActionError(`${t.username} has no e-mail address to send a generated password to (its policy does not allow chosen ones).`);
      await auditAccount(
        audit,
        t,
        'account.password-reset',
        { mustChangePassword: t.mustChangePassword },
        { mustChangePassword: false, sentByEmail: true },
      );
      return { temporaryPassword: null };
    }
    const temporaryPassword = generateTemporaryPassword(policy.minimumPasswordLength);
    const hash = await hashPassword(temporaryPassword);
    await tx
      .update(accounts)
      .set({ passwordHash: hash, passwordChangedAt: new Date(), mustChangePassword: true, updatedAt: new Date() })
      .where(eq(accounts.id, t.id));
    await tx.insert(passwordHistory).values({ accountId: t.id, passwordHash: hash });
    const ended = await revokeAccountSessions(tx, t.id, 'password-reset');
    // The password itself is never audited; only that it was reset and must be changed.
    await auditAccount(
      audit,
      t,
      'account.password-reset',
      { mustChangePassword: t.mustChangePassword },
      { mustChangePassword: true, sessionsEnded: ended },
    );
    if (t.email.trim()) {
      const how = `reset by ${actor.username}; the temporary password they were given must be changed at your next sign-in`;
      await queueMail(tx, passwordResetMail(t, { at: new Date(), ip: actor.ip, password: null, how }));
    }
    return { temporaryPassword };
  },
});

export const endSessions = accountCommand({
  name: 'endSessions',
  permission: 'users:manage',
  schema: accountRefFormSchema,
  operation: 'end-sessions',
  run: async ({ tx, audit }, t) => {
    const ended = await revokeAccountSessions(tx, t.id, 'ended-by-administrator');
    await auditAccount(audit, t, 'account.sessions-end', null, { sessionsEnded: ended });
    return { ended };
  },
});

export const setSessionOverride = accountCommand({
  name: 'setSessionOverride',
  permission: 'security:write',
  schema: sessionOverrideFormSchema,
  operation: 'session-timeout',
  run: async ({ tx, input, audit }, t) => {
    const minutes = input.sessionTimeoutMinutes ?? null;
    await tx.update(accounts).set({ sessionTimeoutMinutes: minutes, updatedAt: new Date() }).where(eq(accounts.id, t.id));
    await auditAccount(audit, t, 'account.session-timeout', { sessionTimeoutMinutes: t.sessionTimeoutMinutes }, { sessionTimeoutMinutes: minutes });
    return { sessionTimeoutMinutes: minutes };
  },
});

/** Step 3 of SPEC §6: only API-only accounts, only where the agreement is accepted. */
export const setNeverExpireFlag = accountCommand({
  name: 'setNeverExpireFlag',
  permission: 'security:write',
  schema: neverExpireFlagFormSchema,
  operation: 'never-expire',
  run: async ({ tx, input, audit }, t) => {
    if (input.neverExpires) {
      if (!t.apiOnly) throw new ActionError('Only API-only accounts can have a password that never expires.');
      if (!(await neverExpireAvailable(tx, t.nodePath))) {
        throw new ActionError(
          'Password Never Expires is not available here: it must be activated and its agreement accepted by the Primary Contact.',
        );
      }
    }
    await tx.update(accounts).set({ passwordNeverExpires: input.neverExpires, updatedAt: new Date() }).where(eq(accounts.id, t.id));
    await auditAccount(
      audit,
      t,
      'account.never-expire',
      { passwordNeverExpires: t.passwordNeverExpires },
      { passwordNeverExpires: input.neverExpires },
    );
    return { neverExpires: input.neverExpires };
  },
});

/** The Primary Contact's grant; refused while the setting is off (SPEC §4: "it cannot be granted"). */
export const setExternalIdGrant = accountCommand({
  name: 'setExternalIdGrant',
  permission: 'security:write',
  schema: externalIdGrantFormSchema,
  operation: 'external-id-grant',
  run: async ({ tx, input, audit }, t) => {
    if (!(await resolveSettings(tx, t.nodePath, ['externalIds'])).externalIds.value.allowOthers) {
      throw new ActionError('Turn on "Allow other users to manage external IDs" on the Security page first.');
    }
    await tx.update(accounts).set({ canManageExternalIds: input.granted, updatedAt: new Date() }).where(eq(accounts.id, t.id));
    await auditAccount(
      audit,
      t,
      'account.external-id-grant',
      { canManageExternalIds: t.canManageExternalIds },
      { canManageExternalIds: input.granted },
    );
    return { granted: input.granted };
  },
});

/**
 * "Make Primary Contact" (SPEC §1): one per node, by a Manager of a node above or the System operator
 * (the takeover rule). The previous Primary Contact loses it in the same transaction, before the new
 * one gains it, so the database's one-per-node index never sees two; both rows are locked.
 */
export const makePrimaryContact = accountCommand({
  name: 'makePrimaryContact',
  permission: 'security:write',
  schema: accountRefFormSchema,
  operation: 'primary-contact',
  run: async ({ tx, audit }, t) => {
    if (t.isPrimaryContact) throw new ActionError(`${t.username} is already the Primary Contact of ${t.nodePath}.`);
    if (t.status !== 'active') throw new ActionError(`${t.username} is ${t.status}; enable or unlock the account first.`);
    const previous = await tx
      .select({ id: accounts.id, username: accounts.username })
      .from(accounts)
      .where(sql`${accounts.nodeId} = ${t.nodeId} and ${accounts.isPrimaryContact}`)
      .for('update');
    if (previous.length > 0) {
      await tx
        .update(accounts)
        .set({ isPrimaryContact: false, updatedAt: new Date() })
        .where(sql`${accounts.nodeId} = ${t.nodeId} and ${accounts.isPrimaryContact}`);
    }
    try {
      await tx.update(accounts).set({ isPrimaryContact: true, updatedAt: new Date() }).where(eq(accounts.id, t.id));
    } catch {
      // The one-per-node index: another change named a Primary Contact for this node meanwhile.
      throw new ActionError(`The Primary Contact of ${t.nodePath} was changed at the same time. Reload the page and try again.`);
    }
    const was = previous[0]?.username ?? null;
    await auditAccount(audit, t, 'account.primary-contact', { primaryContact: was }, { primaryContact: t.username });
    return { previous: was };
  },
});

/**
 * "Disable account" (distinct from a lock: it does not lapse and is not cleared by Unlock or
 * Re-activate): a Manager's decision with a reason, under the takeover rule. The account's sessions
 * end at once (SPEC §3: disabling applies at once).
 */
export const disableAccount = accountCommand({
  name: 'disableAccount',
  permission: 'security:write',
  schema: disableAccountFormSchema,
  operation: 'disable',
  run: async ({ tx, input, audit }, t) => {
    if (t.status === 'disabled' && t.disabledByAdministrator) throw new ActionError(`${t.username} is already disabled.`);
    await tx
      .update(accounts)
      .set({ status: 'disabled', statusReason: input.reason, disabledByAdministrator: true, lockedUntil: null, updatedAt: new Date() })
      .where(eq(accounts.id, t.id));
    const ended = await revokeAccountSessions(tx, t.id, 'account-disabled');
    await auditAccount(
      audit,
      t,
      'account.disable',
      { status: t.status, statusReason: t.statusReason },
      { status: 'disabled', statusReason: input.reason, sessionsEnded: ended },
    );
    return { status: 'disabled' as const };
  },
});

/** "Enable account": undoes a disable (by hand or automatic), under the same rule as disabling. */
export const enableAccount = accountCommand({
  name: 'enableAccount',
  permission: 'security:write',
  schema: accountRefFormSchema,
  operation: 'disable',
  run: async ({ tx, audit }, t) => {
    if (t.status !== 'disabled') throw new ActionError(`${t.username} is not disabled.`);
    // Enabling restarts the inactivity clock, or the account would be disabled again at once.
    await tx
      .update(accounts)
      .set({
        status: 'active',
        statusReason: null,
        disabledByAdministrator: false,
        failedCount: 0,
        failedLastAt: null,
        lastLoginAt: new Date(),
        updatedAt: new Date(),
      })
      .where(eq(accounts.id, t.id));
    await auditAccount(audit, t, 'account.enable', { status: t.status, statusReason: t.statusReason }, { status: 'active' });
    return { status: 'active' as const };
  },
});

/** Ends one session of the account (the Security tab's list), with the same rule as "End sessions". */
export const endOneSession = accountCommand({
  name: 'endOneSession',
  permission: 'users:manage',
  schema: endOneSessionFormSchema,
  operation: 'end-sessions',
  run: async ({ tx, input, audit }, t) => {
    const ended = await tx
      .update(sessions)
      .set({ revokedAt: new Date(), revokedReason: 'ended-by-administrator' })
      .where(and(eq(sessions.idHash, input.session), eq(sessions.accountId, t.id), isNull(sessions.revokedAt)))
      .returning({ ip: sessions.ip, createdAt: sessions.createdAt });
    if (ended.length === 0) throw new ActionError('That session has already ended.');
    await auditAccount(audit, t, 'account.session-end', null, { sessionsEnded: 1, ip: ended[0]?.ip, startedAt: ended[0]?.createdAt });
    return { ended: 1 };
  },
});
