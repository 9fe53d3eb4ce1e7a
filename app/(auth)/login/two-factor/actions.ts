'use server';

import { defineAction } from '@/lib/actions';
import { verifyTwoFactorDef } from '@/lib/auth/stage-commands';

export const verifyTwoFactorAction = defineAction(verifyTwoFactorDef);
