import { and, desc, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { accounts, auditLog, nodes } from '@/lib/db/schema';
import { AGREEMENT_VERSION } from '@/lib/never-expire/agreement';
import { decideNeverExpire, setNeverExpireActivation } from '@/lib/never-expire/commands';
import { saveExternalIds } from '@/lib/security-settings/commands';
import { makePrimaryContact } from '@/lib/users/commands';
import { setExternalIdGrant } from '@/lib/users/security-commands';
import { runAs } from '../support/actors';
import { createTestDatabase } from '../support/test-db';

let t: Awaited<ReturnType<typeof createTestDatabase>>;
const CONTOSO = 'sys.hcs.acme.north.contoso';
let contosoId = 0;
const primaries = async () =>
  (
    await t.db
      .select({ username: accounts.username })
      .from(accounts)
      .where(and(eq(accounts.nodeId, contosoId), eq(accounts.isPrimaryContact, true)))
  ).map((r) => r.username);

beforeAll(async () => {
  t = await createTestDatabase();
  const [node] = await t.db.select({ id: nodes.id }).from(nodes).where(eq(nodes.path, CONTOSO));
  contosoId = node!.id;
  await t.db
    .insert(accounts)
    .values(['second', 'third', 'fourth'].map((n) => ({ username: `${n}.contoso`, nodeId: contosoId, role: 'manager' as const })));
});
afterAll(async () => t?.drop());

describe('Primary Contact', () => {
  it('a Manager of a node above makes a Manager Primary Contact; the previous one loses it in the same change; audited', async () => {
    expect(await primaries()).toEqual(['manager.contoso']);
    expect(await runAs(t.db, 'manager.acme', makePrimaryContact, { username: 'second.contoso' })).toEqual({
      ok: true,
      data: { previous: 'manager.contoso' },
    });
    expect(await primaries()).toEqual(['second.contoso']);
    const [entry] = await t.db.select().from(auditLog).where(eq(auditLog.action, 'account.primary-contact')).orderBy(desc(auditLog.id)).limit(1);
    expect(entry).toMatchObject({
      actorUsername: 'manager.acme',
      before: { primaryContact: 'manager.contoso' },
      after: { primaryContact: 'second.contoso' },
    });
  });

  it('refused: a Manager of the same node (even the Primary Contact), a Unit Manager, a non-Manager target, oneself', async () => {
    const refused = await runAs(t.db, 'second.contoso', makePrimaryContact, { username: 'third.contoso' });
    expect(refused.ok).toBe(false);
    expect((await runAs(t.db, 'manager.contoso', makePrimaryContact, { username: 'manager.contoso' })).ok).toBe(false);
    expect((await runAs(t.db, 'unit.contoso', makePrimaryContact, { username: 'third.contoso' })).ok).toBe(false);
    expect((await runAs(t.db, 'manager.acme', makePrimaryContact, { username: 'alice.contoso' })).ok).toBe(false);
    expect(await primaries()).toEqual(['second.contoso']);
  });

  it('the database allows one Primary Contact per node, whatever writes the row', async () => {
    await expect(t.db.update(accounts).set({ isPrimaryContact: true }).where(eq(accounts.username, 'third.contoso'))).rejects.toThrow();
    expect(await primaries()).toEqual(['second.contoso']);
  });

  it('two concurrent changes leave exactly one Primary Contact', async () => {
    const results = await Promise.all([
      runAs(t.db, 'manager.acme', makePrimaryContact, { username: 'third.contoso' }),
      runAs(t.db, 'operator', makePrimaryContact, { username: 'fourth.contoso' }),
    ]);
    expect(results.some((r) => r.ok)).toBe(true);
    expect(await primaries()).toHaveLength(1);
  });

  it('the Never-Expire agreement and the External IDs setting follow the new Primary Contact', async () => {
    await runAs(t.db, 'operator', makePrimaryContact, { username: 'second.contoso' });
    expect((await runAs(t.db, 'operator', setNeverExpireActivation, { node: CONTOSO, activate: true })).ok).toBe(true);
    const decide = (who: string) =>
      runAs(t.db, who, decideNeverExpire, { node: CONTOSO, decision: 'accept', textVersion: AGREEMENT_VERSION, understood: true });
    expect((await decide('manager.contoso')).ok).toBe(false);
    expect((await decide('second.contoso')).ok).toBe(true);
    expect((await runAs(t.db, 'second.contoso', saveExternalIds, { node: CONTOSO, allowOthers: true })).ok).toBe(true);
    expect((await runAs(t.db, 'second.contoso', setExternalIdGrant, { username: 'useradmin.contoso', granted: true })).ok).toBe(true);

    await runAs(t.db, 'manager.acme', makePrimaryContact, { username: 'third.contoso' });
    expect((await runAs(t.db, 'second.contoso', setExternalIdGrant, { username: 'useradmin.contoso', granted: false })).ok).toBe(false);
    expect((await runAs(t.db, 'third.contoso', setExternalIdGrant, { username: 'useradmin.contoso', granted: false })).ok).toBe(true);
    const optOut = (who: string) => runAs(t.db, who, decideNeverExpire, { node: CONTOSO, decision: 'decline', textVersion: AGREEMENT_VERSION });
    expect((await optOut('second.contoso')).ok).toBe(false);
    expect((await optOut('third.contoso')).ok).toBe(true);
  });
});
