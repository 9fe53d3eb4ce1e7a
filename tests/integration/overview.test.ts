import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { performSignIn } from '@/lib/auth/commands';
import { DEMO_PASSWORD } from '@/lib/db/seed';
import { loadOverview } from '@/lib/overview/queries';
import { assignPolicy } from '../support/fixtures';
import { createTestDatabase } from '../support/test-db';

let t: Awaited<ReturnType<typeof createTestDatabase>>;
beforeAll(async () => {
  t = await createTestDatabase();
});
afterAll(async () => t?.drop());

const CONTOSO = 'sys.hcs.acme.north.contoso';
const attempt = (username: string, password: string) =>
  performSignIn({ username, password, ip: '198.51.100.30', userAgent: 'vitest', channel: 'console' });

describe('overview', () => {
  it('counts locked accounts, expiring passwords, failed and throttled sign-ins of its subtree, and sign-ins per hour by outcome', async () => {
    await assignPolicy(t.db, 'useradmin.contoso', 'sys.hcs.acme', { failedLoginCountPerUser: 2, disableFailedLoginLimitingPerSource: true });
    await attempt('useradmin.contoso', 'wrong-1');
    await attempt('useradmin.contoso', 'wrong-2');
    await attempt('useradmin.contoso', DEMO_PASSWORD); // locked now
    await attempt('alice.contoso', DEMO_PASSWORD);
    await attempt('manager.globex', 'wrong');
    await t.db.execute(sql`insert into sign_in_log (username, node_path, ip, outcome, step, created_at)
      values ('alice.contoso', ${CONTOSO}, '198.51.100.31', 'source-throttled', 'source-throttle', now() - interval '3 hours'),
             ('alice.contoso', ${CONTOSO}, '198.51.100.31', 'wrong-password', 'password', now() - interval '3 days')`);
    await assignPolicy(t.db, 'alice.contoso', 'sys.hcs.acme', { passwordExpiresMonths: 3, notifyBeforeExpiryDays: 14 });
    await t.db.execute(
      sql`update accounts set password_changed_at = now() - interval '3 months' + interval '5 days' where username = 'alice.contoso'`,
    );

    const o = await loadOverview(t.db, CONTOSO);
    expect(o).toMatchObject({ locked: 1, expiring: 1, failed24h: 3, throttled24h: 1 });
    expect(o.hours).toHaveLength(168);
    const total = (key: 'success' | 'wrong' | 'locked' | 'throttled') => o.hours.reduce((n, h) => n + h.counts[key], 0);
    expect([total('success'), total('wrong'), total('locked'), total('throttled')]).toEqual([1, 3, 1, 1]);
    const globex = await loadOverview(t.db, 'sys.hcs.globex');
    expect(globex).toMatchObject({ locked: 0, expiring: 0, failed24h: 1, throttled24h: 0 });
  });
});
