import { eq, sql } from 'drizzle-orm';
import type { PgUpdateSetSource } from 'drizzle-orm/pg-core';
import type { z } from 'zod';
import { ActionError } from '@/lib/actions/result';
import type { ActionActor, ActionContext, ActionDefinition } from '@/lib/actions/run';
import { hashPassword } from '@/lib/auth/password-hash';
import type { Queryable, Tx } from '@/lib/db';
import { accounts, passwordHistory } from '@/lib/db/schema';
import { nodeIdOf } from '@/lib/hierarchy/queries';
import { isInSubtree } from '@/lib/hierarchy/rules';
import { queueMail } from '@/lib/mail/outbox';
import { loadEffectivePolicy } from '@/lib/policy/queries';
import { passwordResetMail } from '@/lib/recovery/mail';
import { resolveSettings } from '@/lib/security-settings/queries';
import { refuseDuplicateExternalId } from './external-ids';
import { roleLabel } from './fields';
import { accountFormSchema, accountRefFormSchema, externalIdFormSchema } from './forms';
import { type AccountDetail, findAccount, hasExternalIdGrant } from './queries';
import { type AccountOperation, accountOperationRefusal, assignableRoles, mayEditExternalIds, type RuleActor } from './rules';
import { generateTemporaryPassword } from './temp-password';

/*
 * Commands of /users: Account Information (create, edit, External ID, Primary Contact) and what every
 * command on one account shares. Each one re-reads the target under a row lock, inside the actor's
 * subtree, and applies the rules of SPEC §1 (lib/users/rules.ts) before writing. The Security tab's
 * commands are in status-commands.ts (lock, disable and their undoing) and security-commands.ts
 * (password, sessions and the account's own settings).
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

export async function neverExpireAvailable(q: Queryable, path: string): Promise<boolean> {
  const v = (await resolveSettings(q, path, ['neverExpire'])).neverExpire.value;
  return v.activated && v.accepted;
}

/**
 * A command on one account named by the form: the wrapper's scope check uses the account's node, and
 * the body receives the target locked and checked against the operation's rules.
 */
export function accountCommand<S extends z.ZodType<Username>, R>(d: {
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

type AccountChangeContext = Pick<ActionContext<unknown>, 'tx' | 'audit'>;
type AccountSet = PgUpdateSetSource<typeof accounts>;

/** Writes to the target's row (locked by accountCommand), stamping updatedAt. */
export const updateAccount = (tx: Tx, t: AccountDetail, set: AccountSet) =>
  tx
    .update(accounts)
    .set({ ...set, updatedAt: new Date() })
    .where(eq(accounts.id, t.id));

/** The audit record of a change to the target account, in the command's transaction. */
export const auditAccount = ({ audit }: AccountChangeContext, t: AccountDetail, action: string, before: unknown, after: unknown) =>
  audit({ action, nodePath: t.nodePath, targetType: 'account', targetId: t.username, before, after });

/** The target's row written and the change audited, for commands that do nothing else in between. */
export async function changeAccount(ctx: AccountChangeContext, t: AccountDetail, action: string, set: AccountSet, before: unknown, after: unknown) {
  await updateAccount(ctx.tx, t, set);
  await auditAccount(ctx, t, action, before, after);
}

/** One setting of the target changed, audited with its old and new value. */
export function setAccountField<K extends keyof AccountDetail & keyof AccountSet>(
  ctx: AccountChangeContext,
  t: AccountDetail,
  action: string,
  field: K,
  value: AccountDetail[K] & AccountSet[K],
) {
  return changeAccount(ctx, t, action, { [field]: value }, { [field]: t[field] }, { [field]: value });
}

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
  run: async (ctx) => {
    const { tx, actor, input, audit } = ctx;
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
    await updateAccount(tx, t, { ...fields, isPrimaryContact: primary, passwordNeverExpires: neverExpires, version: sql`${accounts.version} + 1` });
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
    await auditAccount(ctx, t, 'account.update', before, {
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
  run: async (ctx, t) => {
    if (!(await externalIdsEditable(ctx.tx, ctx.actor)))
      throw new ActionError('You may not edit External IDs.', { externalId: ['You may not edit External IDs'] });
    const externalId = ctx.input.externalId || null;
    if (externalId) await refuseDuplicateExternalId(ctx.tx, { nodePath: t.nodePath, externalId, accountId: t.id, actorNodePath: ctx.actor.nodePath });
    await setAccountField(ctx, t, 'account.external-id', 'externalId', externalId);
    return { externalId };
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
  run: async (ctx, t) => {
    const { tx } = ctx;
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
      await updateAccount(tx, t, { isPrimaryContact: true });
    } catch {
      // The one-per-node index: another change named a Primary Contact for this node meanwhile.
      throw new ActionError(`The Primary Contact of ${t.nodePath} was changed at the same time. Reload the page and try again.`);
    }
    const was = previous[0]?.username ?? null;
    await auditAccount(ctx, t, 'account.primary-contact', { primaryContact: was }, { primaryContact: t.username });
    return { previous: was };
  },
});
