import { sql } from 'drizzle-orm';
import {
  bigserial,
  boolean,
  check,
  foreignKey,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  serial,
  text,
  timestamp,
  uniqueIndex,
} from 'drizzle-orm/pg-core';

const createdAt = () => timestamp('created_at', { withTimezone: true }).notNull().defaultNow();
const ts = (name: string) => timestamp(name, { withTimezone: true });

/** Nodes of the organisation hierarchy, named by dotted path (sys, sys.hcs, sys.hcs.acme …). */
export const nodes = pgTable(
  'nodes',
  {
    id: serial('id').primaryKey(),
    path: text('path').notNull(),
    parentId: integer('parent_id'),
    type: text('type', { enum: ['system', 'provider', 'reseller', 'customer', 'site'] }).notNull(),
    name: text('name').notNull(),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex('nodes_path_key').on(t.path),
    foreignKey({ columns: [t.parentId], foreignColumns: [t.id], name: 'nodes_parent_fk' }).onDelete('restrict'),
    index('nodes_parent_idx').on(t.parentId),
    check('nodes_type_check', sql`${t.type} in ('system','provider','reseller','customer','site')`),
    check('nodes_path_format', sql`${t.path} ~ '^[a-z0-9-]+(\\.[a-z0-9-]+)*$'`),
  ],
);

/**
 * Credential policies (second document). Ranges are check constraints so that no path into the
 * database, including a future bug, can store a value the product would refuse.
 */
