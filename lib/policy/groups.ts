import { BOOLEAN_FIELDS, type BoolKey, NUMBER_FIELDS, type NumberKey } from './fields';

/** A field of the policy editor: one of the numbers or switches, or one of the three special fields. */
export type PolicyFieldKey = NumberKey | BoolKey | 'notifyBy' | 'resetQuestionPool' | 'bannedWords';

/**
 * The credential-policy fields in the first document's groups (its Password Security page), so the
 * editor reads as administrators know it. A field missing here still shows, under "Other settings".
 */
const GROUPS: readonly { title: string; keys: readonly PolicyFieldKey[] }[] = [
  {
    title: 'Password expiration and notices',
    keys: [
      'passwordExpiresMonths',
      'notifyBeforeExpiryDays',
      'notifyBy',
      'emailReminderFrequencyDays',
      'allowChangeExpiredAtLogin',
      'allowUserDefinedPasswords',
      'mustChangePasswordOnFirstLogin',
    ],
  },
  {
    title: 'Password rules',
    keys: [
      'minimumPasswordLength',
      'enablePasswordComplexity',
      'noThreeIdenticalInARow',
      'noSequentialCharacters',
      'noUserNames',
      'rejectCommonPasswords',
      'bannedWords',
      'passwordReuseTimeLimitDays',
      'differentPasswordCharacters',
      'minimumPasswordAgeDays',
    ],
  },
  {
    title: 'Account lockout',
    keys: [
      'failedLoginCountPerUser',
      'resetFailedLoginCountPerUserMinutes',
      'lockDurationMinutes',
      'disableFailedLoginLimitingPerUser',
      'disableFailedLoginUserAccount',
      'failedLoginCountPerSource',
      'resetFailedLoginCountPerSourceMinutes',
      'disableFailedLoginLimitingPerSource',
      'inactiveDaysBeforeDisabling',
    ],
  },
  { title: 'Sessions', keys: ['idleSessionTimeoutMinutes', 'absoluteSessionTimeoutMinutes', 'sessionLoginLimitPerUser'] },
  { title: 'Recovery', keys: ['questionsAskedDuringReset', 'resetQuestionPool'] },
];

const ALL_KEYS: readonly PolicyFieldKey[] = [
  ...NUMBER_FIELDS.map((f) => f.key),
  ...BOOLEAN_FIELDS.map((f) => f.key),
  'notifyBy',
  'resetQuestionPool',
  'bannedWords',
];

/** Every field exactly once, in its group; fields no group names come last. */
export function policyFieldGroups(): { title: string; keys: PolicyFieldKey[] }[] {
  const named = new Set(GROUPS.flatMap((g) => g.keys));
  const groups = GROUPS.map((g) => ({ title: g.title, keys: g.keys.filter((k) => ALL_KEYS.includes(k)) }));
  const rest = ALL_KEYS.filter((k) => !named.has(k));
  return rest.length ? [...groups, { title: 'Other settings', keys: rest }] : groups;
}
