// Extra accounts the browser tests need, added to the throwaway e2e database before the server starts
// (the embedded store admits one process at a time, so the tests cannot add them later).
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
  const [contoso] = await handle.db.select({ id: nodes.id }).from(nodes).where(eq(nodes.path, 'sys.hcs.acme.north.contoso'));
  const [policy] = await handle.db
    .insert(credentialPolicies)
    .values({ ...defaultPolicyValues(), name: 'E2E Lock After 3', nodeId: contoso!.id, failedLoginCountPerUser: 3, disableFailedLoginLimitingPerSource: true })
    .returning({ id: credentialPolicies.id });
  const hash = await hashPassword(DEMO_PASSWORD);
  for (const username of ['lockme.contoso', 'unlockme.contoso']) {
    const [a] = await handle.db
      .insert(accounts)
      .values({ username, nodeId: contoso!.id, role: 'user', firstName: 'Lock', lastName: 'Me', email: `${username}@example.test`, passwordHash: hash, passwordChangedAt: new Date(), credentialPolicyId: policy!.id })
      .returning({ id: accounts.id });
    await handle.db.insert(passwordHistory).values({ accountId: a!.id, passwordHash: hash });
  }
  console.log('e2e fixtures added');
} finally {
  await handle.close();
}
