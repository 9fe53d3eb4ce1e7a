import { z } from 'zod';
import { ROLES, type Role, roleLabel } from '@/lib/users/fields';

/** The inherited setting groups of the Security page (SPEC §4), one row each in node_settings. */
export const SETTING_GROUPS = ['ipAllowlist', 'twoFactor', 'externalIds', 'dataSecurityModel', 'sessionTimeouts', 'neverExpire'] as const;
export type SettingGroup = (typeof SETTING_GROUPS)[number];

/** Session timeout overrides, per role and per account (SPEC §4): 10–240 minutes. */
export const SESSION_TIMEOUT_MINUTES = { min: 10, max: 240 } as const;

const { min, max } = SESSION_TIMEOUT_MINUTES;
const roleMinutes = z.coerce.number().int().min(min, `At least ${min} minutes`).max(max, `At most ${max} minutes`);
const byRole = Object.fromEntries(ROLES.map((r) => [r, roleMinutes.optional()])) as Record<Role, z.ZodOptional<typeof roleMinutes>>;

/** The value of each inherited setting group, as stored in node_settings.value. */
export const settingGroupSchemas = {
  ipAllowlist: z.object({
    enabled: z.boolean(),
    entries: z.array(z.string()),
    /** "Enforced for all nodes below" (lib/security-settings/enforcement.ts). */
    enforced: z.boolean().optional(),
  }),
  twoFactor: z.object({ required: z.boolean(), enforced: z.boolean().optional() }),
  externalIds: z.object({ allowOthers: z.boolean() }),
  dataSecurityModel: z.object({ enabled: z.boolean(), enabledAt: z.string().nullable() }),
  sessionTimeouts: z.object({ byRole: z.object(byRole) }),
  // Each half optional: a row may hold only an operator's activation or only a Primary Contact's
  // decision (lib/never-expire/rules.ts resolves them separately).
  neverExpire: z.object({
    activated: z.boolean().optional(),
    accepted: z.boolean().optional(),
  }),
} satisfies Record<SettingGroup, z.ZodType>;

export type SettingValue<G extends SettingGroup> = z.infer<(typeof settingGroupSchemas)[G]>;
type SettingValues = { [G in SettingGroup]: SettingValue<G> };

/** What the root node defines, so that resolution never fails (SPEC §2). */
export const ROOT_SETTINGS: SettingValues = {
  ipAllowlist: { enabled: false, entries: [] },
  twoFactor: { required: false },
  externalIds: { allowOthers: false },
  dataSecurityModel: { enabled: false, enabledAt: null },
  sessionTimeouts: { byRole: {} },
  neverExpire: { activated: false, accepted: false },
};

export const GROUP_TITLES: Record<SettingGroup, string> = {
  ipAllowlist: 'Restrict access by IP',
  twoFactor: 'Two-factor authentication',
  externalIds: 'External IDs',
  dataSecurityModel: 'New Data Security Model',
  sessionTimeouts: 'Session timeout',
  neverExpire: 'Password Never Expires for API access',
};

/** A short, human summary of a group's value for read-only display. */
export function summarise<G extends SettingGroup>(group: G, value: SettingValue<G>): string {
  switch (group) {
    case 'ipAllowlist': {
      const v = value as SettingValue<'ipAllowlist'>;
      const text = v.enabled
        ? `Allow connections from ${v.entries.length} entr${v.entries.length === 1 ? 'y' : 'ies'} only: ${v.entries.join(', ')}`
        : 'Connections allowed from any IP';
      return v.enforced ? `${text}. Enforced for all nodes below.` : text;
    }
    case 'twoFactor': {
      const v = value as SettingValue<'twoFactor'>;
      const text = v.required ? 'Required for all users' : 'Not required';
      return v.enforced ? `${text}. Enforced for all nodes below.` : text;
    }
    case 'externalIds':
      return (value as SettingValue<'externalIds'>).allowOthers
        ? 'Other users may manage external IDs'
        : 'Only the Primary Contact manages external IDs';
    case 'dataSecurityModel':
      return (value as SettingValue<'dataSecurityModel'>).enabled ? 'Enabled' : 'Not enabled';
    case 'sessionTimeouts': {
      const entries = Object.entries((value as SettingValue<'sessionTimeouts'>).byRole).filter(([, m]) => m != null);
      return entries.length
        ? entries.map(([r, m]) => `${roleLabel(r as Role)}: ${m} min`).join(', ')
        : 'No role overrides (the credential policy decides)';
    }
    case 'neverExpire': {
      const v = value as SettingValue<'neverExpire'>;
      return !v.activated ? 'Not activated' : v.accepted ? 'Activated, agreement accepted' : 'Activated, agreement not accepted';
    }
  }
  return '';
}
