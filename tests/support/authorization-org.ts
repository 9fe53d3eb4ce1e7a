import { sql } from 'drizzle-orm';
import { hashPassword } from '@/lib/auth/password-hash';
import type { Db } from '@/lib/db/connect';
import { accounts, credentialPolicies, nodes } from '@/lib/db/schema';
import { defaultPolicyValues } from '@/lib/policy/fields';
import type { Role } from '@/lib/users/fields';

/**
 * The organisation the authorisation matrix acts in, beside the demo one: every actor sits at TOP
 * (the System operator at sys), with an equal-rank peer beside it, one account of each role BELOW it,
 * and an account OUTSIDE its subtree. Every node holds one credential policy of its own.
 */
export const NODE = {
  above: 'sys.hcs',
  top: 'sys.hcs.matrix',
  below: 'sys.hcs.matrix.site',
  outside: 'sys.hcs.elsewhere',
} as const;
export type NodeKind = keyof typeof NODE;

export const ACTOR_ROLES: readonly Role[] = ['system_operator', 'manager', 'unit_manager', 'user_admin', 'user'];

const SHORT: Record<Role, string> = { system_operator: 'operator', manager: 'manager', unit_manager: 'unit', user_admin: 'useradmin', user: 'user' };

/** The actor of each role (the seeded operator for the System operator). */
export const actorName = (role: Role) => (role === 'system_operator' ? 'operator' : `mx.${SHORT[role]}`);

/** Account targets, relative to the actor: itself, its equal-rank peer, one of each role below, one outside. */
export const ACCOUNT_TARGETS = ['self', 'peer', 'below-manager', 'below-unit', 'below-useradmin', 'below-user', 'outside-user'] as const;
export type AccountTarget = (typeof ACCOUNT_TARGETS)[number];

export function accountTarget(actorRole: Role, target: AccountTarget): string {
  switch (target) {
    case 'self':
      return actorName(actorRole);
    case 'peer':
      return `mx.${SHORT[actorRole]}.peer`;
    case 'outside-user':
      return 'mx.outside.user';
    default:
      return `mx.${target.replace('-', '.')}`;
  }
}

export const MATRIX_PASSWORD = 'Matrix-Passphrase-8841!';

export interface MatrixOrg {
  /** The id of the policy defined at each node. */
  policyAt: Record<NodeKind, number>;
  /** A policy defined at sys, the only one visible to accounts there. */
  rootPolicy: number;
}

export async function createAuthorizationOrg(db: Db): Promise<MatrixOrg> {
  const hash = await hashPassword(MATRIX_PASSWORD);
  const idOf = async (path: string) => (await db.select({ id: nodes.id }).from(nodes).where(sql`${nodes.path} = ${path}`))[0]!.id;
  const hcs = await idOf(NODE.above);
  const [top] = await db.insert(nodes).values({ path: NODE.top, parentId: hcs, type: 'customer', name: 'Matrix' }).returning({ id: nodes.id });
  const [below] = await db
    .insert(nodes)
    .values({ path: NODE.below, parentId: top!.id, type: 'site', name: 'Matrix Site' })
    .returning({ id: nodes.id });
  const [outside] = await db
    .insert(nodes)
    .values({ path: NODE.outside, parentId: hcs, type: 'customer', name: 'Elsewhere' })
    .returning({ id: nodes.id });
  const nodeIds: Record<NodeKind, number> = { above: hcs, top: top!.id, below: below!.id, outside: outside!.id };

  const account = (username: string, role: Role, nodeId: number, extra: Partial<typeof accounts.$inferInsert> = {}) => ({
    username,
    role,
    nodeId,
    firstName: 'Matrix',
    lastName: username,
    email: `${username}@example.test`,
    passwordHash: hash,
    passwordChangedAt: new Date(),
    ...extra,
  });
  const rows = [];
  for (const role of ACTOR_ROLES) {
    if (role !== 'system_operator') rows.push(account(actorName(role), role, top!.id, { isPrimaryContact: role === 'manager' }));
    rows.push(account(`mx.${SHORT[role]}.peer`, role, role === 'system_operator' ? await idOf('sys') : top!.id));
    if (role !== 'system_operator') rows.push(account(`mx.below.${SHORT[role]}`, role, below!.id, { isPrimaryContact: role === 'manager' }));
  }
  rows.push(account('mx.outside.user', 'user', outside!.id));
  await db.insert(accounts).values(rows);

  const policyAt = {} as Record<NodeKind, number>;
  for (const [kind, nodeId] of Object.entries(nodeIds) as [NodeKind, number][]) {
    const [p] = await db
      .insert(credentialPolicies)
      .values({ ...defaultPolicyValues(), name: `Matrix ${kind}`, nodeId })
      .returning({ id: credentialPolicies.id });
    policyAt[kind] = p!.id;
  }
  const [root] = await db
    .insert(credentialPolicies)
    .values({ ...defaultPolicyValues(), name: 'Matrix root', nodeId: await idOf('sys') })
    .returning({ id: credentialPolicies.id });
  // The seeded operator acts here too: it gets the matrix's password for its own password change.
  await db.update(accounts).set({ passwordHash: hash }).where(sql`${accounts.username} = 'operator'`);
  return { policyAt, rootPolicy: root!.id };
}
