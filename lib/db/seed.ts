import { eq, sql } from 'drizzle-orm';
import { hashPassword } from '@/lib/auth/password-hash';
import { parentPath } from '@/lib/hierarchy/rules';
import { defaultPolicyValues, HCS_POLICY_NAME } from '@/lib/policy/fields';
import { ROOT_SETTINGS } from '@/lib/security-settings/groups';
import type { Role } from '@/lib/users/fields';
import type { Db } from './connect';
import { accounts, credentialPolicies, nodeDefaultPolicies, nodeSettings, nodes, passwordHistory, SETTING_GROUPS } from './schema';

export const DEMO_PASSWORD = 'Console-Demo-7412!';

type NodeType = (typeof nodes.$inferInsert)['type'];

const DEMO_NODES: { path: string; type: NodeType; name: string }[] = [
  { path: 'sys', type: 'system', name: 'System' },
  { path: 'sys.hcs', type: 'system', name: 'HCS' },
  { path: 'sys.hcs.acme', type: 'provider', name: 'Acme' },
  { path: 'sys.hcs.acme.north', type: 'reseller', name: 'Acme North' },
  { path: 'sys.hcs.acme.north.contoso', type: 'customer', name: 'Contoso' },
  { path: 'sys.hcs.globex', type: 'provider', name: 'Globex' },
];

export const DEMO_ACCOUNTS: {
  username: string;
  node: string;
  role: Role;
  primaryContact?: boolean;
  apiOnly?: boolean;
  firstName: string;
  lastName: string;
}[] = [
  { username: 'operator', node: 'sys', role: 'system_operator', firstName: 'Sam', lastName: 'Operator' },
  { username: 'manager.acme', node: 'sys.hcs.acme', role: 'manager', primaryContact: true, firstName: 'Ada', lastName: 'Acme' },
  { username: 'manager.contoso', node: 'sys.hcs.acme.north.contoso', role: 'manager', primaryContact: true, firstName: 'Carla', lastName: 'Contoso' },
  { username: 'unit.contoso', node: 'sys.hcs.acme.north.contoso', role: 'unit_manager', firstName: 'Uma', lastName: 'Unit' },
  { username: 'useradmin.contoso', node: 'sys.hcs.acme.north.contoso', role: 'user_admin', firstName: 'Udo', lastName: 'Admin' },
  { username: 'alice.contoso', node: 'sys.hcs.acme.north.contoso', role: 'user', firstName: 'Alice', lastName: 'Smith' },
  { username: 'api.contoso', node: 'sys.hcs.acme.north.contoso', role: 'user', apiOnly: true, firstName: 'Api', lastName: 'Integration' },
  { username: 'manager.globex', node: 'sys.hcs.globex', role: 'manager', primaryContact: true, firstName: 'Gus', lastName: 'Globex' },
];

/**
 * Creates the demo organisation of SPEC §9. Idempotent: what exists is left as it is, so running it
 * on a used database never resets anyone's password or settings.
 */
export async function seedDemo(db: Db): Promise<{ created: number }> {
  let created = 0;
  await db.transaction(async (tx) => {
    // Serialise concurrent seeders (two demo starts on one database).
    await tx.execute(sql`select pg_advisory_xact_lock(74120001)`);
    const ids = new Map<string, number>();
    // Every id below was just inserted or found: a missing one is a bug in this list, not in the data.
    const idOf = (path: string) => {
      const id = ids.get(path);
      if (id == null) throw new Error(`seed: node ${path} is missing`);
      return id;
    };
    for (const n of DEMO_NODES) {
      const parent = parentPath(n.path);
      const inserted = await tx
        .insert(nodes)
        .values({ ...n, parentId: parent ? ids.get(parent) : null })
        .onConflictDoNothing()
        .returning({ id: nodes.id });
      if (inserted[0]) created++;
      const [row] = await tx.select({ id: nodes.id }).from(nodes).where(eq(nodes.path, n.path));
      if (row) ids.set(n.path, row.id);
    }
    const hcsNode = idOf('sys.hcs');
    await tx
      .insert(credentialPolicies)
      .values({ ...defaultPolicyValues(), name: HCS_POLICY_NAME, nodeId: hcsNode })
      .onConflictDoNothing();
    const [hcs] = await tx
      .select({ id: credentialPolicies.id })
      .from(credentialPolicies)
      .where(sql`${credentialPolicies.nodeId} = ${hcsNode} and ${credentialPolicies.name} = ${HCS_POLICY_NAME}`);
    if (hcs) await tx.insert(nodeDefaultPolicies).values({ nodeId: hcsNode, policyId: hcs.id }).onConflictDoNothing();
    for (const group of SETTING_GROUPS) {
      await tx
        .insert(nodeSettings)
        .values({ nodeId: idOf('sys'), group, value: ROOT_SETTINGS[group] })
        .onConflictDoNothing();
    }
    for (const a of DEMO_ACCOUNTS) {
      const exists = await tx.select({ id: accounts.id }).from(accounts).where(sql`lower(${accounts.username}) = ${a.username}`);
      if (exists.length) continue;
      const hash = await hashPassword(DEMO_PASSWORD);
      const [row] = await tx
        .insert(accounts)
        .values({
          username: a.username,
          nodeId: idOf(a.node),
          role: a.role,
          isPrimaryContact: a.primaryContact ?? false,
          apiOnly: a.apiOnly ?? false,
          firstName: a.firstName,
          lastName: a.lastName,
          email: `${a.username}@example.test`,
          passwordHash: hash,
          passwordChangedAt: new Date(),
        })
        .returning({ id: accounts.id });
      if (row) await tx.insert(passwordHistory).values({ accountId: row.id, passwordHash: hash });
      created++;
    }
  });
  return { created };
}

export async function isEmpty(db: Db): Promise<boolean> {
  const [row] = await db.select({ n: sql<number>`count(*)::int` }).from(nodes);
  return !row || Number(row.n) === 0;
}
