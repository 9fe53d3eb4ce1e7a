import { can } from '@/lib/auth/permissions';
import { isInSubtree } from '@/lib/hierarchy/rules';
import { outranks, roleLabel } from '@/lib/users/fields';
import { accountOperationRefusal } from '@/lib/users/rules';

/** Why the actor may not reset this account's two-factor, or null (also used by the Security tab). */
export function resetTwoFactorRefusal(
  actor: Parameters<typeof accountOperationRefusal>[0],
  target: Parameters<typeof accountOperationRefusal>[1],
): string | null {
  if (!can(actor.role, 'two-factor:reset')) return 'Your role does not allow this.';
  if (actor.accountId === target.id) return 'Use My account to replace your own authenticator.';
  const base = accountOperationRefusal(actor, target, 'reset-password');
  if (base) return base;
  // It yields access (the next sign-in enrols a new authenticator): only someone who ranks above, by a
  // higher role or by the same role at a node above the account's; never a peer.
  const sameRoleAbove = actor.role === target.role && target.nodePath !== actor.nodePath && isInSubtree(target.nodePath, actor.nodePath);
  if (!outranks(actor.role, target.role) && !sameRoleAbove)
    return `A ${roleLabel(actor.role)} cannot reset the two-factor of a ${roleLabel(target.role)} at the same level.`;
  return null;
}
