import 'server-only';
import { sql } from 'drizzle-orm';
import { type Queryable, rowsOf } from '@/lib/db';
import { accounts, nodes, type SessionStage, sessions } from '@/lib/db/schema';
import { ipAllowed } from '@/lib/net/ip';
import { resolveGroupFromRows } from '@/lib/security-settings/queries';
import type { Role } from '@/lib/users/fields';
import { hashSessionId } from './token';

type AllowlistRow = { path: string; value: unknown };

export interface LiveSession {
  accountId: number;
  username: string;
  role: Role;
  isPrimaryContact: boolean;
  apiOnly: boolean;
  nodeId: number;
  nodePath: string;
  stage: SessionStage;
  createdAt: Date;
  lastSeenAt: Date;
  idleTimeoutMinutes: number;
  absoluteTimeoutMinutes: number;
}

/** Granularity of the idle clock: a request restarts it when it is older than this. */
const TOUCH_SECONDS = 15;

/**
 * The per-request check (SPEC §5), in one statement: the session exists, is not revoked, has passed
 * neither its idle nor its absolute timeout, and its account is active (locking and disabling apply
 * at once). With `touch`, the idle clock restarts in the same statement (when older than TOUCH_SECONDS);
 * without, nothing is written.
 */
export async function checkSession(
  q: Queryable,
  id: string,
  opts: { touch: boolean },
): Promise<(LiveSession & { /** Stored ipAllowlist values of the node and its ancestors. */ allowlists: AllowlistRow[] }) | null> {
  const idHash = hashSessionId(id);
  const live = sql`s.revoked_at is null
      and s.last_seen_at > now() - make_interval(mins => s.idle_timeout_minutes)
      and (s.absolute_timeout_minutes = 0 or s.created_at > now() - make_interval(mins => s.absolute_timeout_minutes))
      and a.status = 'active'`;
  // The IP allowlists defined at the account's node and above, read in the same statement so that a
  // request's whole check is one round trip (resolved in checkRequest by the nearest-ancestor rule).
  const columns = sql`s.account_id, s.stage, s.created_at, s.last_seen_at, s.idle_timeout_minutes,
      s.absolute_timeout_minutes, a.username, a.role, a.is_primary_contact, a.api_only, n.id as node_id, n.path as node_path,
      (select coalesce(json_agg(json_build_object('path', an.path, 'value', ns.value)), '[]'::json)
        from node_settings ns join nodes an on an.id = ns.node_id
        where ns."group" = 'ipAllowlist' and (an.path = n.path or n.path like an.path || '.%')) as allowlists`;
  const select = sql`select s.id_hash, ${columns} from ${sessions} s
        join ${accounts} a on a.id = s.account_id join ${nodes} n on n.id = a.node_id
        where s.id_hash = ${idHash} and ${live}`;
  // Touching restarts the idle clock at most every TOUCH_SECONDS: a request that finds it fresher
  // writes nothing (no WAL, no commit flush), so a busy console is not one write per request.
  const res = opts.touch
    ? await q.execute(sql`
        with live as (${select}),
        touched as (
          update ${sessions} t set last_seen_at = now()
          where t.id_hash = (select id_hash from live) and t.last_seen_at < now() - make_interval(secs => ${TOUCH_SECONDS})
          returning t.last_seen_at)
        select live.*, (select last_seen_at from touched) as touched_at from live`)
    : await q.execute(select);
  const row = rowsOf<Record<string, unknown>>(res)[0];
  if (!row) return null;
  return {
    accountId: Number(row.account_id),
    username: String(row.username),
    role: row.role as Role,
    isPrimaryContact: Boolean(row.is_primary_contact),
    apiOnly: Boolean(row.api_only),
    nodeId: Number(row.node_id),
    nodePath: String(row.node_path),
    stage: row.stage as SessionStage,
    createdAt: new Date(row.created_at as string),
    lastSeenAt: new Date((row.touched_at ?? row.last_seen_at) as string),
    idleTimeoutMinutes: Number(row.idle_timeout_minutes),
    absoluteTimeoutMinutes: Number(row.absolute_timeout_minutes),
    allowlists: (typeof row.allowlists === 'string' ? JSON.parse(row.allowlists) : (row.allowlists ?? [])) as AllowlistRow[],
  };
}

type RequestCheck = { ok: true; session: LiveSession } | { ok: false; reason: 'no-session' | 'ip-denied'; session?: LiveSession };

/**
 * Every request of a signed-in account (SPEC §5): a live session (one statement, see checkSession)
 * and a source address still inside the allowlist of the account's node, which applies at once.
 * Used by proxy.ts (touch: false) and by the data layer (touch: true).
 */
export async function checkRequest(q: Queryable, sessionId: string | undefined, ip: string, opts: { touch: boolean }): Promise<RequestCheck> {
  if (!sessionId || sessionId.length > 200) return { ok: false, reason: 'no-session' };
  const checked = await checkSession(q, sessionId, opts);
  if (!checked) return { ok: false, reason: 'no-session' };
  const { allowlists, ...session } = checked;
  const ipAllowlist = resolveGroupFromRows('ipAllowlist', session.nodePath, allowlists);
  if (ipAllowlist.value.enabled && !ipAllowed(ip, ipAllowlist.value.entries)) return { ok: false, reason: 'ip-denied', session };
  return { ok: true, session };
}

/** An account's live sessions (not revoked, within both timeouts), for its Security tab. No cookie. */
export async function listLiveSessions(q: Queryable, accountId: number) {
  const res = await q.execute(sql`
    select s.id_hash, s.created_at, s.last_seen_at, s.ip, s.user_agent, s.stage
    from ${sessions} s
    where s.account_id = ${accountId} and s.revoked_at is null
      and s.last_seen_at > now() - make_interval(mins => s.idle_timeout_minutes)
      and (s.absolute_timeout_minutes = 0 or s.created_at > now() - make_interval(mins => s.absolute_timeout_minutes))
    order by s.last_seen_at desc
    limit 50`);
  // The id is the SHA-256 of the cookie: it names the row without being a usable cookie.
  return rowsOf<Record<string, unknown>>(res).map((r) => ({
    id: String(r.id_hash),
    createdAt: new Date(r.created_at as string).toISOString(),
    lastSeenAt: new Date(r.last_seen_at as string).toISOString(),
    ip: String(r.ip),
    userAgent: String(r.user_agent),
    stage: r.stage as SessionStage,
  }));
}
