import { and, eq, isNull } from 'drizzle-orm';
import { ActionError } from '@/lib/actions/result';
import { hashPassword } from '@/lib/auth/password-hash';
import { sessions } from '@/lib/db/schema';
import { queueMail } from '@/lib/mail/outbox';
import { storeNewPassword } from '@/lib/policy/password-check';
import { loadEffectivePolicy } from '@/lib/policy/queries';
import { issueGeneratedPassword } from '@/lib/recovery/issue';
import { passwordResetMail } from '@/lib/recovery/mail';
import { resolveSettings } from '@/lib/security-settings/queries';
import { revokeAccountSessions } from '@/lib/sessions/commands';
import { accountCommand, auditAccount, neverExpireAvailable, setAccountField } from './commands';
import {
  accountRefFormSchema,
  endOneSessionFormSchema,
  externalIdGrantFormSchema,
  neverExpireFlagFormSchema,
  sessionOverrideFormSchema,
} from './forms';
import { generateTemporaryPassword } from './temp-password';

/*
 * The Security tab's commands on an account's password, its sessions and its own settings (session
 * timeout, Never Expire, the External ID grant).
 */

export const resetPassword = accountCommand({
  name: 'resetPassword',
  permission: 'users:manage',
  schema: accountRefFormSchema,
  operation: 'reset-password',
  run: async (ctx, t) => {
    const { tx, actor } = ctx;
    if (t.authSource !== 'local')
      throw new ActionError(`${t.username} signs in through ${t.authSource.toUpperCase()}; its password is not kept here.`);
    const { policy } = await loadEffectivePolicy(tx, t.nodePath, t.credentialPolicyId);
    const before = { mustChangePassword: t.mustChangePassword };
    if (!policy.allowUserDefinedPasswords) {
      // Generated and e-mailed: the Manager never sees it, so nobody else knows it and no change follows.
      const how = `reset by ${actor.username}`;
      const sent = await issueGeneratedPassword(tx, t, policy, { ip: actor.ip, how, reason: 'password-reset' });
      if (!sent)
        throw new ActionError(`${t.username} has no e-mail address to send a generated password to (its policy does not allow chosen ones).`);
      await auditAccount(ctx, t, 'account.password-reset', before, { mustChangePassword: false, sentByEmail: true });
      return { temporaryPassword: null };
    }
    const temporaryPassword = generateTemporaryPassword(policy.minimumPasswordLength);
    const hash = await hashPassword(temporaryPassword);
    await storeNewPassword(tx, t.id, hash, { now: new Date(), mustChangePassword: true });
    const ended = await revokeAccountSessions(tx, t.id, 'password-reset');
    // The password itself is never audited; only that it was reset and must be changed.
    await auditAccount(ctx, t, 'account.password-reset', before, { mustChangePassword: true, sessionsEnded: ended });
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
  run: async (ctx, t) => {
    const ended = await revokeAccountSessions(ctx.tx, t.id, 'ended-by-administrator');
    await auditAccount(ctx, t, 'account.sessions-end', null, { sessionsEnded: ended });
    return { ended };
  },
});

/** Ends one session of the account (the Security tab's list), with the same rule as "End sessions". */
export const endOneSession = accountCommand({
  name: 'endOneSession',
  permission: 'users:manage',
  schema: endOneSessionFormSchema,
  operation: 'end-sessions',
  run: async (ctx, t) => {
    const ended = await ctx.tx
      .update(sessions)
      .set({ revokedAt: new Date(), revokedReason: 'ended-by-administrator' })
      .where(and(eq(sessions.idHash, ctx.input.session), eq(sessions.accountId, t.id), isNull(sessions.revokedAt)))
      .returning({ ip: sessions.ip, createdAt: sessions.createdAt });
    if (ended.length === 0) throw new ActionError('That session has already ended.');
    await auditAccount(ctx, t, 'account.session-end', null, { sessionsEnded: 1, ip: ended[0]?.ip, startedAt: ended[0]?.createdAt });
    return { ended: 1 };
  },
});

export const setSessionOverride = accountCommand({
  name: 'setSessionOverride',
  permission: 'security:write',
  schema: sessionOverrideFormSchema,
  operation: 'session-timeout',
  run: async (ctx, t) => {
    const minutes = ctx.input.sessionTimeoutMinutes ?? null;
    await setAccountField(ctx, t, 'account.session-timeout', 'sessionTimeoutMinutes', minutes);
    return { sessionTimeoutMinutes: minutes };
  },
});

/** Step 3 of SPEC §6: only API-only accounts, only where the agreement is accepted. */
export const setNeverExpireFlag = accountCommand({
  name: 'setNeverExpireFlag',
  permission: 'security:write',
  schema: neverExpireFlagFormSchema,
  operation: 'never-expire',
  run: async (ctx, t) => {
    if (ctx.input.neverExpires) {
      if (!t.apiOnly) throw new ActionError('Only API-only accounts can have a password that never expires.');
      if (!(await neverExpireAvailable(ctx.tx, t.nodePath))) {
        throw new ActionError(
          'Password Never Expires is not available here: it must be activated and its agreement accepted by the Primary Contact.',
        );
      }
    }
    await setAccountField(ctx, t, 'account.never-expire', 'passwordNeverExpires', ctx.input.neverExpires);
    return { neverExpires: ctx.input.neverExpires };
  },
});

/** The Primary Contact's grant; refused while the setting is off (SPEC §4: "it cannot be granted"). */
export const setExternalIdGrant = accountCommand({
  name: 'setExternalIdGrant',
  permission: 'security:write',
  schema: externalIdGrantFormSchema,
  operation: 'external-id-grant',
  run: async (ctx, t) => {
    if (!(await resolveSettings(ctx.tx, t.nodePath, ['externalIds'])).externalIds.value.allowOthers) {
      throw new ActionError('Turn on "Allow other users to manage external IDs" on the Security page first.');
    }
    await setAccountField(ctx, t, 'account.external-id-grant', 'canManageExternalIds', ctx.input.granted);
    return { granted: ctx.input.granted };
  },
});
