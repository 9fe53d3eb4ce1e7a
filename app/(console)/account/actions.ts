'use server';

import { defineAction } from '@/lib/actions';
import { changeOwnPasswordDef } from '@/lib/auth/stage-commands';
import { saveSecurityQuestionsDef } from '@/lib/recovery/commands';
import { enrolAuthenticatorDef, newRecoveryCodesDef } from '@/lib/totp/commands';

/** A signed-in account changes its own password; its other sessions end and this one is rotated. */
export const changeOwnPasswordAction = defineAction(changeOwnPasswordDef);

/** The account's security questions for a forgotten password; the current password confirms. */
export const saveSecurityQuestionsAction = defineAction(saveSecurityQuestionsDef);

/** Voluntary enrolment or replacement of the authenticator; returns ten recovery codes, once. */
export const enrolAuthenticatorAction = defineAction(enrolAuthenticatorDef);

export const newRecoveryCodesAction = defineAction(newRecoveryCodesDef);
