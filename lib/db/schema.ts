import { type SQL, sql } from 'drizzle-orm';
import {
  type AnyPgColumn,
  bigint,
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
import { PATH_PATTERN } from '@/lib/hierarchy/rules';
import {
  BOOLEAN_FIELD,
  BOOLEAN_FIELDS,
  type BoolKey,
  DEFAULT_NOTIFY_BY,
  NOTIFY_BY,
  NUMBER_FIELD,
  NUMBER_FIELDS,
  type NumberKey,
} from '@/lib/policy/fields';
import { SESSION_TIMEOUT_MINUTES, SETTING_GROUPS } from '@/lib/security-settings/groups';
import { ACCOUNT_STATUSES, AUTH_SOURCES, FOLD_FROM, FOLD_TO, ROLES, USERNAME_PATTERN } from '@/lib/users/fields';

export const NODE_TYPES = ['system', 'provider', 'reseller', 'customer', 'site'] as const;
export type NodeType = (typeof NODE_TYPES)[number];

const createdAt = () => timestamp('created_at', { withTimezone: true }).notNull().defaultNow();
const ts = (name: string) => timestamp(name, { withTimezone: true });

/** Nodes of the organisation hierarchy, named by dotted path (sys, sys.hcs, sys.hcs.acme …). */
export const nodes = pgTable(
  'nodes',
  {
    id: serial('id').primaryKey(),
    path: text('path').notNull(),
    parentId: integer('parent_id'),
    type: text('type', { enum: NODE_TYPES }).notNull(),
    name: text('name').notNull(),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex('nodes_path_key').on(t.path),
    foreignKey({ columns: [t.parentId], foreignColumns: [t.id], name: 'nodes_parent_fk' }).onDelete('restrict'),
    index('nodes_parent_idx').on(t.parentId),
    // Subtree conditions are prefix matches (path like 'sys.hcs.%'): a pattern index serves them in any collation.
    index('nodes_path_prefix_idx').using('btree', sql`${t.path} text_pattern_ops`),
    check('nodes_type_check', inList(t.type, NODE_TYPES)),
    check('nodes_path_format', sql`${t.path} ~ '${sql.raw(PATH_PATTERN.source)}'`),
  ],
);

/** camelCase field key → snake_case column name (idleSessionTimeoutMinutes → idle_session_timeout_minutes). */
const column = (key: string) => key.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);
const policyInt = (key: NumberKey) => integer(column(key)).notNull().default(NUMBER_FIELD[key].default);
const policyBool = (key: BoolKey) => boolean(column(key)).notNull().default(BOOLEAN_FIELD[key].default);
const numberColumns = Object.fromEntries(NUMBER_FIELDS.map((f) => [f.key, policyInt(f.key)])) as { [K in NumberKey]: ReturnType<typeof policyInt> };
const booleanColumns = Object.fromEntries(BOOLEAN_FIELDS.map((f) => [f.key, policyBool(f.key)])) as { [K in BoolKey]: ReturnType<typeof policyBool> };

/** `col in ('a','b')` from one of the product's lists, for enum-like check constraints. */
const inList = (col: AnyPgColumn, values: readonly string[]) => sql`${col} in (${sql.raw(values.map((v) => `'${v}'`).join(','))})`;
const between = (col: AnyPgColumn, min: number, max: number) => sql`${col} between ${sql.raw(String(min))} and ${sql.raw(String(max))}`;

// Range constraint names as the first migration created them; the ranges come from lib/policy/fields.ts.
const RANGE_CHECKS: Partial<Record<NumberKey, string>> = {
  idleSessionTimeoutMinutes: 'cp_idle_range',
  absoluteSessionTimeoutMinutes: 'cp_absolute_range',
  passwordExpiresMonths: 'cp_expires_range',
  lockDurationMinutes: 'cp_lock_range',
  failedLoginCountPerUser: 'cp_fail_user_range',
  resetFailedLoginCountPerUserMinutes: 'cp_reset_user_range',
  failedLoginCountPerSource: 'cp_fail_source_range',
  resetFailedLoginCountPerSourceMinutes: 'cp_reset_source_range',
  passwordReuseTimeLimitDays: 'cp_reuse_range',
  minimumPasswordLength: 'cp_min_length_range',
  inactiveDaysBeforeDisabling: 'cp_inactive_range',
  sessionLoginLimitPerUser: 'cp_session_limit_range',
  differentPasswordCharacters: 'cp_diff_chars_range',
  minimumPasswordAgeDays: 'cp_min_age_range',
  notifyBeforeExpiryDays: 'cp_notify_range',
  emailReminderFrequencyDays: 'cp_email_freq_range',
};

/**
 * Credential policies (second document). Columns, defaults and range check constraints are generated
 * from lib/policy/fields.ts, so that no path into the database, including a future bug, can store a
 * value the product would refuse.
 */
