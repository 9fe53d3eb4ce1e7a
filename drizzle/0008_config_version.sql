CREATE TABLE "config_version" (
	"id" integer PRIMARY KEY DEFAULT 1 NOT NULL,
	"version" bigint DEFAULT 0 NOT NULL,
	CONSTRAINT "config_version_one_row" CHECK ("config_version"."id" = 1)
);
--> statement-breakpoint
INSERT INTO "config_version" ("id", "version") VALUES (1, 0);--> statement-breakpoint
-- Raised once per transaction, at its commit (a deferred constraint trigger), so that a reader sees
-- the new version exactly when it can see the new rows, and the row is locked only while committing.
CREATE FUNCTION bump_config_version() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF current_setting('sc.config_bumped', true) IS DISTINCT FROM txid_current()::text THEN
    PERFORM set_config('sc.config_bumped', txid_current()::text, true);
    UPDATE config_version SET version = version + 1 WHERE id = 1;
  END IF;
  RETURN NULL;
END $$;--> statement-breakpoint
CREATE CONSTRAINT TRIGGER credential_policies_config_version AFTER INSERT OR UPDATE OR DELETE ON credential_policies
  DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION bump_config_version();--> statement-breakpoint
CREATE CONSTRAINT TRIGGER node_default_policies_config_version AFTER INSERT OR UPDATE OR DELETE ON node_default_policies
  DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION bump_config_version();--> statement-breakpoint
CREATE CONSTRAINT TRIGGER node_settings_config_version AFTER INSERT OR UPDATE OR DELETE ON node_settings
  DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION bump_config_version();--> statement-breakpoint
CREATE CONSTRAINT TRIGGER nodes_config_version AFTER INSERT OR UPDATE OR DELETE ON nodes
  DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION bump_config_version();
