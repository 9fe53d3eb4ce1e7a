// Accounts and nodes for the enforcement browser tests (issue 6), in a node of their own so that the
// settings they need (two-factor, an allowlist) touch no other test.
import { eq } from 'drizzle-orm';
import { openDatabase } from '@/lib/db/connect';
import { accounts, credentialPolicies, nodes, nodeSettings, passwordHistory } from '@/lib/db/schema';
import { defaultPolicyValues, type PolicyValues } from '@/lib/policy/fields';
import { hashPassword } from '@/lib/auth/password-hash';
import { DEMO_PASSWORD } from '@/lib/db/seed';
import { env } from '@/lib/env';

const e = env();
const handle = openDatabase({ url: e.DATABASE_URL, dataDir: e.DATA_DIR, poolSize: 1 });
const db = handle.db;
const MONTH = 31 * 86_400_000;

async function node(path: string, name: string) {
  const parentPath = path.slice(0, path.lastIndexOf('.'));
  const [parent] = await db.select({ id: nodes.id }).from(nodes).where(eq(nodes.path, parentPath));
  const [n] = await db.insert(nodes).values({ path, name, type: 'customer', parentId: parent!.id }).returning({ id: nodes.id });
  return n!.id;
}

async function policy(nodeId: number, name: string, over: Partial<PolicyValues>) {
  const [p] = await db.insert(credentialPolicies).values({ ...defaultPolicyValues(), ...over, name, nodeId }).returning({ id: credentialPolicies.id });
  return p!.id;
}

const hash = await hashPassword(DEMO_PASSWORD);
async function account(username: string, nodeId: number, over: Partial<typeof accounts.$inferInsert> = {}) {
  const [a] = await db
    .insert(accounts)
    .values({ username, nodeId, role: 'user', firstName: 'Test', lastName: 'Person', email: `${username}@example.test`, passwordHash: hash, passwordChangedAt: new Date(), ...over })
    .returning({ id: accounts.id });
  await db.insert(passwordHistory).values({ accountId: a!.id, passwordHash: hash, createdAt: new Date(Date.now() - 400 * 86_400_000) });
}

try {
  const n = await node('sys.hcs.acme.north.e2e6', 'Enforcement tests');
  const quiet = { disableFailedLoginLimitingPerSource: true } as const;
  await account('expired.e2e6', n, { passwordChangedAt: new Date(Date.now() - 7 * MONTH) });
  await account('expirednochange.e2e6', n, { passwordChangedAt: new Date(Date.now() - 7 * MONTH), credentialPolicyId: await policy(n, 'No change at login', { allowChangeExpiredAtLogin: false }) });
  await account('firstlogin.e2e6', n, { mustChangePassword: true });
  await account('idle.e2e6', n, { credentialPolicyId: await policy(n, 'Idle one minute', { idleSessionTimeoutMinutes: 1 }) });
  await account('limit.e2e6', n, { credentialPolicyId: await policy(n, 'One session', { sessionLoginLimitPerUser: 1 }) });
  await account('simlocked.e2e6', n, { status: 'locked', lockedUntil: null, statusReason: 'Too many failed sign-in attempts', credentialPolicyId: await policy(n, 'Sim lock', { failedLoginCountPerUser: 3, ...quiet }) });
  await account('simcount.e2e6', n, { credentialPolicyId: await policy(n, 'Sim count', { failedLoginCountPerUser: 3, ...quiet }) });
  await account('apipw.e2e6', n, { apiOnly: true, credentialPolicyId: await policy(n, 'API strict', { minimumPasswordLength: 16, enablePasswordComplexity: true, ...quiet }) });

  const tf = await node('sys.hcs.acme.north.e2e6tf', 'Two-factor tests');
  await db.insert(nodeSettings).values({ nodeId: tf, group: 'twoFactor', value: { required: true } });
  await account('totp.e2e6', tf, { credentialPolicyId: await policy(tf, 'TOTP quiet', quiet) });

  const ipn = await node('sys.hcs.acme.north.e2e6ip', 'Allowlist tests');
  await db.insert(nodeSettings).values({ nodeId: ipn, group: 'ipAllowlist', value: { enabled: true, entries: ['203.0.113.0/24'] } });
  const ipPolicy = await policy(ipn, 'Allowlist quiet', quiet);
  await account('api.e2e6ip', ipn, { apiOnly: true, credentialPolicyId: ipPolicy });
  await account('user.e2e6ip', ipn, { credentialPolicyId: ipPolicy });
  console.log('e2e fixtures for enforcement added');
} finally {
  await handle.close();
}
