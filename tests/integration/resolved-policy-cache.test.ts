import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { performSignIn } from '@/lib/auth/commands';
import { loadSignInContext } from '@/lib/auth/queries';
import { rowsOf } from '@/lib/db';
import { DEMO_PASSWORD } from '@/lib/db/seed';
import { checkSession } from '@/lib/sessions/queries';
import { assignPolicy } from '../support/fixtures';
import { createTestDatabase } from '../support/test-db';

// Sign-ins keep resolved policies and settings in memory while config_version stays the same. Every
// change below is made with plain SQL, as another instance (or a Manager on it) would make it.

let t: Awaited<ReturnType<typeof createTestDatabase>>;
beforeAll(async () => {
  t = await createTestDatabase();
});
afterAll(async () => t?.drop());

const signIn = (ip = '192.0.2.60') =>
  performSignIn({ username: 'alice.contoso', password: DEMO_PASSWORD, ip, userAgent: 'vitest', channel: 'console' });
const version = async () => Number(rowsOf<{ version: string }>(await t.db.execute(sql`select version from config_version`))[0]!.version);

describe('resolved policies and settings kept between sign-ins', () => {
  it('a policy changed elsewhere governs the very next sign-in', async () => {
    await assignPolicy(t.db, 'alice.contoso', 'sys.hcs.acme', { idleSessionTimeoutMinutes: 20 }, 'Cache-Idle');
    const first = await signIn();
    expect((await checkSession(t.db, first.sessionId!, { touch: false }))?.idleTimeoutMinutes).toBe(20);
    await t.db.execute(sql`update credential_policies set idle_session_timeout_minutes = 45 where name = 'Cache-Idle'`);
    const second = await signIn();
    expect((await checkSession(t.db, second.sessionId!, { touch: false }))?.idleTimeoutMinutes).toBe(45);
  });

  it('an allowlist set elsewhere refuses the very next sign-in, and lifting it lets the one after in', async () => {
    expect(await signIn('192.0.2.61')).toMatchObject({ ok: true });
    await t.db.execute(sql`insert into node_settings (node_id, "group", value)
      select id, 'ipAllowlist', '{"enabled":true,"entries":["203.0.113.0/24"]}'::jsonb from nodes where path = 'sys.hcs.acme.north.contoso'`);
    expect(await signIn('192.0.2.61')).toMatchObject({ ok: false });
    await t.db.execute(sql`delete from node_settings where "group" = 'ipAllowlist'
      and node_id = (select id from nodes where path = 'sys.hcs.acme.north.contoso')`);
    expect(await signIn('192.0.2.61')).toMatchObject({ ok: true });
  });

  it('a change rolled back is never served: not to the next sign-in, not from the cache', async () => {
    const before = (await loadSignInContext(t.db, 'alice.contoso')).policy.policy.idleSessionTimeoutMinutes;
    await t.db
      .transaction(async (tx) => {
        await tx.execute(sql`update credential_policies set idle_session_timeout_minutes = 90 where name = 'Cache-Idle'`);
        // The transaction sees its own change…
        expect((await loadSignInContext(tx, 'alice.contoso')).policy.policy.idleSessionTimeoutMinutes).toBe(90);
        tx.rollback();
      })
      .catch(() => {});
    // …and nobody else ever does.
    expect((await loadSignInContext(t.db, 'alice.contoso')).policy.policy.idleSessionTimeoutMinutes).toBe(before);
  });

  it('config_version rises once per committed transaction that changes what resolves a policy, and not for sign-ins', async () => {
    const v0 = await version();
    await t.db.transaction(async (tx) => {
      await tx.execute(sql`update credential_policies set lock_duration_minutes = lock_duration_minutes where name = 'Cache-Idle'`);
      await tx.execute(sql`update nodes set name = name where path = 'sys.hcs.acme'`);
    });
    expect(await version()).toBe(v0 + 1);
    await signIn();
    expect(await version()).toBe(v0 + 1);
  });
});
