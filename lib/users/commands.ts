import { and, eq } from 'drizzle-orm';
import type { z } from 'zod';
import type { ActionActor, ActionDefinition } from '@/lib/actions/run';
import { ActionError } from '@/lib/actions/result';
import type { Queryable, Tx } from '@/lib/db/connect';
import { accounts, passwordHistory } from '@/lib/db/schema';
import { hashPassword } from '@/lib/auth/password-hash';
import { resolveSettings } from '@/lib/hierarchy/queries';
import { loadEffectivePolicy } from '@/lib/policy/queries';
import { revokeAccountSessions } from '@/lib/sessions/store';
import { accountOperationRefusal, type AccountOperation } from './rules';
import { findAccount } from './queries';
import { generateTemporaryPassword } from './temp-password';
import { accountRefFormSchema, externalIdGrantFormSchema, neverExpireFlagFormSchema, sessionOverrideFormSchema } from './forms';

/**
 * Commands of the Security tab of /users/<username>. Each one re-reads the target under a row lock,
 * inside the actor's subtree, and applies the rules of SPEC §1 before writing.
 */

type Username = { username: string };

/** The target's node, for the wrapper's scope check; unknown and out-of-scope both give null. */
export async function targetOfUsername(input: Username, tx: Tx, actor: ActionActor) {
  return (await findAccount(tx, input.username, actor.nodePath))?.nodePath ?? null;
}

export async function lockedTarget(tx: Tx, actor: ActionActor, username: string, op: AccountOperation) {
  const target = await findAccount(tx, username, actor.nodePath, { lock: true });
  if (!target) throw new ActionError(`You can act only on accounts at ${actor.nodePath} and below.`);
  const refusal = accountOperationRefusal(actor, { id: target.id, role: target.role, nodePath: target.nodePath }, op);
  if (refusal) throw new ActionError(refusal);
  return target;
}

/** Settings that decide whether a grant or flag may be set, resolved at a node. */
export async function settingsAt(tx: Tx, path: string) {
  return resolveSettings(tx, path, ['externalIds', 'neverExpire']);
}

function def<S extends z.ZodType, R>(d: Omit<ActionDefinition<S, R>, 'targetNode'>): ActionDefinition<S, R> {
  return { ...d, targetNode: (input, tx, actor) => targetOfUsername(input as Username, tx, actor) };
}

export const unlockAccount = def({
  name: 'unlockAccount',
  permission: 'users:unlock',
  schema: accountRefFormSchema,
  run: async ({ tx, actor, input, audit }) => {
    const t = await lockedTarget(tx, actor, input.username, 'unlock');
    if (t.status !== 'locked') throw new ActionError(`${t.username} is not locked.`);
    await tx.update(accounts).set({ status: 'active', statusReason: null, lockedUntil: null, failedCount: 0, failedLastAt: null, updatedAt: new Date() }).where(eq(accounts.id, t.id));
    await audit({ action: 'account.unlock', nodePath: t.nodePath, targetType: 'account', targetId: t.username, before: { status: t.status, statusReason: t.statusReason }, after: { status: 'active' } });
    return { status: 'active' as const };
  },
});

export const reactivateAccount = def({
  name: 'reactivateAccount',
  permission: 'users:unlock',
  schema: accountRefFormSchema,
  run: async ({ tx, actor, input, audit }) => {
    const t = await lockedTarget(tx, actor, input.username, 'reactivate');
    if (t.status !== 'disabled') throw new ActionError(`${t.username} is not disabled.`);
    // lastLoginAt restarts the inactivity clock, or the account would be disabled again at once.
    await tx.update(accounts).set({ status: 'active', statusReason: null, lockedUntil: null, failedCount: 0, failedLastAt: null, lastLoginAt: new Date(), updatedAt: new Date() }).where(eq(accounts.id, t.id));
    await audit({ action: 'account.reactivate', nodePath: t.nodePath, targetType: 'account', targetId: t.username, before: { status: t.status, statusReason: t.statusReason }, after: { status: 'active' } });
    return { status: 'active' as const };
  },
});

