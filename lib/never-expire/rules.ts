import { type Resolved, selfAndAncestors } from '@/lib/hierarchy/rules';

/**
 * A node's stored Password Never Expires row. The two halves are written by different people and so
 * resolve separately: `activated` only by the System operator (the "contact support" step), `accepted`
 * only by a Primary Contact's decision. A decision never carries an activation with it, so an opt-out
 * below an activated node cannot outlive that node's deactivation.
 */
export interface NeverExpireRow {
  activated?: boolean;
  accepted?: boolean;
}

export interface NeverExpireState {
  activated: boolean;
  accepted: boolean;
}

const OFF: NeverExpireState = { activated: false, accepted: false };

/**
 * Walks from the node up: the nearest activation decides whether the feature is on, and the nearest
 * decision at or below that activation decides whether the agreement is accepted (a decision above the
 * activation node belongs to an older activation and does not count). `from` names the node whose
 * row decided the outcome.
 */
export function resolveNeverExpire(path: string, defined: ReadonlyMap<string, NeverExpireRow>): Resolved<NeverExpireState> {
  let decision: { path: string; accepted: boolean } | null = null;
  for (const p of selfAndAncestors(path)) {
    const row = defined.get(p);
    if (!row) continue;
    if (!decision && row.accepted !== undefined) decision = { path: p, accepted: row.accepted };
    if (row.activated === undefined) continue;
    if (!row.activated) return { value: OFF, from: p, definedHere: p === path };
    const from = decision?.path ?? p;
    return { value: { activated: true, accepted: decision?.accepted ?? false }, from, definedHere: from === path };
  }
  return { value: OFF, from: 'sys', definedHere: path === 'sys' };
}
