CREATE TABLE "accounts" (
	"id" serial PRIMARY KEY NOT NULL,
	"username" text NOT NULL,
	"node_id" integer NOT NULL,
	"role" text DEFAULT 'user' NOT NULL,
	"is_primary_contact" boolean DEFAULT false NOT NULL,
	"auth_source" text DEFAULT 'local' NOT NULL,
	"api_only" boolean DEFAULT false NOT NULL,
	"first_name" text DEFAULT '' NOT NULL,
	"last_name" text DEFAULT '' NOT NULL,
	"email" text DEFAULT '' NOT NULL,
	"external_id" text,
	"can_manage_external_ids" boolean DEFAULT false NOT NULL,
	"credential_policy_id" integer,
	"session_timeout_minutes" integer,
	"status" text DEFAULT 'active' NOT NULL,
	"status_reason" text,
	"locked_until" timestamp with time zone,
	"failed_count" integer DEFAULT 0 NOT NULL,
	"failed_last_at" timestamp with time zone,
	"password_hash" text,
	"password_changed_at" timestamp with time zone,
	"must_change_password" boolean DEFAULT false NOT NULL,
	"password_never_expires" boolean DEFAULT false NOT NULL,
	"totp_secret_enc" text,
	"totp_last_step" integer,
	"last_login_at" timestamp with time zone,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "accounts_role_check" CHECK ("accounts"."role" in ('system_operator','manager','unit_manager','user_admin','user')),
	CONSTRAINT "accounts_auth_source_check" CHECK ("accounts"."auth_source" in ('local','ldap','sso')),
	CONSTRAINT "accounts_status_check" CHECK ("accounts"."status" in ('active','locked','disabled')),
	CONSTRAINT "accounts_session_timeout_range" CHECK ("accounts"."session_timeout_minutes" is null or "accounts"."session_timeout_minutes" between 10 and 240),
	CONSTRAINT "accounts_failed_count_nonneg" CHECK ("accounts"."failed_count" >= 0),
	CONSTRAINT "accounts_username_format" CHECK ("accounts"."username" ~ '^[A-Za-z0-9._@-]{1,64}$')
);
--> statement-breakpoint
CREATE TABLE "audit_log" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"actor_account_id" integer,
	"actor_username" text NOT NULL,
	"ip" text NOT NULL,
	"action" text NOT NULL,
	"node_path" text,
	"target_type" text NOT NULL,
	"target_id" text,
	"before" jsonb,
	"after" jsonb
);
--> statement-breakpoint
CREATE TABLE "credential_policies" (
	"id" serial PRIMARY KEY NOT NULL,
	"node_id" integer NOT NULL,
	"name" text NOT NULL,
	"idle_session_timeout_minutes" integer DEFAULT 20 NOT NULL,
	"absolute_session_timeout_minutes" integer DEFAULT 1440 NOT NULL,
	"password_expires_months" integer DEFAULT 6 NOT NULL,
	"must_change_password_on_first_login" boolean DEFAULT false NOT NULL,
	"lock_duration_minutes" integer DEFAULT 30 NOT NULL,
	"disable_failed_login_limiting_per_user" boolean DEFAULT false NOT NULL,
	"disable_failed_login_user_account" boolean DEFAULT false NOT NULL,
	"failed_login_count_per_user" integer DEFAULT 20 NOT NULL,
	"reset_failed_login_count_per_user_minutes" integer DEFAULT 5 NOT NULL,
	"disable_failed_login_limiting_per_source" boolean DEFAULT false NOT NULL,
	"failed_login_count_per_source" integer DEFAULT 10 NOT NULL,
	"reset_failed_login_count_per_source_minutes" integer DEFAULT 10 NOT NULL,
	"questions_asked_during_reset" integer DEFAULT 3 NOT NULL,
	"reset_question_pool" jsonb NOT NULL,
	"password_reuse_time_limit_days" integer DEFAULT 15 NOT NULL,
	"minimum_password_length" integer DEFAULT 8 NOT NULL,
	"enable_password_complexity" boolean DEFAULT false NOT NULL,
	"inactive_days_before_disabling" integer DEFAULT 0 NOT NULL,
	"session_login_limit_per_user" integer DEFAULT 0 NOT NULL,
	"different_password_characters" integer DEFAULT 0 NOT NULL,
	"minimum_password_age_days" integer DEFAULT 0 NOT NULL,
	"no_three_identical_in_a_row" boolean DEFAULT false NOT NULL,
	"no_sequential_characters" boolean DEFAULT false NOT NULL,
	"no_user_names" boolean DEFAULT false NOT NULL,
	"notify_before_expiry_days" integer DEFAULT 7 NOT NULL,
	"notify_by" text DEFAULT 'console' NOT NULL,
	"email_reminder_frequency_days" integer DEFAULT 1 NOT NULL,
	"allow_change_expired_at_login" boolean DEFAULT true NOT NULL,
	"allow_user_defined_passwords" boolean DEFAULT true NOT NULL,
	"reject_common_passwords" boolean DEFAULT true NOT NULL,
	"banned_words" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "cp_name_nonempty" CHECK (length(trim("credential_policies"."name")) between 1 and 100),
	CONSTRAINT "cp_idle_range" CHECK ("credential_policies"."idle_session_timeout_minutes" between 1 and 525600),
	CONSTRAINT "cp_absolute_range" CHECK ("credential_policies"."absolute_session_timeout_minutes" between 0 and 525600),
	CONSTRAINT "cp_expires_range" CHECK ("credential_policies"."password_expires_months" between 0 and 120),
	CONSTRAINT "cp_lock_range" CHECK ("credential_policies"."lock_duration_minutes" between 0 and 525600),
	CONSTRAINT "cp_fail_user_range" CHECK ("credential_policies"."failed_login_count_per_user" between 1 and 1000),
	CONSTRAINT "cp_reset_user_range" CHECK ("credential_policies"."reset_failed_login_count_per_user_minutes" between 1 and 525600),
	CONSTRAINT "cp_fail_source_range" CHECK ("credential_policies"."failed_login_count_per_source" between 1 and 10000),
	CONSTRAINT "cp_reset_source_range" CHECK ("credential_policies"."reset_failed_login_count_per_source_minutes" between 1 and 525600),
	CONSTRAINT "cp_questions_range" CHECK ("credential_policies"."questions_asked_during_reset" between 0 and 10 and "credential_policies"."questions_asked_during_reset" <= jsonb_array_length("credential_policies"."reset_question_pool")),
	CONSTRAINT "cp_reuse_range" CHECK ("credential_policies"."password_reuse_time_limit_days" between 0 and 365),
	CONSTRAINT "cp_min_length_range" CHECK ("credential_policies"."minimum_password_length" between 8 and 128),
	CONSTRAINT "cp_inactive_range" CHECK ("credential_policies"."inactive_days_before_disabling" between 0 and 3650),
	CONSTRAINT "cp_session_limit_range" CHECK ("credential_policies"."session_login_limit_per_user" between 0 and 1000),
	CONSTRAINT "cp_diff_chars_range" CHECK ("credential_policies"."different_password_characters" between 0 and 128),
	CONSTRAINT "cp_min_age_range" CHECK ("credential_policies"."minimum_password_age_days" between 0 and 365),
	CONSTRAINT "cp_notify_range" CHECK ("credential_policies"."notify_before_expiry_days" between 0 and 60),
	CONSTRAINT "cp_notify_by" CHECK ("credential_policies"."notify_by" in ('console','email','both')),
	CONSTRAINT "cp_email_freq_range" CHECK ("credential_policies"."email_reminder_frequency_days" between 1 and 30)
);
--> statement-breakpoint
CREATE TABLE "never_expire_agreements" (
	"id" serial PRIMARY KEY NOT NULL,
	"node_id" integer NOT NULL,
	"decision" text NOT NULL,
	"account_id" integer,
	"username" text NOT NULL,
	"ip" text NOT NULL,
	"text_version" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "node_default_policies" (
	"node_id" integer PRIMARY KEY NOT NULL,
	"policy_id" integer NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "node_settings" (
	"node_id" integer NOT NULL,
	"group" text NOT NULL,
	"value" jsonb NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "node_settings_node_id_group_pk" PRIMARY KEY("node_id","group"),
	CONSTRAINT "node_settings_group_check" CHECK ("node_settings"."group" in ('ipAllowlist','twoFactor','externalIds','dataSecurityModel','sessionTimeouts','neverExpire'))
);
--> statement-breakpoint
CREATE TABLE "nodes" (
	"id" serial PRIMARY KEY NOT NULL,
	"path" text NOT NULL,
	"parent_id" integer,
	"type" text NOT NULL,
	"name" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "nodes_type_check" CHECK ("nodes"."type" in ('system','provider','reseller','customer','site')),
	CONSTRAINT "nodes_path_format" CHECK ("nodes"."path" ~ '^[a-z0-9-]+(\.[a-z0-9-]+)*$')
);
--> statement-breakpoint
CREATE TABLE "outbox" (
	"id" serial PRIMARY KEY NOT NULL,
	"account_id" integer,
	"to_address" text NOT NULL,
	"subject" text NOT NULL,
	"body" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"sent_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "password_history" (
	"id" serial PRIMARY KEY NOT NULL,
	"account_id" integer NOT NULL,
	"password_hash" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "security_answers" (
	"account_id" integer NOT NULL,
	"question" text NOT NULL,
	"answer_hash" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "security_answers_account_id_question_pk" PRIMARY KEY("account_id","question")
);
--> statement-breakpoint
CREATE TABLE "sessions" (
	"id_hash" text PRIMARY KEY NOT NULL,
	"account_id" integer NOT NULL,
	"stage" text DEFAULT 'active' NOT NULL,
	"idle_timeout_minutes" integer NOT NULL,
	"absolute_timeout_minutes" integer NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"last_seen_at" timestamp with time zone DEFAULT now() NOT NULL,
	"revoked_at" timestamp with time zone,
	"revoked_reason" text,
	"ip" text NOT NULL,
	"user_agent" text DEFAULT '' NOT NULL,
	CONSTRAINT "sessions_stage_check" CHECK ("sessions"."stage" in ('active','change_password','totp','totp_enrol'))
);
--> statement-breakpoint
CREATE TABLE "sign_in_log" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"username" text NOT NULL,
	"account_id" integer,
	"node_path" text,
	"ip" text NOT NULL,
	"user_agent" text DEFAULT '' NOT NULL,
	"channel" text DEFAULT 'console' NOT NULL,
	"outcome" text NOT NULL,
	"step" text NOT NULL,
	"detail" text
);
--> statement-breakpoint
CREATE TABLE "source_counters" (
	"ip" text PRIMARY KEY NOT NULL,
	"failed_count" integer DEFAULT 0 NOT NULL,
	"failed_last_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "accounts" ADD CONSTRAINT "accounts_node_id_nodes_id_fk" FOREIGN KEY ("node_id") REFERENCES "public"."nodes"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "accounts" ADD CONSTRAINT "accounts_credential_policy_id_credential_policies_id_fk" FOREIGN KEY ("credential_policy_id") REFERENCES "public"."credential_policies"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "audit_log" ADD CONSTRAINT "audit_log_actor_account_id_accounts_id_fk" FOREIGN KEY ("actor_account_id") REFERENCES "public"."accounts"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "credential_policies" ADD CONSTRAINT "credential_policies_node_id_nodes_id_fk" FOREIGN KEY ("node_id") REFERENCES "public"."nodes"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "never_expire_agreements" ADD CONSTRAINT "never_expire_agreements_node_id_nodes_id_fk" FOREIGN KEY ("node_id") REFERENCES "public"."nodes"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "never_expire_agreements" ADD CONSTRAINT "never_expire_agreements_account_id_accounts_id_fk" FOREIGN KEY ("account_id") REFERENCES "public"."accounts"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "node_default_policies" ADD CONSTRAINT "node_default_policies_node_id_nodes_id_fk" FOREIGN KEY ("node_id") REFERENCES "public"."nodes"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "node_default_policies" ADD CONSTRAINT "node_default_policies_policy_id_credential_policies_id_fk" FOREIGN KEY ("policy_id") REFERENCES "public"."credential_policies"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "node_settings" ADD CONSTRAINT "node_settings_node_id_nodes_id_fk" FOREIGN KEY ("node_id") REFERENCES "public"."nodes"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "nodes" ADD CONSTRAINT "nodes_parent_fk" FOREIGN KEY ("parent_id") REFERENCES "public"."nodes"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "outbox" ADD CONSTRAINT "outbox_account_id_accounts_id_fk" FOREIGN KEY ("account_id") REFERENCES "public"."accounts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "password_history" ADD CONSTRAINT "password_history_account_id_accounts_id_fk" FOREIGN KEY ("account_id") REFERENCES "public"."accounts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "security_answers" ADD CONSTRAINT "security_answers_account_id_accounts_id_fk" FOREIGN KEY ("account_id") REFERENCES "public"."accounts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sessions" ADD CONSTRAINT "sessions_account_id_accounts_id_fk" FOREIGN KEY ("account_id") REFERENCES "public"."accounts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sign_in_log" ADD CONSTRAINT "sign_in_log_account_id_accounts_id_fk" FOREIGN KEY ("account_id") REFERENCES "public"."accounts"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "accounts_username_key" ON "accounts" USING btree (lower("username"));--> statement-breakpoint
CREATE INDEX "accounts_node_idx" ON "accounts" USING btree ("node_id");--> statement-breakpoint
CREATE INDEX "audit_log_node_idx" ON "audit_log" USING btree ("node_path","created_at");--> statement-breakpoint
CREATE UNIQUE INDEX "credential_policies_node_name_key" ON "credential_policies" USING btree ("node_id","name");--> statement-breakpoint
CREATE UNIQUE INDEX "nodes_path_key" ON "nodes" USING btree ("path");--> statement-breakpoint
CREATE INDEX "nodes_parent_idx" ON "nodes" USING btree ("parent_id");--> statement-breakpoint
CREATE INDEX "password_history_account_idx" ON "password_history" USING btree ("account_id","created_at");--> statement-breakpoint
CREATE INDEX "sessions_account_idx" ON "sessions" USING btree ("account_id","created_at");--> statement-breakpoint
CREATE INDEX "sign_in_log_account_idx" ON "sign_in_log" USING btree ("account_id","created_at");--> statement-breakpoint
CREATE INDEX "sign_in_log_at_idx" ON "sign_in_log" USING btree ("created_at");