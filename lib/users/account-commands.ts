import { eq, sql } from 'drizzle-orm';
import type { ActionDefinition } from '@/lib/actions/run';
import { ActionError } from '@/lib/actions/result';
import type { Queryable } from '@/lib/db/connect';
import { accounts, passwordHistory } from '@/lib/db/schema';
import { hashPassword } from '@/lib/auth/password-hash';
import { isInSubtree } from '@/lib/hierarchy/paths';
import { resolveSettings } from '@/lib/hierarchy/queries';
import { loadEffectivePolicy } from '@/lib/policy/queries';
import { nodeIdOf } from '@/lib/security-settings/store';
import { accountOperationRefusal, assignableRoles, mayEditExternalIds, roleName, type RuleActor } from './rules';
import { findAccount } from './queries';
import { generateTemporaryPassword } from './temp-password';
import { actorHasExternalIdGrant, lockedTarget, targetOfUsername } from './commands';
import { accountFormSchema, externalIdFormSchema } from './forms';

/** May the actor edit External IDs now? The grant and the setting are read fresh in the transaction. */
export async function externalIdsEditable(tx: Queryable, actor: RuleActor): Promise<boolean> {
  const settingOn = (await resolveSettings(tx, actor.nodePath, ['externalIds'])).externalIds.value.allowOthers;
  return mayEditExternalIds(actor, await actorHasExternalIdGrant(tx, actor.accountId), settingOn);
}

type Result = { username: string; temporaryPassword: string | null };

async function neverExpireAccepted(tx: Queryable, path: string): Promise<boolean> {
  const v = (await resolveSettings(tx, path, ['neverExpire'])).neverExpire.value;
  return v.activated && v.accepted;
}

/**
 * "Account Information": create and edit (SPEC §1). The account's current node AND the node it is
 * given must both lie in the actor's subtree; roles above the actor's own cannot be given.
 */
export const saveAccount: ActionDefinition<typeof accountFormSchema, Result> = {
  name: 'saveAccount',
  permission: 'users:write',
  schema: accountFormSchema,
  // The wrapper checks the node the account is put at; the current node is checked in run.
  targetNode: (input) => input.node.toLowerCase(),
  run: async ({ tx, actor, input, audit }) => {
    const nodePath = input.node.toLowerCase();
    const nodeId = await nodeIdOf(tx, nodePath);
    const externalOk = input.externalId !== undefined && (await externalIdsEditable(tx, actor));
    if (input.externalId !== undefined && !externalOk) throw new ActionError('You may not edit External IDs.', { externalId: ['You may not edit External IDs'] });
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

    if (input.mode === 'create') {
      if (!assignableRoles(actor.role).includes(input.role)) throw new ActionError(`You cannot create an account with the role ${roleName(input.role)}.`, { role: ['Not a role you can give'] });
      const [taken] = await tx.select({ id: accounts.id }).from(accounts).where(sql`lower(${accounts.username}) = ${input.username.toLowerCase()}`);
      if (taken) throw new ActionError('That username is taken.', { username: ['That username is taken'] });
      let temporaryPassword: string | null = null;
      let passwordHash: string | null = null;
      if (input.authSource === 'local') {
        const { policy } = await loadEffectivePolicy(tx, nodePath, null);
        temporaryPassword = generateTemporaryPassword(policy.minimumPasswordLength);
        passwordHash = await hashPassword(temporaryPassword);
      }
      const [created] = await tx
        .insert(accounts)
        .values({ ...fields, username: input.username, passwordHash, passwordChangedAt: passwordHash ? new Date() : null, mustChangePassword: passwordHash != null })
        .returning({ id: accounts.id });
      if (passwordHash) await tx.insert(passwordHistory).values({ accountId: created!.id, passwordHash });
      const { nodeId: _n, ...shown } = fields;
      await audit({ action: 'account.create', nodePath, targetType: 'account', targetId: input.username, before: null, after: { ...shown, node: nodePath } });
      return { username: input.username, temporaryPassword };
    }

    const t = await findAccount(tx, input.username, actor.nodePath, { lock: true });
    if (!t) throw new ActionError(`You can act only on accounts at ${actor.nodePath} and below.`);
    const target = { id: t.id, role: t.role, nodePath: t.nodePath };
    const refusal = accountOperationRefusal(actor, target, 'edit');
    if (refusal) throw new ActionError(refusal);
    if (input.role !== t.role) {
      const roleRefusal = accountOperationRefusal(actor, target, 'role');
      if (roleRefusal) throw new ActionError(roleRefusal, { role: [roleRefusal] });
      if (!assignableRoles(actor.role).includes(input.role)) throw new ActionError(`You cannot give the role ${roleName(input.role)}.`, { role: ['Not a role you can give'] });
    }
    if (t.id === actor.accountId && nodePath !== t.nodePath) throw new ActionError('You cannot move your own account.', { node: ['You cannot move your own account'] });
    if (!isInSubtree(t.nodePath, actor.nodePath)) throw new ActionError(`You can act only on accounts at ${actor.nodePath} and below.`);
    // A Primary Contact moved away from its node stops being that node's Primary Contact.
    const primary = t.isPrimaryContact && nodePath === t.nodePath && input.role === 'manager';
    // Never Expire belongs to API-only accounts under an accepted agreement (SPEC §6): it does not
    // survive losing either.
    const neverExpires = t.passwordNeverExpires && input.apiOnly && (nodePath === t.nodePath || (await neverExpireAccepted(tx, nodePath)));
    await tx
      .update(accounts)
      .set({ ...fields, isPrimaryContact: primary, passwordNeverExpires: neverExpires, version: sql`${accounts.version} + 1`, updatedAt: new Date() })
      .where(eq(accounts.id, t.id));
    const before = { firstName: t.firstName, lastName: t.lastName, email: t.email, role: t.role, node: t.nodePath, authSource: t.authSource, apiOnly: t.apiOnly, externalId: t.externalId, isPrimaryContact: t.isPrimaryContact, passwordNeverExpires: t.passwordNeverExpires };
    const { nodeId: _n, ...shown } = fields;
    await audit({ action: 'account.update', nodePath, targetType: 'account', targetId: t.username, before, after: { ...shown, node: nodePath, isPrimaryContact: primary, passwordNeverExpires: neverExpires } });
    return { username: t.username, temporaryPassword: null };
  },
};

/** The External ID alone, for granted accounts that may not edit the rest (Unit Managers). */
export const saveExternalId: ActionDefinition<typeof externalIdFormSchema, { externalId: string | null }> = {
  name: 'saveExternalId',
  permission: 'users:read',
  schema: externalIdFormSchema,
  targetNode: targetOfUsername,
  run: async ({ tx, actor, input, audit }) => {
    const t = await lockedTarget(tx, actor, input.username, 'external-id');
    if (!(await externalIdsEditable(tx, actor))) throw new ActionError('You may not edit External IDs.', { externalId: ['You may not edit External IDs'] });
    const externalId = input.externalId || null;
    await tx.update(accounts).set({ externalId, updatedAt: new Date() }).where(eq(accounts.id, t.id));
    await audit({ action: 'account.external-id', nodePath: t.nodePath, targetType: 'account', targetId: t.username, before: { externalId: t.externalId }, after: { externalId } });
    return { externalId };
  },
};
