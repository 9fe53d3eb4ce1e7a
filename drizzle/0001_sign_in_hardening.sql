ALTER TABLE "accounts" ADD COLUMN "outside_failed_count" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "accounts" ADD COLUMN "outside_failed_last_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "sessions" ADD COLUMN "code_attempts" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "sessions" ADD COLUMN "change_password_next" boolean DEFAULT false NOT NULL;--> statement-breakpoint
-- Locking or disabling an account ends its sessions (rows revoked, not only refused while the lock
-- lasts), whichever path changed the status: the failed-attempt rule, a Manager, inactivity.
CREATE FUNCTION end_sessions_of_inactive_account() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE sessions SET revoked_at = now(), revoked_reason = NEW.status
  WHERE account_id = NEW.id AND revoked_at IS NULL;
  RETURN NEW;
END $$;--> statement-breakpoint
CREATE TRIGGER accounts_end_sessions_when_inactive
  AFTER UPDATE OF status ON accounts
  FOR EACH ROW WHEN (NEW.status <> 'active' AND OLD.status IS DISTINCT FROM NEW.status)
  EXECUTE FUNCTION end_sessions_of_inactive_account();