export const credentialPolicies = pgTable(
  'credential_policies',
  {
    id: serial('id').primaryKey(),
    nodeId: integer('node_id')
      .notNull()
      .references(() => nodes.id, { onDelete: 'restrict' }),
    name: text('name').notNull(),
    ...numberColumns,
    ...booleanColumns,
    resetQuestionPool: jsonb('reset_question_pool').$type<string[]>().notNull(),
    notifyBy: text('notify_by', { enum: NOTIFY_BY }).notNull().default(DEFAULT_NOTIFY_BY),
    bannedWords: jsonb('banned_words').$type<string[]>().notNull().default([]),
    /** "Minimum below this node": no policy at or below the node may be weaker in any field. */
    minimumBelow: boolean('minimum_below').notNull().default(false),
    version: integer('version').notNull().default(1),
    createdAt: createdAt(),
    updatedAt: ts('updated_at').notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('credential_policies_node_name_key').on(t.nodeId, t.name),
    check('cp_name_nonempty', sql`length(trim(${t.name})) between 1 and 100`),
    ...NUMBER_FIELDS.flatMap((f) => {
      const name = RANGE_CHECKS[f.key];
      return name ? [check(name, between(t[f.key], f.min, f.max))] : [];
    }),
    check(
      'cp_questions_range',
      sql`${between(t.questionsAskedDuringReset, NUMBER_FIELD.questionsAskedDuringReset.min, NUMBER_FIELD.questionsAskedDuringReset.max)} and ${t.questionsAskedDuringReset} <= jsonb_array_length(${t.resetQuestionPool})`,
    ),
    check('cp_notify_by', inList(t.notifyBy, NOTIFY_BY)),
  ],
);

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
    authSource: text('auth_source', { enum: AUTH_SOURCES }).notNull().default('local'),
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
    status: text('status', { enum: ACCOUNT_STATUSES }).notNull().default('active'),
    statusReason: text('status_reason'),
    // "Disable account" by a Manager (not the automatic disable after failed attempts or inactivity):
    // only "Enable account", under the takeover rule, undoes it; a Re-activate does not.
    disabledByAdministrator: boolean('disabled_by_administrator').notNull().default(false),
    lockedUntil: ts('locked_until'),
    failedCount: integer('failed_count').notNull().default(0),
    failedLastAt: ts('failed_last_at'),
    /** Wrong passwords from addresses outside the account's allowlist (a budget of their own). */
    outsideFailedCount: integer('outside_failed_count').notNull().default(0),
    outsideFailedLastAt: ts('outside_failed_last_at'),
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
    // What the user list searches: lower-cased, accents folded (FOLD_FROM → FOLD_TO), "first last" kept
    // together so "alice smith" matches; trigram-indexed so a substring search stays fast at 100,000.
    searchText: text('search_text').generatedAlwaysAs(
      (): SQL =>
        sql`translate(lower(${accounts.username} || ' ' || ${accounts.firstName} || ' ' || ${accounts.lastName} || ' ' || ${accounts.email} || ' ' || coalesce(${accounts.externalId}, '')), ${sql.raw(`'${FOLD_FROM}'`)}, ${sql.raw(`'${FOLD_TO}'`)})`,
    ),
  },
  (t) => [
    uniqueIndex('accounts_username_key').on(sql`lower(${t.username})`),
    index('accounts_node_idx').on(t.nodeId),
    // "Where is this policy used" (credential policies page, deleting a policy) at 100,000 accounts.
    index('accounts_credential_policy_idx').on(t.credentialPolicyId),
    // One Primary Contact per node, whatever the application does (SPEC §1).
    uniqueIndex('accounts_one_primary_contact').on(t.nodeId).where(sql`${t.isPrimaryContact}`),
    // The Security page's confirmations count these few accounts in a subtree of up to 100,000.
    index('accounts_external_id_grant_idx').on(t.nodeId).where(sql`${t.canManageExternalIds}`),
    index('accounts_never_expires_idx').on(t.nodeId).where(sql`${t.passwordNeverExpires}`),
    // "Require two-factor" counts the accounts that would have to enrol: read from this index alone.
    index('accounts_enrol_candidates_idx')
      .on(t.nodeId, t.id)
      .where(sql`not ${t.apiOnly} and ${t.authSource} = 'local' and ${t.totpSecretEnc} is null and ${t.status} <> 'disabled'`),
    index('accounts_search_trgm_idx').using('gin', sql`${t.searchText} gin_trgm_ops`),
    index('accounts_username_order_idx').on(sql`lower(${t.username})`, t.id),
    check('accounts_role_check', inList(t.role, ROLES)),
    check('accounts_auth_source_check', inList(t.authSource, AUTH_SOURCES)),
    check('accounts_status_check', inList(t.status, ACCOUNT_STATUSES)),
    check(
      'accounts_session_timeout_range',
      sql`${t.sessionTimeoutMinutes} is null or ${between(t.sessionTimeoutMinutes, SESSION_TIMEOUT_MINUTES.min, SESSION_TIMEOUT_MINUTES.max)}`,
    ),
    check('accounts_failed_count_nonneg', sql`${t.failedCount} >= 0`),
    check('accounts_username_format', sql`${t.username} ~ '${sql.raw(USERNAME_PATTERN.source)}'`),
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

export { SETTING_GROUPS, type SettingGroup } from '@/lib/security-settings/groups';

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
  (t) => [primaryKey({ columns: [t.nodeId, t.group] }), check('node_settings_group_check', inList(t.group, SETTING_GROUPS))],
);

