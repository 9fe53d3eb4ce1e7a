import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { accounts } from '@/lib/db/schema';
import { saveExternalId } from '@/lib/users/commands';
import { runAs } from '../support/actors';
import { createTestDatabase } from '../support/test-db';

let t: Awaited<ReturnType<typeof createTestDatabase>>;
beforeAll(async () => {
  t = await createTestDatabase();
});
afterAll(async () => t?.drop());

const setId = (who: string, username: string, externalId: string) => runAs(t.db, who, saveExternalId, { username, externalId });
const idOf = async (username: string) =>
  (await t.db.select({ ext: accounts.externalId }).from(accounts).where(eq(accounts.username, username)))[0]!.ext;

describe('External IDs are unique within the top customer/provider subtree', () => {
  it('refuses a duplicate, also by case, and names the account that holds it', async () => {
    expect((await setId('manager.contoso', 'alice.contoso', 'EMP-0001')).ok).toBe(true);
    const dup = await setId('manager.contoso', 'useradmin.contoso', 'emp-0001');
    expect(dup).toMatchObject({ ok: false, formError: expect.stringContaining('already used by alice.contoso (at sys.hcs.acme.north.contoso)') });
    if (!dup.ok) expect(dup.fieldErrors?.externalId?.[0]).toContain('unique within sys.hcs.acme');
    expect(await idOf('useradmin.contoso')).toBeNull();
    // Saving the holder's own ID again is no clash.
    expect((await setId('manager.contoso', 'alice.contoso', 'emp-0001')).ok).toBe(true);
  });

  it('does not name a holder outside the actor’s part of the hierarchy', async () => {
    expect((await setId('manager.acme', 'manager.acme', 'ACME-7')).ok).toBe(true);
    const dup = await setId('manager.contoso', 'useradmin.contoso', 'acme-7');
    expect(dup).toMatchObject({ ok: false, formError: expect.stringContaining('an account outside your part of the hierarchy') });
    if (!dup.ok) expect(dup.formError).not.toContain('manager.acme');
  });

  it('another provider’s subtree is another scope', async () => {
    expect((await setId('manager.globex', 'manager.globex', 'EMP-0001')).ok).toBe(true);
  });

  it('two concurrent saves of one ID: exactly one wins', async () => {
    await t.db.update(accounts).set({ externalId: null }).where(sql`username in ('unit.contoso', 'useradmin.contoso')`);
    const results = await Promise.all([setId('manager.contoso', 'unit.contoso', 'RACE-1'), setId('manager.contoso', 'useradmin.contoso', 'race-1')]);
    expect(results.filter((r) => r.ok)).toHaveLength(1);
    const [row] = await t.db.select({ n: sql<number>`count(*)::int` }).from(accounts).where(sql`lower(external_id) = 'race-1'`);
    expect(row!.n).toBe(1);
  });
});
