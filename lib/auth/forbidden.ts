import 'server-only';
import { forbidden } from 'next/navigation';
import { cache } from 'react';
import type { Role } from '@/lib/users/fields';
import { roleLabel } from '@/lib/users/fields';

/*
 * The 403 page names the real reason (the role, or the scope). `forbidden()` takes no argument, so the
 * reason is kept in a per-request store (React's cache, one per server render) that app/forbidden.tsx
 * reads in the same render.
 */
const store = cache((): { reason: string | null } => ({ reason: null }));

export function refuseAccess(reason: string): never {
  store().reason = reason;
  forbidden();
}

export const roleRefusal = (role: Role) => `Your role (${roleLabel(role)}) does not give access to this page.`;
export const scopeRefusal = (nodePath: string) => `You act only on ${nodePath} and the nodes below it; this page is about a node outside it.`;
export const apiOnlyRefusal = 'This is an API-only account: it cannot use the console pages.';

export function forbiddenReason(): string | null {
  return store().reason;
}
