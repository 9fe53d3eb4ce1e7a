-- The user search's trigram index (a trusted extension: the database owner may create it).
CREATE EXTENSION IF NOT EXISTS pg_trgm;--> statement-breakpoint
ALTER TABLE "accounts" ADD COLUMN "disabled_by_administrator" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "accounts" ADD COLUMN "search_text" text GENERATED ALWAYS AS (translate(lower("accounts"."username" || ' ' || "accounts"."first_name" || ' ' || "accounts"."last_name" || ' ' || "accounts"."email" || ' ' || coalesce("accounts"."external_id", '')), 'àáâãäåāăąçćčďđèéêëēėęěğìíîïīįıłñńňòóôõöøōőŕřśšşťùúûüūůűųýÿźżž', 'aaaaaaaaacccddeeeeeeeegiiiiiiilnnnoooooooorrssstuuuuuuuuyyzzz')) STORED;--> statement-breakpoint
CREATE UNIQUE INDEX "accounts_one_primary_contact" ON "accounts" USING btree ("node_id") WHERE "accounts"."is_primary_contact";--> statement-breakpoint
CREATE INDEX "accounts_search_trgm_idx" ON "accounts" USING gin ("search_text" gin_trgm_ops);--> statement-breakpoint
CREATE INDEX "accounts_username_order_idx" ON "accounts" USING btree (lower("username"),"id");--> statement-breakpoint
-- A node's path is its parent's path plus one key, and neither changes after creation (a rename changes
-- the display name only), so every path stays consistent whatever writes the row.
CREATE OR REPLACE FUNCTION nodes_path_consistent() RETURNS trigger AS $$
DECLARE
  parent_path text;
BEGIN
  IF TG_OP = 'UPDATE' AND (NEW.path IS DISTINCT FROM OLD.path OR NEW.parent_id IS DISTINCT FROM OLD.parent_id) THEN
    RAISE EXCEPTION 'the path and parent of node % do not change', OLD.path USING ERRCODE = 'check_violation';
  END IF;
  IF NEW.parent_id IS NULL THEN
    IF position('.' in NEW.path) > 0 THEN
      RAISE EXCEPTION 'node % has a dotted path but no parent', NEW.path USING ERRCODE = 'check_violation';
    END IF;
    RETURN NEW;
  END IF;
  SELECT path INTO parent_path FROM nodes WHERE id = NEW.parent_id;
  IF parent_path IS NULL
     OR left(NEW.path, length(parent_path) + 1) <> parent_path || '.'
     OR position('.' in substr(NEW.path, length(parent_path) + 2)) > 0
     OR length(NEW.path) = length(parent_path) + 1 THEN
    RAISE EXCEPTION 'node path % is not its parent''s path % plus one key', NEW.path, parent_path USING ERRCODE = 'check_violation';
  END IF;
  RETURN NEW;
END
$$ LANGUAGE plpgsql;--> statement-breakpoint
CREATE TRIGGER nodes_path_consistent BEFORE INSERT OR UPDATE ON nodes FOR EACH ROW EXECUTE FUNCTION nodes_path_consistent();
