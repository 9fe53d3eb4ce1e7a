/** Pure helpers on dotted node paths (sys, sys.hcs, sys.hcs.acme …). No I/O. */

export const ROOT_PATH = 'sys';

const PATH_RE = /^[a-z0-9-]+(\.[a-z0-9-]+)*$/;

export function isValidPath(path: string): boolean {
  return path.length <= 255 && PATH_RE.test(path);
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
  return path === root || path.startsWith(root + '.');
}

export function depth(path: string): number {
  return path.split('.').length - 1;
}
