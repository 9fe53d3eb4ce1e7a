import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { accounts } from '@/lib/db/schema';
import { countExternalIdGrants, countTwoFactorEnrolments } from '@/lib/security-settings/queries';
import { findAccount } from '@/lib/users/queries';
import { createTestDatabase } from '../support/test-db';

/* The numbers the Security page's confirmations state, counted in the database. */

let t: Awaited<ReturnType<typeof createTestDatabase>>;
beforeAll(async () => {
  t = await createTestDatabase();
});
afterAll(async () => t?.drop());

describe('confirmation counts', () => {
  it('Require two-factor counts the local console accounts below without an authenticator, saying whether the saver is one', async () => {
    const manager = (await findAccount(t.db, { username: 'manager.contoso' }))!;
    const contoso = await countTwoFactorEnrolments(t.db, 'sys.hcs.acme.north.contoso', manager.id);
    // manager, unit, useradmin and alice; api.contoso is API-only.
    expect(contoso).toEqual({ count: 4, includesActor: true });
    await t.db.update(accounts).set({ totpSecretEnc: 'enrolled' }).where(eq(accounts.username, 'alice.contoso'));
    expect(await countTwoFactorEnrolments(t.db, 'sys.hcs.acme.north.contoso', manager.id)).toEqual({ count: 3, includesActor: true });
    const acme = (await findAccount(t.db, { username: 'manager.acme' }))!;
    expect((await countTwoFactorEnrolments(t.db, 'sys.hcs.globex', acme.id)).includesActor).toBe(false);
  });

  it('clearing External IDs counts the grants below', async () => {
    expect(await countExternalIdGrants(t.db, 'sys.hcs.acme')).toBe(0);
    await t.db.update(accounts).set({ canManageExternalIds: true }).where(eq(accounts.username, 'unit.contoso'));
    expect(await countExternalIdGrants(t.db, 'sys.hcs.acme')).toBe(1);
    expect(await countExternalIdGrants(t.db, 'sys.hcs.globex')).toBe(0);
  });
});
