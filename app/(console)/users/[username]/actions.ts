'use server';

import { defineAction } from '@/lib/actions';
import { assignPolicyDef } from '@/lib/policy/policy-actions';

/** Assigns a credential policy to an account (or returns it to its node default). Managers only. */
export const assignPolicyAction = defineAction(assignPolicyDef);
