'use server';

import { defineAction } from '@/lib/actions';
import { verifyTwoFactorDef } from '@/lib/auth/commands';

export const verifyTwoFactorAction = defineAction(verifyTwoFactorDef);