export const credentialPolicies = pgTable(
  'credential_policies',
  {
    id: serial('id').primaryKey(),
    nodeId: integer('node_id')
      .notNull()
      .references(() => nodes.id, { onDelete: 'restrict' }),
    name: text('name').notNull(),
    idleSessionTimeoutMinutes: integer('idle_session_timeout_minutes').notNull().default(20),
    absoluteSessionTimeoutMinutes: integer('absolute_session_timeout_minutes').notNull().default(1440),
    passwordExpiresMonths: integer('password_expires_months').notNull().default(6),
    mustChangePasswordOnFirstLogin: boolean('must_change_password_on_first_login').notNull().default(false),
    lockDurationMinutes: integer('lock_duration_minutes').notNull().default(30),
    disableFailedLoginLimitingPerUser: boolean('disable_failed_login_limiting_per_user').notNull().default(false),
    disableFailedLoginUserAccount: boolean('disable_failed_login_user_account').notNull().default(false),
    failedLoginCountPerUser: integer('failed_login_count_per_user').notNull().default(20),
    resetFailedLoginCountPerUserMinutes: integer('reset_failed_login_count_per_user_minutes').notNull().default(5),
    disableFailedLoginLimitingPerSource: boolean('disable_failed_login_limiting_per_source').notNull().default(false),
    failedLoginCountPerSource: integer('failed_login_count_per_source').notNull().default(10),
    resetFailedLoginCountPerSourceMinutes: integer('reset_failed_login_count_per_source_minutes').notNull().default(10),
    questionsAskedDuringReset: integer('questions_asked_during_reset').notNull().default(3),
    resetQuestionPool: jsonb('reset_question_pool').$type<string[]>().notNull(),
    passwordReuseTimeLimitDays: integer('password_reuse_time_limit_days').notNull().default(15),
    minimumPasswordLength: integer('minimum_password_length').notNull().default(8),
    enablePasswordComplexity: boolean('enable_password_complexity').notNull().default(false),
    inactiveDaysBeforeDisabling: integer('inactive_days_before_disabling').notNull().default(0),
    sessionLoginLimitPerUser: integer('session_login_limit_per_user').notNull().default(0),
    differentPasswordCharacters: integer('different_password_characters').notNull().default(0),
    minimumPasswordAgeDays: integer('minimum_password_age_days').notNull().default(0),
    noThreeIdenticalInARow: boolean('no_three_identical_in_a_row').notNull().default(false),
    noSequentialCharacters: boolean('no_sequential_characters').notNull().default(false),
    noUserNames: boolean('no_user_names').notNull().default(false),
    notifyBeforeExpiryDays: integer('notify_before_expiry_days').notNull().default(7),
    notifyBy: text('notify_by', { enum: ['console', 'email', 'both'] }).notNull().default('console'),
    emailReminderFrequencyDays: integer('email_reminder_frequency_days').notNull().default(1),
    allowChangeExpiredAtLogin: boolean('allow_change_expired_at_login').notNull().default(true),
    allowUserDefinedPasswords: boolean('allow_user_defined_passwords').notNull().default(true),
    // Beyond the seeds (NIST SP 800-63B-4 blocklist requirement).
    rejectCommonPasswords: boolean('reject_common_passwords').notNull().default(true),
    bannedWords: jsonb('banned_words').$type<string[]>().notNull().default([]),
    version: integer('version').notNull().default(1),
    createdAt: createdAt(),
    updatedAt: ts('updated_at').notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('credential_policies_node_name_key').on(t.nodeId, t.name),
    check('cp_name_nonempty', sql`length(trim(${t.name})) between 1 and 100`),
    check('cp_idle_range', sql`${t.idleSessionTimeoutMinutes} between 1 and 525600`),
    check('cp_absolute_range', sql`${t.absoluteSessionTimeoutMinutes} between 0 and 525600`),
    check('cp_expires_range', sql`${t.passwordExpiresMonths} between 0 and 120`),
    check('cp_lock_range', sql`${t.lockDurationMinutes} between 0 and 525600`),
    check('cp_fail_user_range', sql`${t.failedLoginCountPerUser} between 1 and 1000`),
    check('cp_reset_user_range', sql`${t.resetFailedLoginCountPerUserMinutes} between 1 and 525600`),
    check('cp_fail_source_range', sql`${t.failedLoginCountPerSource} between 1 and 10000`),
    check('cp_reset_source_range', sql`${t.resetFailedLoginCountPerSourceMinutes} between 1 and 525600`),
    check(
      'cp_questions_range',
      sql`${t.questionsAskedDuringReset} between 0 and 10 and ${t.questionsAskedDuringReset} <= jsonb_array_length(${t.resetQuestionPool})`,
    ),
    check('cp_reuse_range', sql`${t.passwordReuseTimeLimitDays} between 0 and 365`),
    check('cp_min_length_range', sql`${t.minimumPasswordLength} between 8 and 128`),
    check('cp_inactive_range', sql`${t.inactiveDaysBeforeDisabling} between 0 and 3650`),
    check('cp_session_limit_range', sql`${t.sessionLoginLimitPerUser} between 0 and 1000`),
    check('cp_diff_chars_range', sql`${t.differentPasswordCharacters} between 0 and 128`),
    check('cp_min_age_range', sql`${t.minimumPasswordAgeDays} between 0 and 365`),
    check('cp_notify_range', sql`${t.notifyBeforeExpiryDays} between 0 and 60`),
    check('cp_notify_by', sql`${t.notifyBy} in ('console','email','both')`),
    check('cp_email_freq_range', sql`${t.emailReminderFrequencyDays} between 1 and 30`),
  ],
);

export const ROLES = ['system_operator', 'manager', 'unit_manager', 'user_admin', 'user'] as const;
export type Role = (typeof ROLES)[number];

