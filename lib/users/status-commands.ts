import { ActionError } from '@/lib/actions/result';
import { revokeAccountSessions } from '@/lib/sessions/commands';
import { accountCommand, auditAccount, changeAccount, updateAccount } from './commands';
import { accountRefFormSchema, disableAccountFormSchema } from './forms';
import type { AccountDetail } from './queries';

/*
 * The Security tab's status commands: Unlock and Re-activate (a lock or an automatic disable undone),
 * and a Manager's "Disable account" and "Enable account".
 */

const statusOf = (t: AccountDetail) => ({ status: t.status, statusReason: t.statusReason });

/** Unlock (a locked account) and Re-activate (a disabled one) both make the account active again. */
function restoreCommand(name: string, operation: 'unlock' | 'reactivate', from: 'locked' | 'disabled') {
  return accountCommand({
    name,
    permission: 'users:unlock',
    schema: accountRefFormSchema,
    operation,
    run: async (ctx, t) => {
      if (t.status !== from) throw new ActionError(`${t.username} is not ${from}.`);
      // A Manager's "Disable account" is undone only by "Enable account" under the takeover rule.
      if (t.disabledByAdministrator)
        throw new ActionError(`${t.username} was disabled by an administrator; a Manager enables it with "Enable account".`);
      // Re-activating restarts the inactivity clock, or the account would be disabled again at once.
      const restart = from === 'disabled' ? { lastLoginAt: new Date() } : {};
      const set = { status: 'active' as const, statusReason: null, lockedUntil: null, failedCount: 0, failedLastAt: null, ...restart };
      await changeAccount(ctx, t, `account.${operation}`, set, statusOf(t), { status: 'active' });
      return { status: 'active' as const };
    },
  });
}

export const unlockAccount = restoreCommand('unlockAccount', 'unlock', 'locked');
export const reactivateAccount = restoreCommand('reactivateAccount', 'reactivate', 'disabled');

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
  run: async (ctx, t) => {
    if (t.status === 'disabled' && t.disabledByAdministrator) throw new ActionError(`${t.username} is already disabled.`);
    await updateAccount(ctx.tx, t, { status: 'disabled', statusReason: ctx.input.reason, disabledByAdministrator: true, lockedUntil: null });
    const ended = await revokeAccountSessions(ctx.tx, t.id, 'account-disabled');
    await auditAccount(ctx, t, 'account.disable', statusOf(t), { status: 'disabled', statusReason: ctx.input.reason, sessionsEnded: ended });
    return { status: 'disabled' as const };
  },
});

/** "Enable account": undoes a disable (by hand or automatic), under the same rule as disabling. */
export const enableAccount = accountCommand({
  name: 'enableAccount',
  permission: 'security:write',
  schema: accountRefFormSchema,
  operation: 'disable',
  run: async (ctx, t) => {
    if (t.status !== 'disabled') throw new ActionError(`${t.username} is not disabled.`);
    // Enabling restarts the inactivity clock, or the account would be disabled again at once.
    const set = {
      status: 'active' as const,
      statusReason: null,
      disabledByAdministrator: false,
      failedCount: 0,
      failedLastAt: null,
      lastLoginAt: new Date(),
    };
    await changeAccount(ctx, t, 'account.enable', set, statusOf(t), { status: 'active' });
    return { status: 'active' as const };
  },
});