export const resetPassword = def({
  name: 'resetPassword',
  permission: 'users:manage',
  schema: accountRefFormSchema,
  run: async ({ tx, actor, input, audit }) => {
    const t = await lockedTarget(tx, actor, input.username, 'reset-password');
    if (t.authSource !== 'local') throw new ActionError(`${t.username} signs in through ${t.authSource.toUpperCase()}; its password is not kept here.`);
    const { policy } = await loadEffectivePolicy(tx, t.nodePath, t.credentialPolicyId);
    const temporary = generateTemporaryPassword(policy.minimumPasswordLength);
    const hash = await hashPassword(temporary);
    await tx.update(accounts).set({ passwordHash: hash, passwordChangedAt: new Date(), mustChangePassword: true, updatedAt: new Date() }).where(eq(accounts.id, t.id));
    await tx.insert(passwordHistory).values({ accountId: t.id, passwordHash: hash });
    const ended = await revokeAccountSessions(tx, t.id, 'password-reset');
    // The password itself is never audited; only that it was reset and must be changed.
    await audit({ action: 'account.password-reset', nodePath: t.nodePath, targetType: 'account', targetId: t.username, before: { mustChangePassword: t.mustChangePassword }, after: { mustChangePassword: true, sessionsEnded: ended } });
    return { temporaryPassword: temporary };
  },
});

export const endSessions = def({
  name: 'endSessions',
  permission: 'users:manage',
  schema: accountRefFormSchema,
  run: async ({ tx, actor, input, audit }) => {
    const t = await lockedTarget(tx, actor, input.username, 'end-sessions');
    const ended = await revokeAccountSessions(tx, t.id, 'ended-by-administrator');
    await audit({ action: 'account.sessions-end', nodePath: t.nodePath, targetType: 'account', targetId: t.username, before: null, after: { sessionsEnded: ended } });
    return { ended };
  },
});

export const setSessionOverride = def({
  name: 'setSessionOverride',
  permission: 'security:write',
  schema: sessionOverrideFormSchema,
  run: async ({ tx, actor, input, audit }) => {
    const t = await lockedTarget(tx, actor, input.username, 'session-timeout');
    const minutes = input.sessionTimeoutMinutes ?? null;
    await tx.update(accounts).set({ sessionTimeoutMinutes: minutes, updatedAt: new Date() }).where(eq(accounts.id, t.id));
    await audit({ action: 'account.session-timeout', nodePath: t.nodePath, targetType: 'account', targetId: t.username, before: { sessionTimeoutMinutes: t.sessionTimeoutMinutes }, after: { sessionTimeoutMinutes: minutes } });
    return { sessionTimeoutMinutes: minutes };
  },
});

/** Step 3 of SPEC §6: only API-only accounts, only where the agreement is accepted. */
export const setNeverExpireFlag = def({
  name: 'setNeverExpireFlag',
  permission: 'security:write',
  schema: neverExpireFlagFormSchema,
  run: async ({ tx, actor, input, audit }) => {
    const t = await lockedTarget(tx, actor, input.username, 'never-expire');
    if (input.neverExpires) {
      if (!t.apiOnly) throw new ActionError('Only API-only accounts can have a password that never expires.');
      const ne = (await settingsAt(tx, t.nodePath)).neverExpire.value;
      if (!ne.activated || !ne.accepted) throw new ActionError('Password Never Expires is not available here: it must be activated and its agreement accepted by the Primary Contact.');
    }
    await tx.update(accounts).set({ passwordNeverExpires: input.neverExpires, updatedAt: new Date() }).where(eq(accounts.id, t.id));
    await audit({ action: 'account.never-expire', nodePath: t.nodePath, targetType: 'account', targetId: t.username, before: { passwordNeverExpires: t.passwordNeverExpires }, after: { passwordNeverExpires: input.neverExpires } });
    return { neverExpires: input.neverExpires };
  },
});

/** The Primary Contact's grant; refused while the setting is off (SPEC §4: "it cannot be granted"). */
export const setExternalIdGrant = def({
  name: 'setExternalIdGrant',
  permission: 'security:write',
  schema: externalIdGrantFormSchema,
  run: async ({ tx, actor, input, audit }) => {
    const t = await lockedTarget(tx, actor, input.username, 'external-id-grant');
    if (!(await settingsAt(tx, t.nodePath)).externalIds.value.allowOthers) {
      throw new ActionError('Turn on "Allow other users to manage external IDs" on the Security page first.');
    }
    await tx.update(accounts).set({ canManageExternalIds: input.granted, updatedAt: new Date() }).where(and(eq(accounts.id, t.id)));
    await audit({ action: 'account.external-id-grant', nodePath: t.nodePath, targetType: 'account', targetId: t.username, before: { canManageExternalIds: t.canManageExternalIds }, after: { canManageExternalIds: input.granted } });
    return { granted: input.granted };
  },
});

/** Whether the actor holds the External ID grant (read fresh: it is not part of the session). */
export async function actorHasExternalIdGrant(tx: Queryable, accountId: number): Promise<boolean> {
  const [row] = await tx.select({ g: accounts.canManageExternalIds }).from(accounts).where(eq(accounts.id, accountId));
  return row?.g ?? false;
}