/** Accounts (SPEC §1). Lockout counters live on the row so that one UPDATE decides atomically. */
export const accounts = pgTable(
  'accounts',
  {
    id: serial('id').primaryKey(),
    username: text('username').notNull(),
    nodeId: integer('node_id')
      .notNull()
      .references(() => nodes.id, { onDelete: 'restrict' }),
    role: text('role', { enum: ROLES }).notNull().default('user'),
    isPrimaryContact: boolean('is_primary_contact').notNull().default(false),
    authSource: text('auth_source', { enum: ['local', 'ldap', 'sso'] }).notNull().default('local'),
    apiOnly: boolean('api_only').notNull().default(false),
    firstName: text('first_name').notNull().default(''),
    lastName: text('last_name').notNull().default(''),
    email: text('email').notNull().default(''),
    externalId: text('external_id'),
    canManageExternalIds: boolean('can_manage_external_ids').notNull().default(false),
    credentialPolicyId: integer('credential_policy_id').references(() => credentialPolicies.id, {
      onDelete: 'restrict',
    }),
    sessionTimeoutMinutes: integer('session_timeout_minutes'),
    status: text('status', { enum: ['active', 'locked', 'disabled'] }).notNull().default('active'),
    statusReason: text('status_reason'),
    lockedUntil: ts('locked_until'),
    failedCount: integer('failed_count').notNull().default(0),
    failedLastAt: ts('failed_last_at'),
    passwordHash: text('password_hash'),
    passwordChangedAt: ts('password_changed_at'),
    mustChangePassword: boolean('must_change_password').notNull().default(false),
    passwordNeverExpires: boolean('password_never_expires').notNull().default(false),
    totpSecretEnc: text('totp_secret_enc'),
    totpLastStep: integer('totp_last_step'),
    lastLoginAt: ts('last_login_at'),
    version: integer('version').notNull().default(1),
    createdAt: createdAt(),
    updatedAt: ts('updated_at').notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('accounts_username_key').on(sql`lower(${t.username})`),
    index('accounts_node_idx').on(t.nodeId),
    check('accounts_role_check', sql`${t.role} in ('system_operator','manager','unit_manager','user_admin','user')`),
    check('accounts_auth_source_check', sql`${t.authSource} in ('local','ldap','sso')`),
    check('accounts_status_check', sql`${t.status} in ('active','locked','disabled')`),
    check(
      'accounts_session_timeout_range',
      sql`${t.sessionTimeoutMinutes} is null or ${t.sessionTimeoutMinutes} between 10 and 240`,
    ),
    check('accounts_failed_count_nonneg', sql`${t.failedCount} >= 0`),
    check('accounts_username_format', sql`${t.username} ~ '^[A-Za-z0-9._@-]{1,64}$'`),
  ],
);

/** Every password an account has had, as Argon2id hashes, for the reuse time limit. */
export const passwordHistory = pgTable(
  'password_history',
  {
    id: serial('id').primaryKey(),
    accountId: integer('account_id')
      .notNull()
      .references(() => accounts.id, { onDelete: 'cascade' }),
    passwordHash: text('password_hash').notNull(),
    createdAt: createdAt(),
  },
  (t) => [index('password_history_account_idx').on(t.accountId, t.createdAt)],
);

export const securityAnswers = pgTable(
  'security_answers',
  {
    accountId: integer('account_id')
      .notNull()
      .references(() => accounts.id, { onDelete: 'cascade' }),
    question: text('question').notNull(),
    answerHash: text('answer_hash').notNull(),
    createdAt: createdAt(),
  },
  (t) => [primaryKey({ columns: [t.accountId, t.question] })],
);

/** Which node names which Default Credential Policy (a node without a row inherits). */
export const nodeDefaultPolicies = pgTable('node_default_policies', {
  nodeId: integer('node_id')
    .primaryKey()
    .references(() => nodes.id, { onDelete: 'cascade' }),
  policyId: integer('policy_id')
    .notNull()
    .references(() => credentialPolicies.id, { onDelete: 'restrict' }),
  version: integer('version').notNull().default(1),
  updatedAt: ts('updated_at').notNull().defaultNow(),
});

export const SETTING_GROUPS = [
  'ipAllowlist',
  'twoFactor',
  'externalIds',
  'dataSecurityModel',
  'sessionTimeouts',
  'neverExpire',
] as const;
export type SettingGroup = (typeof SETTING_GROUPS)[number];

/**
 * Per-node setting groups of the Security page. A row means "this node defines the group"; no row
 * means it inherits. The value's shape is validated by the group's zod schema in lib/security-settings.
 */
export const nodeSettings = pgTable(
  'node_settings',
  {
    nodeId: integer('node_id')
      .notNull()
      .references(() => nodes.id, { onDelete: 'cascade' }),
    group: text('group', { enum: SETTING_GROUPS }).notNull(),
    value: jsonb('value').notNull(),
    version: integer('version').notNull().default(1),
    updatedAt: ts('updated_at').notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.nodeId, t.group] }),
    check(
      'node_settings_group_check',
      sql`${t.group} in ('ipAllowlist','twoFactor','externalIds','dataSecurityModel','sessionTimeouts','neverExpire')`,
    ),
  ],
);

