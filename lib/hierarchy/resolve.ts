import { selfAndAncestors } from './paths';

export interface Resolved<T> {
  value: T;
  /** The node whose definition won. */
  from: string;
  /** True when `from` is the node asked about. */
  definedHere: boolean;
}

/**
 * The one resolution rule of the product (SPEC §2): walk from the node up to the root; the nearest
 * node that defines the group wins. `defined` maps node paths to their own definitions.
 */
export function resolveNearest<T>(path: string, defined: ReadonlyMap<string, T>): Resolved<T> | null {
  for (const p of selfAndAncestors(path)) {
    if (defined.has(p)) return { value: defined.get(p) as T, from: p, definedHere: p === path };
  }
  return null;
}
