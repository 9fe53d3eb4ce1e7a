'use server';

import { defineAction } from '@/lib/actions';
import { changeOwnPasswordDef } from '@/lib/auth/commands';
import { saveSecurityQuestionsDef } from '@/lib/recovery/commands';

/** A signed-in account changes its own password; its other sessions end and this one is rotated. */
export const changeOwnPasswordAction = defineAction(changeOwnPasswordDef);

/** The account's security questions for a forgotten password; the current password confirms. */
export const saveSecurityQuestionsAction = defineAction(saveSecurityQuestionsDef);