/** Decisions on the Password Never Expires agreement: who, when, from where, which text. */
export const neverExpireAgreements = pgTable('never_expire_agreements', {
  id: serial('id').primaryKey(),
  nodeId: integer('node_id')
    .notNull()
    .references(() => nodes.id, { onDelete: 'cascade' }),
  decision: text('decision', { enum: ['accepted', 'declined'] }).notNull(),
  accountId: integer('account_id').references(() => accounts.id, { onDelete: 'set null' }),
  username: text('username').notNull(),
  ip: text('ip').notNull(),
  textVersion: text('text_version').notNull(),
  createdAt: createdAt(),
});

export const SESSION_STAGES = ['active', 'change_password', 'totp', 'totp_enrol'] as const;
export type SessionStage = (typeof SESSION_STAGES)[number];

/**
 * Sessions. The cookie carries an opaque random id; only its SHA-256 is stored, so a read of this
 * table does not yield usable cookies. Timeouts are copied in at creation: policy changes apply at
 * the next sign-in (SPEC §3), revocation at once.
 */
export const sessions = pgTable(
  'sessions',
  {
    idHash: text('id_hash').primaryKey(),
    accountId: integer('account_id')
      .notNull()
      .references(() => accounts.id, { onDelete: 'cascade' }),
    stage: text('stage', { enum: SESSION_STAGES }).notNull().default('active'),
    idleTimeoutMinutes: integer('idle_timeout_minutes').notNull(),
    absoluteTimeoutMinutes: integer('absolute_timeout_minutes').notNull(),
    createdAt: createdAt(),
    lastSeenAt: ts('last_seen_at').notNull().defaultNow(),
    revokedAt: ts('revoked_at'),
    revokedReason: text('revoked_reason'),
    ip: text('ip').notNull(),
    userAgent: text('user_agent').notNull().default(''),
  },
  (t) => [
    index('sessions_account_idx').on(t.accountId, t.createdAt),
    check('sessions_stage_check', sql`${t.stage} in ('active','change_password','totp','totp_enrol')`),
  ],
);

/** Failed attempts per source address, shared by every instance through the database. */
export const sourceCounters = pgTable('source_counters', {
  ip: text('ip').primaryKey(),
  failedCount: integer('failed_count').notNull().default(0),
  failedLastAt: ts('failed_last_at').notNull().defaultNow(),
});

export const auditLog = pgTable(
  'audit_log',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    at: createdAt(),
    actorAccountId: integer('actor_account_id').references(() => accounts.id, { onDelete: 'set null' }),
    actorUsername: text('actor_username').notNull(),
    ip: text('ip').notNull(),
    action: text('action').notNull(),
    nodePath: text('node_path'),
    targetType: text('target_type').notNull(),
    targetId: text('target_id'),
    before: jsonb('before'),
    after: jsonb('after'),
  },
  (t) => [index('audit_log_node_idx').on(t.nodePath, t.at)],
);

export const signInLog = pgTable(
  'sign_in_log',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    at: createdAt(),
    username: text('username').notNull(),
    accountId: integer('account_id').references(() => accounts.id, { onDelete: 'set null' }),
    nodePath: text('node_path'),
    ip: text('ip').notNull(),
    userAgent: text('user_agent').notNull().default(''),
    channel: text('channel', { enum: ['console', 'api'] }).notNull().default('console'),
    outcome: text('outcome').notNull(),
    step: text('step').notNull(),
    detail: text('detail'),
  },
  (t) => [index('sign_in_log_account_idx').on(t.accountId, t.at), index('sign_in_log_at_idx').on(t.at)],
);

/** Emails waiting to be sent, or kept for Managers to read when no SMTP server is configured. */
export const outbox = pgTable('outbox', {
  id: serial('id').primaryKey(),
  accountId: integer('account_id').references(() => accounts.id, { onDelete: 'cascade' }),
  toAddress: text('to_address').notNull(),
  subject: text('subject').notNull(),
  body: text('body').notNull(),
  createdAt: createdAt(),
  sentAt: ts('sent_at'),
});
