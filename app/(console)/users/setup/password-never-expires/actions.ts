'use server';

import { defineAction } from '@/lib/actions';
import { decideNeverExpire } from '@/lib/never-expire/commands';

export const decideNeverExpireAction = defineAction(decideNeverExpire);
