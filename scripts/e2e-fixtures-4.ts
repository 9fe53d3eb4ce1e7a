// Issue 4's browser-test fixtures: policies and an account of its own, so that its tests change
// nothing other tests rely on.
import { eq } from 'drizzle-orm';
import { openDatabase } from '@/lib/db/connect';
import { accounts, credentialPolicies, nodes, passwordHistory } from '@/lib/db/schema';
import { defaultPolicyValues } from '@/lib/policy/fields';
import { hashPassword } from '@/lib/auth/password-hash';
import { DEMO_PASSWORD } from '@/lib/db/seed';
import { env } from '@/lib/env';

const e = env();
const handle = openDatabase({ url: e.DATABASE_URL, dataDir: e.DATA_DIR, poolSize: 1 });
try {
  const nodeId = async (path: string) => (await handle.db.select({ id: nodes.id }).from(nodes).where(eq(nodes.path, path)))[0]!.id;
  const contoso = await nodeId('sys.hcs.acme.north.contoso');
  const globex = await nodeId('sys.hcs.globex');
  const created = await handle.db
    .insert(credentialPolicies)
    .values([
      { ...defaultPolicyValues(), name: 'E2E Concurrent', nodeId: contoso },
      { ...defaultPolicyValues(), name: 'E2E In Use', nodeId: contoso },
      { ...defaultPolicyValues(), name: 'Globex Only', nodeId: globex },
    ])
    .returning({ id: credentialPolicies.id, name: credentialPolicies.name });
  const inUse = created.find((p) => p.name === 'E2E In Use')!.id;
  const hash = await hashPassword(DEMO_PASSWORD);
  const [a] = await handle.db
    .insert(accounts)
    .values({ username: 'assign.contoso', nodeId: contoso, role: 'user', firstName: 'Asa', lastName: 'Signee', email: 'assign@example.test', passwordHash: hash, passwordChangedAt: new Date(), credentialPolicyId: inUse })
    .returning({ id: accounts.id });
  await handle.db.insert(passwordHistory).values({ accountId: a!.id, passwordHash: hash });
  console.log('issue 4 e2e fixtures added');
} finally {
  await handle.close();
}
