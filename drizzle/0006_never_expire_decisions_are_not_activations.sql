-- Password Never Expires: a Primary Contact's decline/opt-out used to write {"activated": true, ...} at
-- its node, an activation the System operator never made, which outlived the operator's deactivation
-- further up. An activation is genuine only when the audit's latest "never-expire.activation" entry for
-- the node switched it on; any other "activated": true is stripped, keeping the row's decision.
UPDATE "node_settings" AS ns
SET "value" = ns."value" - 'activated', "version" = ns."version" + 1, "updated_at" = now()
FROM "nodes" AS n
WHERE n."id" = ns."node_id"
  AND ns."group" = 'neverExpire'
  AND ns."value" ->> 'activated' = 'true'
  AND coalesce((
    SELECT a."after" ->> 'activated'
    FROM "audit_log" AS a
    WHERE a."action" = 'never-expire.activation' AND a."target_id" = n."path" || ':neverExpire'
    ORDER BY a."id" DESC
    LIMIT 1
  ), 'false') <> 'true';
--> statement-breakpoint
-- Then every account whose node no longer resolves to "activated and accepted" (lib/never-expire/rules.ts:
-- the nearest activation, and the nearest decision at or below it) loses its Never Expire flag.
UPDATE "accounts" AS acc
SET "password_never_expires" = false, "updated_at" = now()
FROM "nodes" AS n
WHERE n."id" = acc."node_id"
  AND acc."password_never_expires"
  AND NOT coalesce((
    SELECT (act."value" ->> 'activated')::boolean AND coalesce((
      SELECT (d."value" ->> 'accepted')::boolean
      FROM "node_settings" AS d
      JOIN "nodes" AS dn ON dn."id" = d."node_id"
      WHERE d."group" = 'neverExpire' AND d."value" ? 'accepted'
        AND (n."path" = dn."path" OR n."path" LIKE dn."path" || '.%')
        AND length(dn."path") >= length(actn."path")
      ORDER BY length(dn."path") DESC
      LIMIT 1
    ), false)
    FROM "node_settings" AS act
    JOIN "nodes" AS actn ON actn."id" = act."node_id"
    WHERE act."group" = 'neverExpire' AND act."value" ? 'activated'
      AND (n."path" = actn."path" OR n."path" LIKE actn."path" || '.%')
    ORDER BY length(actn."path") DESC
    LIMIT 1
  ), false);
