CREATE INDEX "audit_log_node_id_idx" ON "audit_log" USING btree ("node_path" text_pattern_ops,"id");--> statement-breakpoint
CREATE INDEX "audit_log_target_id_idx" ON "audit_log" USING btree ("target_id","id");--> statement-breakpoint
CREATE INDEX "audit_log_actor_id_idx" ON "audit_log" USING btree ("actor_account_id","id");--> statement-breakpoint
CREATE INDEX "sign_in_log_node_id_idx" ON "sign_in_log" USING btree ("node_path" text_pattern_ops,"id");--> statement-breakpoint
CREATE INDEX "sign_in_log_account_id_idx" ON "sign_in_log" USING btree ("account_id","id");