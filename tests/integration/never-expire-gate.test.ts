import fs from 'node:fs';
import { and, desc, eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { accounts, auditLog, neverExpireAgreements, nodeSettings, nodes } from '@/lib/db/schema';
import { AGREEMENT_VERSION } from '@/lib/never-expire/agreement';
import { decideNeverExpire, setNeverExpireActivation } from '@/lib/never-expire/commands';
import { resolveSettings } from '@/lib/security-settings/queries';
import { setNeverExpireFlag } from '@/lib/users/security-commands';
import { runAs } from '../support/actors';
import { createTestDatabase } from '../support/test-db';

let t: Awaited<ReturnType<typeof createTestDatabase>>;
beforeAll(async () => {
  t = await createTestDatabase();
});
afterAll(async () => t?.drop());

const ACME = 'sys.hcs.acme';
const CONTOSO = 'sys.hcs.acme.north.contoso';

const activate = (node: string, on: boolean) => runAs(t.db, 'operator', setNeverExpireActivation, { node, activate: on });
const decide = (who: string, node: string, decision: 'accept' | 'decline') =>
  runAs(t.db, who, decideNeverExpire, { node, decision, textVersion: AGREEMENT_VERSION, understood: true });
const setFlag = (on: boolean) => runAs(t.db, 'manager.contoso', setNeverExpireFlag, { username: 'api.contoso', neverExpires: on });
const state = async (path: string) => (await resolveSettings(t.db, path, ['neverExpire'])).neverExpire.value;
const flagOn = async () =>
  (await t.db.select({ ne: accounts.passwordNeverExpires }).from(accounts).where(eq(accounts.username, 'api.contoso')))[0]!.ne;
const ownRow = async (path: string) =>
  (
    await t.db
      .select({ value: nodeSettings.value })
      .from(nodeSettings)
      .innerJoin(nodes, eq(nodes.id, nodeSettings.nodeId))
      .where(and(eq(nodes.path, path), eq(nodeSettings.group, 'neverExpire')))
  )[0]?.value;

// Every test starts from "nothing activated below sys".
beforeEach(async () => {
  await t.db.execute(sql`delete from node_settings where "group" = 'neverExpire' and node_id <> (select id from nodes where path = 'sys')`);
  await t.db.update(accounts).set({ passwordNeverExpires: false });
});

describe('Password Never Expires gate', () => {
  it('an opt-out below an activated node records a decision, and the operator’s deactivation above ends it', async () => {
    expect((await activate(ACME, true)).ok).toBe(true);
    expect((await decide('manager.acme', ACME, 'accept')).ok).toBe(true);
    expect(await state(CONTOSO)).toEqual({ activated: true, accepted: true });
    const optOut = await decide('manager.contoso', CONTOSO, 'decline');
    // Declining an acceptance in force is an opt-out, and is recorded as one.
    expect(optOut).toMatchObject({ ok: true, data: { decision: 'opted_out' } });
    const [record] = await t.db.select().from(neverExpireAgreements).orderBy(desc(neverExpireAgreements.id)).limit(1);
    expect(record).toMatchObject({ decision: 'opted_out', username: 'manager.contoso' });
    expect(await ownRow(CONTOSO)).toEqual({ accepted: false });

    expect((await activate(ACME, false)).ok).toBe(true);
    expect(await state(CONTOSO)).toEqual({ activated: false, accepted: false });
    const again = await decide('manager.contoso', CONTOSO, 'accept');
    expect(again.ok).toBe(false);
    if (!again.ok) expect(again.formError).toContain('has not been activated');
    expect((await setFlag(true)).ok).toBe(false);
    expect(await flagOn()).toBe(false);
  });

  it('only the System operator activates: a Primary Contact’s acceptance or opt-out never writes an activation', async () => {
    expect((await runAs(t.db, 'manager.acme', setNeverExpireActivation, { node: CONTOSO, activate: true })).ok).toBe(false);
    expect((await activate(ACME, true)).ok).toBe(true);
    expect((await decide('manager.contoso', CONTOSO, 'accept')).ok).toBe(true);
    expect(await ownRow(CONTOSO)).toEqual({ accepted: true });
    expect((await decide('manager.contoso', CONTOSO, 'decline')).ok).toBe(true);
    expect(await ownRow(CONTOSO)).toEqual({ accepted: false });
    // An operator's own activation at the node stays when its Primary Contact decides.
    expect((await activate(CONTOSO, true)).ok).toBe(true);
    expect((await decide('manager.contoso', CONTOSO, 'accept')).ok).toBe(true);
    expect(await ownRow(CONTOSO)).toEqual({ activated: true, accepted: true });
  });

  it('deactivation reaches the whole subtree, also activations and acceptances made below it', async () => {
    expect((await activate(ACME, true)).ok).toBe(true);
    expect((await activate(CONTOSO, true)).ok).toBe(true);
    expect((await decide('manager.contoso', CONTOSO, 'accept')).ok).toBe(true);
    expect((await setFlag(true)).ok).toBe(true);

    expect((await activate(ACME, false)).ok).toBe(true);
    expect(await state(CONTOSO)).toEqual({ activated: false, accepted: false });
    expect(await ownRow(CONTOSO)).toBeUndefined();
    expect(await flagOn()).toBe(false);
    const [entry] = await t.db
      .select({ after: auditLog.after })
      .from(auditLog)
      .where(eq(auditLog.action, 'never-expire.activation'))
      .orderBy(sql`id desc`)
      .limit(1);
    expect(entry!.after).toMatchObject({ activated: false, clearedAccounts: ['api.contoso'], removedBelow: [CONTOSO] });
  });

  it('deactivating a node below an activated one switches it off there and below only', async () => {
    expect((await activate(ACME, true)).ok).toBe(true);
    expect((await activate(CONTOSO, false)).ok).toBe(true);
    expect(await state(CONTOSO)).toEqual({ activated: false, accepted: false });
    expect(await state(ACME)).toEqual({ activated: true, accepted: false });
  });

  it('an ancestor’s opt-out withdraws the acceptances below it and clears the flags there', async () => {
    expect((await activate(ACME, true)).ok).toBe(true);
    expect((await decide('manager.contoso', CONTOSO, 'accept')).ok).toBe(true);
    expect((await setFlag(true)).ok).toBe(true);
    expect((await decide('manager.acme', ACME, 'accept')).ok).toBe(true);

    expect((await decide('manager.acme', ACME, 'decline')).ok).toBe(true);
    expect(await flagOn()).toBe(false);
    expect(await state(CONTOSO)).toEqual({ activated: true, accepted: false });
    expect(await ownRow(CONTOSO)).toBeUndefined();
    expect((await setFlag(true)).ok).toBe(false);
  });

  it('the data migration strips activations that only an opt-out wrote and clears the flags they let through', async () => {
    // A legitimate activation and acceptance at globex, through the commands (audited).
    expect((await activate('sys.hcs.globex', true)).ok).toBe(true);
    expect((await decide('manager.globex', 'sys.hcs.globex', 'accept')).ok).toBe(true);
    // What the old opt-out left at contoso: an activation nobody made, then accepted again.
    const [contoso] = await t.db.select({ id: nodes.id }).from(nodes).where(eq(nodes.path, CONTOSO));
    await t.db.insert(nodeSettings).values({ nodeId: contoso!.id, group: 'neverExpire', value: { activated: true, accepted: true } });
    await t.db.update(accounts).set({ passwordNeverExpires: true }).where(eq(accounts.username, 'api.contoso'));

    const file = fs.readdirSync('drizzle').find((f) => f.includes('never_expire_decisions_are_not_activations'))!;
    for (const statement of fs.readFileSync(`drizzle/${file}`, 'utf8').split('--> statement-breakpoint')) {
      await t.db.execute(sql.raw(statement));
    }
    expect(await ownRow(CONTOSO)).toEqual({ accepted: true });
    expect(await state(CONTOSO)).toEqual({ activated: false, accepted: false });
    expect(await flagOn()).toBe(false);
    expect(await ownRow('sys.hcs.globex')).toEqual({ activated: true, accepted: true });
    expect(await state('sys.hcs.globex')).toEqual({ activated: true, accepted: true });
  });
});
