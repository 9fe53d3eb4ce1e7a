import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runAction } from '@/lib/actions/run';
import { accounts } from '@/lib/db/schema';
import { saveExternalIds, saveTwoFactor } from '@/lib/security-settings/commands';
import { actorOf, form } from '../support/actors';
import { createTestDatabase } from '../support/test-db';

/*
 * A request already under way carries the actor as the session check read it. If the Primary Contact
 * moves or the role is lowered in between, the action must act on what the database says now.
 */

let t: Awaited<ReturnType<typeof createTestDatabase>>;
beforeAll(async () => {
  t = await createTestDatabase();
});
afterAll(async () => t?.drop());

const CONTOSO = 'sys.hcs.acme.north.contoso';

describe('the actor is read again in the action’s transaction', () => {
  it('a Primary Contact who lost the role in the meantime cannot set External IDs', async () => {
    const stale = await actorOf(t.db, 'manager.contoso');
    expect(stale.isPrimaryContact).toBe(true);
    await t.db.update(accounts).set({ isPrimaryContact: false }).where(eq(accounts.username, 'manager.contoso'));
    const r = await runAction(saveExternalIds, { db: t.db, actor: async () => stale }, form({ node: CONTOSO, allowOthers: true }));
    expect(r).toMatchObject({ ok: false, formError: expect.stringContaining('Primary Contact') });
  });

  it('a Manager lowered to User in the meantime cannot change security settings', async () => {
    const stale = await actorOf(t.db, 'manager.acme');
    await t.db.update(accounts).set({ role: 'user', isPrimaryContact: false }).where(eq(accounts.username, 'manager.acme'));
    const r = await runAction(saveTwoFactor, { db: t.db, actor: async () => stale }, form({ node: CONTOSO, required: true }));
    expect(r).toMatchObject({ ok: false, formError: expect.stringContaining('role or place in the hierarchy changed') });
  });
});
