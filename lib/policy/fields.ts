/**
 * The credential-policy fields of the second document, with labels, ranges and defaults exactly as
 * SPEC §3 gives them. The form schema, the editor, the comparisons and the database schema (column
 * defaults and range check constraints, lib/db/schema.ts) are all generated from this table.
 */

export const SPECIAL_CHARACTERS = '`~!@#$%^&*()-_=+[{]}|\\:;\'",<.>/?';

export const DEFAULT_QUESTION_POOL: readonly string[] = [
  'What was the name of your first pet?',
  'In what city were you born?',
  'What was the name of your primary school?',
  "What is your oldest cousin's first name?",
  'What was the make of your first car?',
  'What was the street name of your childhood home?',
  'What is the title of your favourite book?',
  'In what city did your parents meet?',
  'What was your childhood nickname?',
  'What was the first concert you attended?',
];

type NumberField = {
  kind: 'number';
  key: string;
  label: string;
  min: number;
  max: number;
  default: number;
  help?: string;
};
type BoolField = { kind: 'boolean'; key: string; label: string; default: boolean; help?: string };

export const NUMBER_FIELDS = [
  { kind: 'number', key: 'idleSessionTimeoutMinutes', label: 'Idle Session Timeout (minutes)', min: 1, max: 525600, default: 20 },
  {
    kind: 'number',
    key: 'absoluteSessionTimeoutMinutes',
    label: 'Absolute Session Timeout (minutes)',
    min: 0,
    max: 525600,
    default: 1440,
    help: '0 turns it off',
  },
  { kind: 'number', key: 'passwordExpiresMonths', label: 'Password Expires (months)', min: 0, max: 120, default: 6, help: '0 means never' },
  {
    kind: 'number',
    key: 'lockDurationMinutes',
    label: 'Lock Duration (minutes)',
    min: 0,
    max: 525600,
    default: 30,
    help: '0 keeps the account locked until a Manager or Unit Manager unlocks it',
  },
  { kind: 'number', key: 'failedLoginCountPerUser', label: 'Failed Login Count per User', min: 1, max: 1000, default: 20 },
  {
    kind: 'number',
    key: 'resetFailedLoginCountPerUserMinutes',
    label: 'Reset Failed Login Count per User (minutes)',
    min: 1,
    max: 525600,
    default: 5,
  },
  { kind: 'number', key: 'failedLoginCountPerSource', label: 'Failed Login Count per Source', min: 1, max: 10000, default: 10 },
  {
    kind: 'number',
    key: 'resetFailedLoginCountPerSourceMinutes',
    label: 'Reset Failed Login Count per Source (minutes)',
    min: 1,
    max: 525600,
    default: 10,
  },
  { kind: 'number', key: 'questionsAskedDuringReset', label: 'Number of Questions Asked During Password Reset', min: 0, max: 10, default: 3 },
  {
    kind: 'number',
    key: 'passwordReuseTimeLimitDays',
    label: 'Password Reuse Time Limit (days)',
    min: 0,
    max: 365,
    default: 15,
    help: '0 turns it off',
  },
  { kind: 'number', key: 'minimumPasswordLength', label: 'Minimum Password Length', min: 8, max: 128, default: 8 },
  {
    kind: 'number',
    key: 'inactiveDaysBeforeDisabling',
    label: 'Inactive Days Before Disabling User Account',
    min: 0,
    max: 3650,
    default: 0,
    help: '0 turns it off',
  },
  {
    kind: 'number',
    key: 'sessionLoginLimitPerUser',
    label: 'Session Login Limit Per User',
    min: 0,
    max: 1000,
    default: 0,
    help: '0 turns it off; over the limit the oldest session ends',
  },
  { kind: 'number', key: 'differentPasswordCharacters', label: 'Number of Different Password Characters', min: 0, max: 128, default: 0 },
  { kind: 'number', key: 'minimumPasswordAgeDays', label: 'Minimum Password Age (days)', min: 0, max: 365, default: 0, help: '0 turns it off' },
  {
    kind: 'number',
    key: 'notifyBeforeExpiryDays',
    label: 'Notify before password expires (days)',
    min: 0,
    max: 60,
    default: 7,
    help: '0 turns it off',
  },
  { kind: 'number', key: 'emailReminderFrequencyDays', label: 'Email reminder frequency (days)', min: 1, max: 30, default: 1 },
] as const satisfies readonly NumberField[];

