import { and, desc, eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { accounts, auditLog, neverExpireAgreements, nodeSettings, nodes } from '@/lib/db/schema';
import { AGREEMENT_VERSION } from '@/lib/never-expire/agreement';
import { decideNeverExpire, setNeverExpireActivation } from '@/lib/never-expire/commands';
import {
  enableDataSecurityModel,
  revertSetting,
  saveExternalIds,
  saveIpAllowlist,
  saveSessionTimeouts,
  saveTwoFactor,
} from '@/lib/security-settings/commands';
import { resolveSettings } from '@/lib/security-settings/queries';
import { saveAccount, saveExternalId } from '@/lib/users/commands';
import { setExternalIdGrant, setNeverExpireFlag } from '@/lib/users/security-commands';
import { runAs } from '../support/actors';
import { createTestDatabase } from '../support/test-db';

let t: Awaited<ReturnType<typeof createTestDatabase>>;
beforeAll(async () => {
  t = await createTestDatabase();
});
afterAll(async () => t?.drop());

const CONTOSO = 'sys.hcs.acme.north.contoso';
const settings = (path = CONTOSO) => resolveSettings(t.db, path);
const lastAudit = async (action: string) =>
  (await t.db.select().from(auditLog).where(eq(auditLog.action, action)).orderBy(desc(auditLog.id)).limit(1))[0];
const flag = async (username: string) =>
  (
    await t.db
      .select({ ne: accounts.passwordNeverExpires, g: accounts.canManageExternalIds, ext: accounts.externalId })
      .from(accounts)
      .where(eq(accounts.username, username))
  )[0]!;

describe('Restrict access by IP', () => {
  it('refuses a list that excludes the saver’s own IP unless confirmed, then saves it normalised and audited', async () => {
    const input = { node: CONTOSO, enabled: true, entries: '10.0.0.1/8\n2001:DB8::1' };
    const refused = await runAs(t.db, 'manager.contoso', saveIpAllowlist, input, '192.0.2.10');
    expect(refused.ok).toBe(false);
    if (!refused.ok) {
      expect(refused.formError).toContain('192.0.2.10');
      expect(refused.fieldErrors?.confirmSelfLockout).toBeDefined();
    }
    expect((await settings()).ipAllowlist.definedHere).toBe(false);

    const ok = await runAs(t.db, 'manager.contoso', saveIpAllowlist, { ...input, confirmSelfLockout: true }, '192.0.2.10');
    expect(ok.ok).toBe(true);
    const s = await settings();
    expect(s.ipAllowlist).toMatchObject({ definedHere: true, value: { enabled: true, entries: ['10.0.0.0/8', '2001:db8::1'] } });
    expect(await lastAudit('settings.ipAllowlist.save')).toMatchObject({
      actorUsername: 'manager.contoso',
      ip: '192.0.2.10',
      before: null,
      after: { enabled: true, entries: ['10.0.0.0/8', '2001:db8::1'] },
    });
  });

  it('saves without confirmation when the list includes the saver’s IP, and for a node that does not govern the saver', async () => {
    expect((await runAs(t.db, 'manager.contoso', saveIpAllowlist, { node: CONTOSO, enabled: true, entries: '192.0.2.0/24' }, '192.0.2.10')).ok).toBe(
      true,
    );
    // manager.acme sits above contoso: contoso's list does not apply to it.
    expect((await runAs(t.db, 'manager.acme', saveIpAllowlist, { node: CONTOSO, enabled: true, entries: '198.51.100.1' }, '192.0.2.10')).ok).toBe(
      true,
    );
    expect(await lastAudit('settings.ipAllowlist.save')).toMatchObject({
      before: { entries: ['192.0.2.0/24'] },
      after: { entries: ['198.51.100.1'] },
    });
  });

  it('refuses invalid entries with every bad line named, and an empty list that is switched on', async () => {
    const r = await runAs(t.db, 'manager.contoso', saveIpAllowlist, {
      node: CONTOSO,
      enabled: true,
      entries: '300.1.1.1\n10.0.0.9-10.0.0.1',
      confirmSelfLockout: true,
    });
    expect(r).toMatchObject({ ok: false, fieldErrors: { entries: [expect.stringContaining('"300.1.1.1" is not a valid IP address')] } });
    if (!r.ok) expect(r.fieldErrors!.entries![0]).toContain('starts after it ends');
    const empty = await runAs(t.db, 'manager.contoso', saveIpAllowlist, { node: CONTOSO, enabled: true, entries: ' ' });
    expect(empty).toMatchObject({ ok: false, fieldErrors: { entries: [expect.stringContaining('at least one')] } });
  });

  it('refuses a revert that would lock the saver out through the inherited list', async () => {
    const site = `${CONTOSO}.site`;
    const [parent] = await t.db.select({ id: nodes.id }).from(nodes).where(eq(nodes.path, CONTOSO));
    await t.db.insert(nodes).values({ path: site, parentId: parent!.id, type: 'site', name: 'Site' });
    const [siteNode] = await t.db.select({ id: nodes.id }).from(nodes).where(eq(nodes.path, site));
    await t.db.update(accounts).set({ nodeId: siteNode!.id }).where(eq(accounts.username, 'unit.contoso'));
    await t.db.update(accounts).set({ role: 'manager' }).where(eq(accounts.username, 'unit.contoso'));
    try {
      expect((await runAs(t.db, 'unit.contoso', saveIpAllowlist, { node: site, enabled: true, entries: '192.0.2.10' }, '192.0.2.10')).ok).toBe(true);
      // contoso's list (198.51.100.1) does not include 192.0.2.10.
      const r = await runAs(t.db, 'unit.contoso', revertSetting, { node: site, group: 'ipAllowlist' }, '192.0.2.10');
      expect(r).toMatchObject({ ok: false, formError: expect.stringContaining('reverting would lock you out') });
      expect((await settings(site)).ipAllowlist.definedHere).toBe(true);
      expect((await runAs(t.db, 'manager.contoso', revertSetting, { node: site, group: 'ipAllowlist' }, '192.0.2.10')).ok).toBe(true);
    } finally {
      await t.db.update(accounts).set({ nodeId: parent!.id, role: 'unit_manager' }).where(eq(accounts.username, 'unit.contoso'));
    }
  });

  it('reverts to inherited by deleting the node’s row', async () => {
    const r = await runAs(t.db, 'manager.contoso', revertSetting, { node: CONTOSO, group: 'ipAllowlist' });
    expect(r).toEqual({ ok: true, data: { reverted: true } });
    expect((await settings()).ipAllowlist).toMatchObject({ definedHere: false, from: 'sys' });
    expect(await lastAudit('settings.ipAllowlist.revert')).toMatchObject({ before: { entries: ['198.51.100.1'] }, after: null });
  });
});

describe('roles and scope on the Security page', () => {
  it('refuses Unit Managers, User Administrators and Users, and nodes outside the subtree', async () => {
    for (const who of ['unit.contoso', 'useradmin.contoso', 'alice.contoso']) {
      const r = await runAs(t.db, who, saveTwoFactor, { node: CONTOSO, required: true });
      expect(r).toEqual({ ok: false, formError: 'Your role does not allow this.' });
    }
    const r = await runAs(t.db, 'manager.globex', saveTwoFactor, { node: CONTOSO, required: true });
    expect(r.ok).toBe(false);
    expect((await settings()).twoFactor.definedHere).toBe(false);
  });

  it('refuses a save based on a version someone else has since replaced', async () => {
    const first = await runAs(t.db, 'manager.contoso', saveTwoFactor, { node: CONTOSO, version: 0, required: true });
    expect(first).toEqual({ ok: true, data: { saved: true, version: 1 } });
    const stale = await runAs(t.db, 'manager.acme', saveTwoFactor, { node: CONTOSO, version: 0, required: false });
    expect(stale).toMatchObject({ ok: false, formError: expect.stringContaining('Someone else changed this section') });
    expect((await settings()).twoFactor.value.required).toBe(true);
    expect((await runAs(t.db, 'manager.acme', saveTwoFactor, { node: CONTOSO, version: 1, required: false })).ok).toBe(true);
    await runAs(t.db, 'manager.contoso', revertSetting, { node: CONTOSO, group: 'twoFactor' });
  });

  it('saves two-factor and per-role session timeouts within 10–240', async () => {
    expect((await runAs(t.db, 'manager.contoso', saveTwoFactor, { node: CONTOSO, required: true })).ok).toBe(true);
    expect((await settings()).twoFactor.value.required).toBe(true);
    const bad = await runAs(t.db, 'manager.contoso', saveSessionTimeouts, { node: CONTOSO, manager: 9, user: 241 });
    expect(bad).toMatchObject({ ok: false, fieldErrors: { manager: ['At least 10 minutes'], user: ['At most 240 minutes'] } });
    expect((await runAs(t.db, 'manager.contoso', saveSessionTimeouts, { node: CONTOSO, manager: 10, user: '240', unit_manager: '' })).ok).toBe(true);
    expect((await settings()).sessionTimeouts.value.byRole).toEqual({ manager: 10, user: 240 });
    await runAs(t.db, 'manager.contoso', revertSetting, { node: CONTOSO, group: 'twoFactor' });
  });
});

describe('New Data Security Model', () => {
  it('needs the confirmation, is one-way, and no crafted request switches it off', async () => {
    expect((await runAs(t.db, 'manager.contoso', enableDataSecurityModel, { node: CONTOSO })).ok).toBe(false);
    expect((await runAs(t.db, 'manager.contoso', enableDataSecurityModel, { node: CONTOSO, confirm: true })).ok).toBe(true);
    expect((await settings()).dataSecurityModel.value.enabled).toBe(true);
    const attempts = [
      await runAs(t.db, 'manager.contoso', revertSetting, { node: CONTOSO, group: 'dataSecurityModel' }),
      await runAs(t.db, 'manager.acme', revertSetting, { node: CONTOSO, group: 'dataSecurityModel' }),
      await runAs(t.db, 'operator', revertSetting, { node: CONTOSO, group: 'dataSecurityModel' }),
      await runAs(t.db, 'manager.contoso', enableDataSecurityModel, { node: CONTOSO, confirm: true, enabled: 'false' }),
    ];
    for (const r of attempts) expect(r.ok).toBe(false);
    expect((await settings()).dataSecurityModel.value.enabled).toBe(true);
  });
});

describe('External IDs', () => {
  const grant = (who: string, granted: boolean) => runAs(t.db, who, setExternalIdGrant, { username: 'useradmin.contoso', granted });
  const editExternalId = (who: string, externalId: string) =>
    runAs(t.db, who, saveAccount, {
      mode: 'edit',
      username: 'alice.contoso',
      firstName: 'Alice',
      lastName: 'Smith',
      email: '',
      role: 'user',
      node: CONTOSO,
      authSource: 'local',
      externalId,
    });

  it('only the Primary Contact sets the setting and grants; clearing removes the permission, setting it again restores it', async () => {
    expect((await runAs(t.db, 'useradmin.contoso', saveExternalIds, { node: CONTOSO, allowOthers: true })).ok).toBe(false);
    expect((await grant('manager.contoso', true)).ok).toBe(false); // setting still off: no grant
    expect((await runAs(t.db, 'manager.contoso', saveExternalIds, { node: CONTOSO, allowOthers: true })).ok).toBe(true);
    expect((await grant('useradmin.contoso', true)).ok).toBe(false); // not a Primary Contact
    expect((await grant('manager.contoso', true)).ok).toBe(true);
    expect(await flag('useradmin.contoso')).toMatchObject({ g: true });
    expect(await editExternalId('useradmin.contoso', 'EXT-1')).toMatchObject({ ok: true });
    expect(await flag('alice.contoso')).toMatchObject({ ext: 'EXT-1' });

    expect((await runAs(t.db, 'manager.contoso', saveExternalIds, { node: CONTOSO, allowOthers: false })).ok).toBe(true);
    const refused = await editExternalId('useradmin.contoso', 'EXT-2');
    expect(refused).toMatchObject({ ok: false, fieldErrors: { externalId: ['You may not edit External IDs'] } });
    expect(await flag('alice.contoso')).toMatchObject({ ext: 'EXT-1' });

    expect((await runAs(t.db, 'manager.contoso', saveExternalIds, { node: CONTOSO, allowOthers: true })).ok).toBe(true);
    expect(await editExternalId('useradmin.contoso', 'EXT-3')).toMatchObject({ ok: true });
    expect(await flag('alice.contoso')).toMatchObject({ ext: 'EXT-3' });
    // An ungranted User Administrator is refused even while the setting is on.
    await grant('manager.contoso', false);
    expect((await editExternalId('useradmin.contoso', 'EXT-4')).ok).toBe(false);
  });

  it('a granted Unit Manager edits the External ID alone, only while the setting is on', async () => {
    const setId = (externalId: string) => runAs(t.db, 'unit.contoso', saveExternalId, { username: 'alice.contoso', externalId });
    expect((await setId('UM-1')).ok).toBe(false); // no grant yet
    expect((await runAs(t.db, 'manager.contoso', setExternalIdGrant, { username: 'unit.contoso', granted: true })).ok).toBe(true);
    expect(await setId('UM-1')).toEqual({ ok: true, data: { externalId: 'UM-1' } });
    expect((await runAs(t.db, 'unit.contoso', saveExternalId, { username: 'manager.contoso', externalId: 'X' })).ok).toBe(false); // outranked
    expect((await runAs(t.db, 'manager.contoso', saveExternalIds, { node: CONTOSO, allowOthers: false })).ok).toBe(true);
    expect((await setId('UM-2')).ok).toBe(false);
    expect(await flag('alice.contoso')).toMatchObject({ ext: 'UM-1' });
  });
});

describe('Password Never Expires', () => {
  const setFlag = (who: string, username: string, neverExpires: boolean) => runAs(t.db, who, setNeverExpireFlag, { username, neverExpires });
  const decide = (who: string, decision: 'accept' | 'decline', extra: Record<string, string | boolean> = {}) =>
    runAs(t.db, who, decideNeverExpire, { node: CONTOSO, decision, textVersion: AGREEMENT_VERSION, understood: true, ...extra }, '203.0.113.44');

  it('runs end to end: activation by the operator, acceptance by the Primary Contact, the flag, and opt-out clearing it', async () => {
    expect((await decide('manager.contoso', 'accept')).ok).toBe(false); // not activated yet
    expect((await runAs(t.db, 'manager.contoso', setNeverExpireActivation, { node: CONTOSO, activate: true })).ok).toBe(false);
    expect((await runAs(t.db, 'operator', setNeverExpireActivation, { node: CONTOSO, activate: true })).ok).toBe(true);
    expect((await setFlag('manager.contoso', 'api.contoso', true)).ok).toBe(false); // not accepted yet

    expect((await decide('manager.acme', 'accept')).ok).toBe(false); // not contoso's Primary Contact
    expect((await decide('manager.contoso', 'accept', { understood: false })).ok).toBe(false);
    expect((await decide('manager.contoso', 'accept', { textVersion: 'old' })).ok).toBe(false);
    expect(await decide('manager.contoso', 'accept')).toEqual({ ok: true, data: { decision: 'accepted', cleared: 0 } });
    const [record] = await t.db.select().from(neverExpireAgreements).orderBy(desc(neverExpireAgreements.id)).limit(1);
    expect(record).toMatchObject({ decision: 'accepted', username: 'manager.contoso', ip: '203.0.113.44', textVersion: AGREEMENT_VERSION });

    expect((await setFlag('manager.contoso', 'alice.contoso', true)).ok).toBe(false); // not API-only
    expect((await setFlag('useradmin.contoso', 'api.contoso', true)).ok).toBe(false); // no policy rights
    expect((await setFlag('manager.contoso', 'api.contoso', true)).ok).toBe(true);
    expect(await flag('api.contoso')).toMatchObject({ ne: true });

    expect(await decide('manager.contoso', 'decline')).toEqual({ ok: true, data: { decision: 'opted_out', cleared: 1 } });
    expect(await flag('api.contoso')).toMatchObject({ ne: false });
    expect(await lastAudit('never-expire.opted-out')).toMatchObject({ after: { accepted: false, clearedAccounts: ['api.contoso'] } });
    expect((await setFlag('manager.contoso', 'api.contoso', true)).ok).toBe(false);
  });

  it('cannot be reverted through the generic revert', async () => {
    expect((await runAs(t.db, 'manager.contoso', revertSetting, { node: CONTOSO, group: 'neverExpire' })).ok).toBe(false);
    const [row] = await t.db
      .select({ n: sql<number>`count(*)::int` })
      .from(nodeSettings)
      .innerJoin(nodes, eq(nodes.id, nodeSettings.nodeId))
      .where(and(eq(nodes.path, CONTOSO), eq(nodeSettings.group, 'neverExpire')));
    expect(row!.n).toBe(1);
  });
});
