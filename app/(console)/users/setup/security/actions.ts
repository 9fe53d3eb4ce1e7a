'use server';

import { defineAction } from '@/lib/actions';
import { setNeverExpireActivation } from '@/lib/never-expire/commands';
import * as settings from '@/lib/security-settings/commands';

export const saveIpAllowlistAction = defineAction(settings.saveIpAllowlist);
export const saveTwoFactorAction = defineAction(settings.saveTwoFactor);
export const saveExternalIdsAction = defineAction(settings.saveExternalIds);
export const enableDataSecurityModelAction = defineAction(settings.enableDataSecurityModel);
export const saveSessionTimeoutsAction = defineAction(settings.saveSessionTimeouts);
export const revertSettingAction = defineAction(settings.revertSetting);
export const setNeverExpireActivationAction = defineAction(setNeverExpireActivation);
