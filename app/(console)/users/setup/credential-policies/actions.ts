'use server';

import { defineAction } from '@/lib/actions';
import { deletePolicyDef, previewDefaultDef, previewPolicyDef, renamePolicyDef, savePolicyDef, setDefaultPolicyDef } from '@/lib/policy/commands';

export const savePolicyAction = defineAction(savePolicyDef);
export const renamePolicyAction = defineAction(renamePolicyDef);
export const deletePolicyAction = defineAction(deletePolicyDef);
export const setDefaultPolicyAction = defineAction(setDefaultPolicyDef);
export const previewPolicyAction = defineAction(previewPolicyDef);
export const previewDefaultAction = defineAction(previewDefaultDef);