export const BOOLEAN_FIELDS = [
  { kind: 'boolean', key: 'mustChangePasswordOnFirstLogin', label: 'User Must Change Password on First Login', default: false },
  { kind: 'boolean', key: 'disableFailedLoginLimitingPerUser', label: 'Disable Failed Login Limiting per User', default: false },
  {
    kind: 'boolean',
    key: 'disableFailedLoginUserAccount',
    label: 'Disable Failed Login User Account',
    default: false,
    help: 'On reaching the count, disable the account instead of locking it',
  },
  {
    kind: 'boolean',
    key: 'disableFailedLoginLimitingPerSource',
    label: 'Disable Failed Login Limiting per Source',
    default: false,
    help: 'Leave off for administrators; per-source limits hurt many users behind one address',
  },
  {
    kind: 'boolean',
    key: 'enablePasswordComplexity',
    label: 'Enable Password Complexity Validation',
    default: false,
    help: 'One lowercase, one uppercase, one digit, one special character',
  },
  { kind: 'boolean', key: 'noThreeIdenticalInARow', label: 'Password must not contain 3 identical characters in a row', default: false },
  {
    kind: 'boolean',
    key: 'noSequentialCharacters',
    label: 'Password must not contain 3 or more sequential letters or digits (abc, cba, 123, 321…)',
    default: false,
  },
  { kind: 'boolean', key: 'noUserNames', label: "Password must not contain the user's first or last name", default: false },
  { kind: 'boolean', key: 'allowChangeExpiredAtLogin', label: 'Allow users to change expired passwords at login', default: true },
  { kind: 'boolean', key: 'allowUserDefinedPasswords', label: 'Allow user defined passwords', default: true },
  { kind: 'boolean', key: 'rejectCommonPasswords', label: 'Reject commonly used passwords', default: true },
] as const satisfies readonly BoolField[];

export const NOTIFY_BY = ['console', 'email', 'both'] as const;
export type NotifyBy = (typeof NOTIFY_BY)[number];
export const DEFAULT_NOTIFY_BY: NotifyBy = 'console';

export type NumberKey = (typeof NUMBER_FIELDS)[number]['key'];
export type BoolKey = (typeof BOOLEAN_FIELDS)[number]['key'];

/** The fields by key, for the places that name one field (the database schema, comparisons). */
export const NUMBER_FIELD = Object.fromEntries(NUMBER_FIELDS.map((f) => [f.key, f])) as {
  [K in NumberKey]: Extract<(typeof NUMBER_FIELDS)[number], { key: K }>;
};
export const BOOLEAN_FIELD = Object.fromEntries(BOOLEAN_FIELDS.map((f) => [f.key, f])) as {
  [K in BoolKey]: Extract<(typeof BOOLEAN_FIELDS)[number], { key: K }>;
};

/** The values of a credential policy, without identity (name, node, version). */
export type PolicyValues = { [K in NumberKey]: number } & { [K in BoolKey]: boolean } & {
  notifyBy: NotifyBy;
  resetQuestionPool: string[];
  bannedWords: string[];
};

export function defaultPolicyValues(): PolicyValues {
  const v: Record<string, unknown> = {};
  for (const f of NUMBER_FIELDS) v[f.key] = f.default;
  for (const f of BOOLEAN_FIELDS) v[f.key] = f.default;
  v.notifyBy = DEFAULT_NOTIFY_BY;
  v.resetQuestionPool = [...DEFAULT_QUESTION_POOL];
  v.bannedWords = [];
  return v as PolicyValues;
}

export const HCS_POLICY_NAME = 'HcsCredentialPolicy';
