import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { nodeSettings } from '@/lib/db/schema';
import { nodeIdOf } from '@/lib/hierarchy/queries';
import { createSession } from '@/lib/sessions/commands';
import { checkRequest } from '@/lib/sessions/queries';
import { findAccount } from '@/lib/users/queries';
import { createTestDatabase } from '../support/test-db';

/*
 * The per-request check folds the allowlist rows into the session statement and resolves them itself;
 * it must resolve them as the Security page does, so an allowlist "Enforced for all nodes below" at a
 * higher node ends a session below from an address outside it, whatever the node below defines.
 */

let t: Awaited<ReturnType<typeof createTestDatabase>>;
beforeAll(async () => {
  t = await createTestDatabase();
});
afterAll(async () => t?.drop());

describe('an allowlist enforced from above, on every request', () => {
  it('refuses a session of a node below that defines no restriction of its own', async () => {
    const setting = async (path: string, value: unknown) =>
      t.db.insert(nodeSettings).values({ nodeId: await nodeIdOf(t.db, path), group: 'ipAllowlist', value });
    await setting('sys.hcs.acme', { enabled: true, entries: ['10.0.0.0/8'], enforced: true });
    await setting('sys.hcs.acme.north.contoso', { enabled: false, entries: [] });
    const alice = (await findAccount(t.db, { username: 'alice.contoso' }))!;
    const session = (opts: { ip: string }) =>
      createSession(t.db, { accountId: alice.id, stage: 'active', idleMinutes: 20, absoluteMinutes: 0, ip: opts.ip, userAgent: 't', limit: 0 });

    const inside = await session({ ip: '10.1.2.3' });
    expect(await checkRequest(t.db, inside.id, '10.1.2.3', { touch: false })).toMatchObject({ ok: true });
    const outside = await session({ ip: '192.0.2.50' });
    expect(await checkRequest(t.db, outside.id, '192.0.2.50', { touch: false })).toMatchObject({ ok: false, reason: 'ip-denied' });
  });
});
