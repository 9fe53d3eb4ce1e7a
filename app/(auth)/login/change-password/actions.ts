'use server';

import { defineAction } from '@/lib/actions';
import { changeOwnPasswordDef } from '@/lib/auth/stage-commands';

/** A required change at sign-in (expired, first login, tightened policy): the session moves on, rotated. */
export const changeRequiredPasswordAction = defineAction(changeOwnPasswordDef);
