// Issue 5's browser tests change account states and settings, so they get an organisation of their
// own (sys.hcs.initech) rather than altering the demo accounts other tests rely on.
import { eq } from 'drizzle-orm';
import { openDatabase } from '@/lib/db/connect';
import { accounts, nodes, passwordHistory } from '@/lib/db/schema';
import type { Role } from '@/lib/users/fields';
import { hashPassword } from '@/lib/auth/password-hash';
import { DEMO_PASSWORD } from '@/lib/db/seed';
import { env } from '@/lib/env';

const e = env();
const handle = openDatabase({ url: e.DATABASE_URL, dataDir: e.DATA_DIR, poolSize: 1 });
try {
  const [hcs] = await handle.db.select({ id: nodes.id }).from(nodes).where(eq(nodes.path, 'sys.hcs'));
  const [initech] = await handle.db.insert(nodes).values({ path: 'sys.hcs.initech', parentId: hcs!.id, type: 'provider', name: 'Initech' }).returning({ id: nodes.id });
  const [site] = await handle.db.insert(nodes).values({ path: 'sys.hcs.initech.site1', parentId: initech!.id, type: 'site', name: 'Initech Site 1' }).returning({ id: nodes.id });
  const hash = await hashPassword(DEMO_PASSWORD);
  const people: { username: string; role: Role; primary?: boolean; apiOnly?: boolean; status?: 'locked' | 'disabled'; nodeId?: number }[] = [
    { username: 'manager.initech', role: 'manager', primary: true },
    { username: 'unit.initech', role: 'unit_manager' },
    { username: 'useradmin.initech', role: 'user_admin' },
    { username: 'user.initech', role: 'user' },
    { username: 'target.initech', role: 'user', nodeId: site!.id },
    { username: 'lockedmgr.initech', role: 'manager', status: 'locked' },
    { username: 'locked1.initech', role: 'user', status: 'locked' },
    { username: 'locked2.initech', role: 'user', status: 'locked' },
    { username: 'disabled1.initech', role: 'user', status: 'disabled' },
  ];
  for (const p of people) {
    const [a] = await handle.db
      .insert(accounts)
      .values({
        username: p.username,
        nodeId: p.nodeId ?? initech!.id,
        role: p.role,
        isPrimaryContact: p.primary ?? false,
        apiOnly: p.apiOnly ?? false,
        firstName: p.username.split('.')[0]!,
        lastName: 'Initech',
        email: `${p.username}@example.test`,
        passwordHash: hash,
        passwordChangedAt: new Date(),
        status: p.status ?? 'active',
        statusReason: p.status ? `set by the e2e fixtures` : null,
      })
      .returning({ id: accounts.id });
    await handle.db.insert(passwordHistory).values({ accountId: a!.id, passwordHash: hash });
  }
  console.log('issue 5 e2e fixtures added');
} finally {
  await handle.close();
}
