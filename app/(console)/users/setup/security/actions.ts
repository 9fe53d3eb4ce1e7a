'use server';

import { defineAction } from '@/lib/actions';
import { setNeverExpireActivation } from '@/lib/never-expire/commands';
import { overrideDefaultPolicyDef } from '@/lib/policy/commands';
import {
  enableDataSecurityModel,
  revertSetting,
  saveExternalIds,
  saveIpAllowlist,
  saveSessionTimeouts,
  saveTwoFactor,
} from '@/lib/security-settings/commands';

export const saveIpAllowlistAction = defineAction(saveIpAllowlist);
export const saveTwoFactorAction = defineAction(saveTwoFactor);
export const saveExternalIdsAction = defineAction(saveExternalIds);
export const enableDataSecurityModelAction = defineAction(enableDataSecurityModel);
export const saveSessionTimeoutsAction = defineAction(saveSessionTimeouts);
export const revertSettingAction = defineAction(revertSetting);
export const setNeverExpireActivationAction = defineAction(setNeverExpireActivation);

/** Password Security › Override here: a node-level copy of the inherited default, named its default. */
export const overrideDefaultPolicyAction = defineAction(overrideDefaultPolicyDef);
