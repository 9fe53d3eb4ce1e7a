import type { Role } from '@/lib/db/schema';
import type { PolicyValues } from './fields';

export type RoleTimeouts = Partial<Record<Role, number>>;

/**
 * Idle timeout of a new session: the account's own override (10–240) wins over its role's override,
 * which wins over the credential policy's Idle Session Timeout (SPEC §4, Session timeout).
 */
export function sessionTimeouts(input: {
  policy: Pick<PolicyValues, 'idleSessionTimeoutMinutes' | 'absoluteSessionTimeoutMinutes'>;
  role: Role;
  roleTimeouts: RoleTimeouts;
  accountTimeout: number | null;
}): { idleMinutes: number; absoluteMinutes: number; idleFrom: 'account' | 'role' | 'policy' } {
  const roleValue = input.roleTimeouts[input.role];
  if (input.accountTimeout != null)
    return { idleMinutes: input.accountTimeout, absoluteMinutes: input.policy.absoluteSessionTimeoutMinutes, idleFrom: 'account' };
  if (roleValue != null)
    return { idleMinutes: roleValue, absoluteMinutes: input.policy.absoluteSessionTimeoutMinutes, idleFrom: 'role' };
  return {
    idleMinutes: input.policy.idleSessionTimeoutMinutes,
    absoluteMinutes: input.policy.absoluteSessionTimeoutMinutes,
    idleFrom: 'policy',
  };
}
