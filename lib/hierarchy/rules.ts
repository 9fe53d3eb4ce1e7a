/** Pure rules of the hierarchy: dotted node paths (sys, sys.hcs, sys.hcs.acme …) and resolution. No I/O. */

export const PATH_PATTERN = /^[a-z0-9-]+(\.[a-z0-9-]+)*$/;

export function isValidPath(path: string): boolean {
  return path.length <= 255 && PATH_PATTERN.test(path);
}

/** The node itself first, then each ancestor up to the root. */
export function selfAndAncestors(path: string): string[] {
  const parts = path.split('.');
  const out: string[] = [];
  for (let i = parts.length; i > 0; i--) out.push(parts.slice(0, i).join('.'));
  return out;
}

export function parentPath(path: string): string | null {
  const i = path.lastIndexOf('.');
  return i < 0 ? null : path.slice(0, i);
}

/** True when `path` is `root` or lies below it. */
export function isInSubtree(path: string, root: string): boolean {
  return path === root || path.startsWith(`${root}.`);
}

export function depth(path: string): number {
  return path.split('.').length - 1;
}

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

export type HierarchyNodeType = 'system' | 'provider' | 'reseller' | 'customer' | 'site';

/**
 * What may be added under a node (the second document's levels): a provider under sys.hcs, a reseller
 * under a provider, a customer under a provider or a reseller, a site under a customer.
 */
export function childTypes(parent: { path: string; type: HierarchyNodeType }): HierarchyNodeType[] {
  if (parent.path === 'sys.hcs') return ['provider'];
  if (parent.type === 'provider') return ['reseller', 'customer'];
  if (parent.type === 'reseller') return ['customer'];
  if (parent.type === 'customer') return ['site'];
  return [];
}

/** The path key a display name gives: lower-case letters, digits and hyphens ("North Wind" → north-wind). */
export function nodeKeyFromName(name: string): string {
  return name
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 40);
}
