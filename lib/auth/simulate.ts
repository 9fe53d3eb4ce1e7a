import 'server-only';
import type { Queryable } from '@/lib/db';
import { isInSubtree } from '@/lib/hierarchy/rules';
import { parseAddress } from '@/lib/net/ip';
import { peekAccountAttempt, peekOutsideAttempt, peekSourceAttempt } from './lockout';
import { loadSignInContext } from './queries';
import { decideSignIn, type SignInDecision, type SignInEffects } from './sign-in';

/**
 * Effects that only look: the read-only twins of the counting statements (lib/auth/lockout.ts), so
 * nothing is written. The password is taken as correct: the simulation asks "would the right password
 * get in from this address, and if not, which setting at which node stops it?".
 */
function lookingEffects(q: Queryable, now: Date): SignInEffects {
  return {
    claimSource: (ip, p) => peekSourceAttempt(q, ip, p, now),
    refundSource: async () => {},
    attempt: (id, p, check) => peekAccountAttempt(q, id, p, now, check),
    outsideAttempt: (id, p, check) => peekOutsideAttempt(q, id, p, now, check),
    disableInactive: async () => {},
    issuePassword: async () => true,
    verifyPassword: async (hash) => hash != null,
  };
}

export const SIMULATED_CHANNELS = ['console', 'api'] as const;
export type SimulatedChannel = (typeof SIMULATED_CHANNELS)[number];

type SimulationResult = { ok: true; channel: SimulatedChannel; decision: SignInDecision } | { ok: false; error: string; field: 'username' | 'ip' };

// The trace steps of settings a higher node can enforce, and the group each reads.
const ENFORCEABLE_STEPS = { 'ip-allowlist': 'ipAllowlist', 'two-factor': 'twoFactor' } as const;

/**
 * Simulate sign-in for an account in the actor's subtree from a given address (SPEC §10), through the
 * chosen channel: the console's sign-in form or an API call, as the real ones decide them.
 */
export async function simulateSignIn(
  q: Queryable,
  actorNodePath: string,
  username: string,
  ip: string,
  channel: SimulatedChannel = 'console',
): Promise<SimulationResult> {
  const addr = parseAddress(ip);
  if (!addr) return { ok: false, field: 'ip', error: `"${ip.slice(0, 60)}" is not an IPv4 or IPv6 address` };
  const ctx = await loadSignInContext(q, username.trim());
  // An account outside the subtree gets the same answer as a missing one.
  if (!ctx.account || !isInSubtree(ctx.account.nodePath, actorNodePath))
    return { ok: false, field: 'username', error: `No account "${username.slice(0, 64)}" at ${actorNodePath} or below` };
  const now = new Date();
  const decision = await decideSignIn(ctx, { password: '', ip: addr.toString(), now, channel, simulate: true }, lookingEffects(q, now));
  // A setting enforced from above says so: the reader learns it cannot be changed at the account's node.
  for (const step of decision.trace) {
    const group = ENFORCEABLE_STEPS[step.step as keyof typeof ENFORCEABLE_STEPS];
    const enforcedFrom = group && ctx.settings[group].enforcedFrom;
    if (enforcedFrom) step.node = `${enforcedFrom} (enforced for all nodes below)`;
  }
  return { ok: true, channel, decision };
}
