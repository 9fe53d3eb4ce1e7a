import 'server-only';
import { sql } from 'drizzle-orm';
import { rowsOf, type Queryable } from '@/lib/db';
import { isInSubtree } from '@/lib/hierarchy/paths';
import { parseAddress } from '@/lib/net/ip';
import { decideSignIn, type SignInDecision, type SignInEffects } from './sign-in';
import { loadSignInContext } from './sign-in-context';

/**
 * Effects that only look: they read the counters and answer as the real, atomic statements would,
 * but write nothing. The password is taken as correct: the simulation asks "would the right password
 * get in from this address, and if not, which setting at which node stops it?".
 */
function lookingEffects(q: Queryable, now: Date): SignInEffects {
  const minutesAgo = (d: Date | null, m: number) => !d || d.getTime() <= now.getTime() - m * 60_000;
  return {
    async claimSource(ip, p) {
      const [row] = rowsOf<{ failed_count: number; failed_last_at: string }>(await q.execute(sql`select failed_count, failed_last_at from source_counters where ip = ${ip}`));
      if (!row) return { ok: true, count: 1 };
      const last = new Date(row.failed_last_at);
      const count = minutesAgo(last, p.resetFailedLoginCountPerSourceMinutes) ? 0 : Number(row.failed_count);
      if (count >= p.failedLoginCountPerSource) {
        return { ok: false, retryAfterSeconds: Math.max(1, Math.ceil((last.getTime() + p.resetFailedLoginCountPerSourceMinutes * 60_000 - now.getTime()) / 1000)) };
      }
      return { ok: true, count: count + 1 };
    },
    async claimAccount(id, p) {
      const [a] = rowsOf<{ status: string; locked_until: string | null; failed_count: number; failed_last_at: string | null }>(
        await q.execute(sql`select status, locked_until, failed_count, failed_last_at from accounts where id = ${id}`),
      );
      if (!a) return null;
      const lockOver = a.status === 'locked' && a.locked_until != null && new Date(a.locked_until) <= now;
      if (a.status !== 'active' && !lockOver) return null;
      const fresh = lockOver || minutesAgo(a.failed_last_at ? new Date(a.failed_last_at) : null, p.resetFailedLoginCountPerUserMinutes);
      const count = fresh ? 0 : Number(a.failed_count);
      return count < p.failedLoginCountPerUser ? count + 1 : null;
    },
    lock: async (_id, p) => (p.disableFailedLoginUserAccount ? 'disabled' : 'locked'),
    resetFailures: async () => {},
    refundSource: async () => {},
    disableInactive: async () => {},
    verifyPassword: async (hash) => hash != null,
  };
}

export type SimulationResult = { ok: true; decision: SignInDecision } | { ok: false; error: string; field: 'username' | 'ip' };

/** Simulate sign-in for an account in the actor's subtree from a given address (SPEC §10). */
export async function simulateSignIn(q: Queryable, actorNodePath: string, username: string, ip: string): Promise<SimulationResult> {
  const addr = parseAddress(ip);
  if (!addr) return { ok: false, field: 'ip', error: `"${ip.slice(0, 60)}" is not an IPv4 or IPv6 address` };
  const ctx = await loadSignInContext(q, username.trim());
  // An account outside the subtree gets the same answer as a missing one.
  if (!ctx.account || !isInSubtree(ctx.account.nodePath, actorNodePath)) return { ok: false, field: 'username', error: `No account "${username.slice(0, 64)}" at ${actorNodePath} or below` };
  const now = new Date();
  const decision = await decideSignIn(ctx, { password: '', ip: addr.toString(), now, channel: ctx.account.apiOnly ? 'api' : 'console', simulate: true }, lookingEffects(q, now));
  return { ok: true, decision };
}
