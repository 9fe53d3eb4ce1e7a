'use server';

import { defineAction } from '@/lib/actions';
import { assignPolicyDef } from '@/lib/policy/commands';
import { resetTwoFactorDef } from '@/lib/totp/commands';
import { makePrimaryContact, saveAccount, saveExternalId } from '@/lib/users/commands';
import { endOneSession, endSessions, resetPassword, setExternalIdGrant, setNeverExpireFlag, setSessionOverride } from '@/lib/users/security-commands';
import { disableAccount, enableAccount, reactivateAccount, unlockAccount } from '@/lib/users/status-commands';

export const saveAccountAction = defineAction(saveAccount);
export const unlockAccountAction = defineAction(unlockAccount);
export const reactivateAccountAction = defineAction(reactivateAccount);
export const resetPasswordAction = defineAction(resetPassword);
export const endSessionsAction = defineAction(endSessions);
export const setSessionOverrideAction = defineAction(setSessionOverride);
export const setNeverExpireFlagAction = defineAction(setNeverExpireFlag);
export const setExternalIdGrantAction = defineAction(setExternalIdGrant);
export const saveExternalIdAction = defineAction(saveExternalId);
export const makePrimaryContactAction = defineAction(makePrimaryContact);

/** Assigns a credential policy to an account (or returns it to its node default). Managers only. */
export const assignPolicyAction = defineAction(assignPolicyDef);

/** Removes a lost authenticator (Unit Manager and above, outranking the account); audited. */
export const resetTwoFactorAction = defineAction(resetTwoFactorDef);
export const disableAccountAction = defineAction(disableAccount);
export const enableAccountAction = defineAction(enableAccount);
export const endOneSessionAction = defineAction(endOneSession);
