import 'server-only';
import type { Queryable } from '@/lib/db';
import { resolveSettings } from '@/lib/hierarchy/queries';
import { ipAllowed } from '@/lib/net/ip';
import { checkSession, type LiveSession } from './store';

export type RequestCheck =
  | { ok: true; session: LiveSession }
  | { ok: false; reason: 'no-session' | 'ip-denied'; session?: LiveSession };

/**
 * Every request of a signed-in account (SPEC §5): a live session (one statement, see checkSession)
 * and a source address still inside the allowlist of the account's node, which applies at once.
 * Used by proxy.ts (touch: false) and by the data layer (touch: true).
 */
export async function checkRequest(q: Queryable, sessionId: string | undefined, ip: string, opts: { touch: boolean }): Promise<RequestCheck> {
  if (!sessionId || sessionId.length > 200) return { ok: false, reason: 'no-session' };
  const session = await checkSession(q, sessionId, opts);
  if (!session) return { ok: false, reason: 'no-session' };
  const { ipAllowlist } = await resolveSettings(q, session.nodePath, ['ipAllowlist']);
  if (ipAllowlist.value.enabled && !ipAllowed(ip, ipAllowlist.value.entries)) return { ok: false, reason: 'ip-denied', session };
  return { ok: true, session };
}