/**
 * One row whose `version` rises, at commit, with every transaction that changes what resolves a
 * policy or a setting (credential policies, node defaults, node settings, nodes): in-process caches
 * of resolved policies and settings compare it (lib/auth/resolved-cache.ts). The triggers are in the
 * migration `config_version`.
 */
export const configVersion = pgTable(
  'config_version',
  {
    id: integer('id').primaryKey().default(1),
    version: bigint('version', { mode: 'number' }).notNull().default(0),
  },
  (t) => [check('config_version_one_row', sql`${t.id} = 1`)],
);

/** Decisions on the Password Never Expires agreement: who, when, from where, which text. */
export const neverExpireAgreements = pgTable('never_expire_agreements', {
  id: serial('id').primaryKey(),
  nodeId: integer('node_id')
    .notNull()
    .references(() => nodes.id, { onDelete: 'cascade' }),
  // "opted_out": declined after an acceptance that was in force (what the page calls "Opt out").
  decision: text('decision', { enum: ['accepted', 'declined', 'opted_out'] }).notNull(),
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
    /** Authentication codes tried in this pending session (a fixed ceiling, whatever the policy). */
    codeAttempts: integer('code_attempts').notNull().default(0),
    /** A password change is due once the second factor is done (two-factor comes first). */
    changePasswordNext: boolean('change_password_next').notNull().default(false),
  },
  (t) => [index('sessions_account_idx').on(t.accountId, t.createdAt), check('sessions_stage_check', inList(t.stage, SESSION_STAGES))],
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
  (t) => [
    index('audit_log_node_idx').on(t.nodePath, t.at),
    // The Audit log page: a subtree (prefix match on the path) or an account, newest first by id.
    index('audit_log_node_id_idx').using('btree', t.nodePath.op('text_pattern_ops'), t.id),
    index('audit_log_target_id_idx').on(t.targetId, t.id),
    index('audit_log_actor_id_idx').on(t.actorAccountId, t.id),
  ],
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
    channel: text('channel', { enum: ['console', 'api'] })
      .notNull()
      .default('console'),
    outcome: text('outcome').notNull(),
    step: text('step').notNull(),
    detail: text('detail'),
  },
  (t) => [
    index('sign_in_log_account_idx').on(t.accountId, t.at),
    index('sign_in_log_at_idx').on(t.at),
    // The Sign-in log page and the overview: a subtree newest first by id, an account by id.
    index('sign_in_log_node_id_idx').using('btree', t.nodePath.op('text_pattern_ops'), t.id),
    index('sign_in_log_account_id_idx').on(t.accountId, t.id),
  ],
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

/**
 * Two-factor recovery codes: ten per enrolment, each usable once in place of an authentication code.
 * Only the SHA-256 of a code is kept (a code carries 60 random bits, like a session id: a slow hash
 * would add nothing but ten Argon2id runs per attempt).
 */
export const recoveryCodes = pgTable(
  'recovery_codes',
  {
    id: serial('id').primaryKey(),
    accountId: integer('account_id')
      .notNull()
      .references(() => accounts.id, { onDelete: 'cascade' }),
    codeHash: text('code_hash').notNull(),
    usedAt: ts('used_at'),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex('recovery_codes_account_code_key').on(t.accountId, t.codeHash)],
);

/**
 * Notices already sent, one row per account, kind and period (an expiry reminder names the day its
 * frequency window started). The primary key makes "send once per period" hold however many runners race.
 */
export const noticesSent = pgTable(
  'notices_sent',
  {
    accountId: integer('account_id')
      .notNull()
      .references(() => accounts.id, { onDelete: 'cascade' }),
    kind: text('kind').notNull(),
    period: text('period').notNull(),
    sentAt: createdAt(),
  },
  (t) => [primaryKey({ columns: [t.accountId, t.kind, t.period] })],
);

/** Each run of the scheduled work: when, where, what it did. */
export const jobRuns = pgTable(
  'job_runs',
  {
    id: serial('id').primaryKey(),
    startedAt: createdAt(),
    finishedAt: ts('finished_at'),
    instance: text('instance').notNull(),
    outcome: text('outcome').notNull().default('running'),
    detail: jsonb('detail'),
  },
  (t) => [index('job_runs_started_idx').on(t.startedAt)],
);
