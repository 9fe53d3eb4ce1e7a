import { and, eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ActionActor, runAction } from '@/lib/actions/run';
import { auditLog, credentialPolicies, nodeDefaultPolicies, nodes } from '@/lib/db/schema';
import {
  assignPolicyDef,
  deletePolicyDef,
  previewDefaultDef,
  previewPolicyDef,
  renamePolicyDef,
  savePolicyDef,
  setDefaultPolicyDef,
} from '@/lib/policy/commands';
import { BOOLEAN_FIELDS, defaultPolicyValues, NUMBER_FIELDS, type PolicyValues } from '@/lib/policy/fields';
import { explainAccountPolicy, loadAssignmentView, loadEffectivePolicy } from '@/lib/policy/queries';
import { findAccount } from '@/lib/users/queries';
import { createTestDatabase } from '../support/test-db';

let t: Awaited<ReturnType<typeof createTestDatabase>>;
beforeAll(async () => {
  t = await createTestDatabase();
});
afterAll(async () => t?.drop());

const who = (over: Partial<ActionActor> = {}): ActionActor => ({
  accountId: 2,
  username: 'manager.acme',
  role: 'manager',
  nodePath: 'sys.hcs.acme',
  stage: 'active',
  apiOnly: false,
  isPrimaryContact: true,
  ip: '192.0.2.7',
  ...over,
});
const contosoManager = who({ accountId: 3, username: 'manager.contoso', nodePath: 'sys.hcs.acme.north.contoso' });
const unitManager = who({ accountId: 4, username: 'unit.contoso', role: 'unit_manager', nodePath: 'sys.hcs.acme.north.contoso' });

function policyForm(entries: Record<string, string | number | boolean>, values: Partial<PolicyValues> = {}) {
  const v = { ...defaultPolicyValues(), ...values };
  const f = new FormData();
  for (const k of NUMBER_FIELDS) f.set(k.key, String(v[k.key]));
  for (const k of BOOLEAN_FIELDS) if (v[k.key]) f.set(k.key, 'on');
  f.set('notifyBy', v.notifyBy);
  f.set('resetQuestionPool', v.resetQuestionPool.join('\n'));
  f.set('bannedWords', v.bannedWords.join('\n'));
  for (const [k, x] of Object.entries(entries)) f.set(k, String(x));
  return f;
}
const form = (e: Record<string, string | number>) => {
  const f = new FormData();
  for (const [k, v] of Object.entries(e)) f.set(k, String(v));
  return f;
};
const as = (a: ActionActor) => ({ db: t.db, actor: async () => a });
const count = async (name: string) =>
  Number((await t.db.select({ n: sql<number>`count(*)::int` }).from(credentialPolicies).where(eq(credentialPolicies.name, name)))[0]!.n);

describe('credential policy actions', () => {
  let acmeId = 0;
  let copyId = 0;

  it('creates a policy at a node, audited with its values', async () => {
    const r = await runAction(
      savePolicyDef,
      as(who()),
      policyForm({ mode: 'create', node: 'sys.hcs.acme', name: 'Acme Strong' }, { minimumPasswordLength: 14 }),
    );
    expect(r.ok).toBe(true);
    acmeId = r.ok ? r.data.id : 0;
    const [a] = await t.db.select().from(auditLog).where(eq(auditLog.action, 'policy.create'));
    expect(a).toMatchObject({
      actorUsername: 'manager.acme',
      nodePath: 'sys.hcs.acme',
      after: expect.objectContaining({ name: 'Acme Strong', minimumPasswordLength: 14 }),
    });
  });

  it('refuses out-of-range values and a duplicate name with field errors, writing nothing', async () => {
    const r1 = await runAction(
      savePolicyDef,
      as(who()),
      policyForm({ mode: 'create', node: 'sys.hcs.acme', name: 'Range' }, { minimumPasswordLength: 7, failedLoginCountPerUser: 1001 }),
    );
    expect(r1).toMatchObject({
      ok: false,
      fieldErrors: {
        minimumPasswordLength: [expect.stringContaining('between 8 and 128')],
        failedLoginCountPerUser: [expect.stringContaining('between 1 and 1000')],
      },
    });
    expect(await count('Range')).toBe(0);
    // Case-insensitive, and against policies visible above (HcsCredentialPolicy at sys.hcs) and below.
    for (const name of ['acme strong', 'HCSCREDENTIALPOLICY']) {
      const r = await runAction(savePolicyDef, as(who()), policyForm({ mode: 'create', node: 'sys.hcs.acme.north', name }));
      expect(r).toMatchObject({ ok: false, fieldErrors: { name: [expect.stringContaining('already visible')] } });
    }
    const r3 = await runAction(
      savePolicyDef,
      as(who()),
      policyForm({ mode: 'create', node: 'sys.hcs.acme', name: 'Q' }, { questionsAskedDuringReset: 3, resetQuestionPool: ['one?', 'two?'] }),
    );
    expect(r3).toMatchObject({ ok: false, fieldErrors: { questionsAskedDuringReset: [expect.stringContaining('more than the 2 questions')] } });
  });

  it('refuses a weaker policy until confirmed, listing the weaker fields', async () => {
    const weak = { minimumPasswordLength: 8, passwordExpiresMonths: 0, rejectCommonPasswords: false };
    // sys.hcs.acme.north inherits HcsCredentialPolicy (length 8, expiry 6 months, common check on).
    const r = await runAction(savePolicyDef, as(who()), policyForm({ mode: 'create', node: 'sys.hcs.acme.north', name: 'Weak' }, weak));
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.formError).toContain('weaker than HcsCredentialPolicy');
      expect(r.fieldErrors?.confirmWeaker).toEqual([
        'Password Expires (months): 0 (off) (inherited: 6)',
        'Reject commonly used passwords: off (inherited: on)',
      ]);
    }
    expect(await count('Weak')).toBe(0);
    const ok = await runAction(
      savePolicyDef,
      as(who()),
      policyForm({ mode: 'create', node: 'sys.hcs.acme.north', name: 'Weak', confirmWeaker: 'on' }, weak),
    );
    expect(ok.ok).toBe(true);
  });

  it('refuses the second save of a stale form and tells to reload', async () => {
    const edit = (length: number) =>
      policyForm({ mode: 'edit', policyId: acmeId, version: 1, name: 'Acme Strong' }, { minimumPasswordLength: length });
    expect((await runAction(savePolicyDef, as(who()), edit(15))).ok).toBe(true);
    const second = await runAction(savePolicyDef, as(who()), edit(16));
    expect(second).toEqual({ ok: false, formError: expect.stringContaining('Reload the page') });
    const [p] = await t.db
      .select({ len: credentialPolicies.minimumPasswordLength, v: credentialPolicies.version })
      .from(credentialPolicies)
      .where(eq(credentialPolicies.id, acmeId));
    expect(p).toEqual({ len: 15, v: 2 });
  });

  it('clones (create from a copy) and sets a node default; resolution follows; revert restores', async () => {
    const r = await runAction(
      savePolicyDef,
      as(who()),
      policyForm({ mode: 'create', node: 'sys.hcs.acme', name: 'Copy of Acme Strong' }, { minimumPasswordLength: 15 }),
    );
    copyId = r.ok ? r.data.id : 0;
    const preview = await runAction(previewDefaultDef, as(who()), form({ node: 'sys.hcs.acme.north', policyId: copyId }));
    expect(preview).toMatchObject({ ok: true, data: { governed: 5, changed: 5, expired: 0, inactive: 0 } });
    expect((await runAction(setDefaultPolicyDef, as(who()), form({ node: 'sys.hcs.acme.north', policyId: copyId }))).ok).toBe(true);
    const eff = await loadEffectivePolicy(t.db, 'sys.hcs.acme.north.contoso', null);
    expect(eff).toMatchObject({ policy: { name: 'Copy of Acme Strong' }, source: { kind: 'node-default', nodePath: 'sys.hcs.acme.north' } });
    const alice = await findAccount(t.db, { username: 'alice.contoso' }, { scope: 'sys.hcs.acme.north.contoso' });
    const why = await explainAccountPolicy(t.db, alice!);
    expect(why.summary).toBe('Copy of Acme Strong: default of sys.hcs.acme.north, inherited by sys.hcs.acme.north.contoso');
    expect(why.steps.map((s) => [s.at, s.decided])).toEqual([
      ['account', false],
      ['sys.hcs.acme.north.contoso', false],
      ['sys.hcs.acme.north', true],
      ['sys.hcs', false],
    ]);
    expect(why.steps[3]!.text).toBe('sys.hcs names HcsCredentialPolicy (not used: decided above)');
    expect((await runAction(setDefaultPolicyDef, as(who()), form({ node: 'sys.hcs.acme.north', policyId: '' }))).ok).toBe(true);
    expect((await loadEffectivePolicy(t.db, 'sys.hcs.acme.north.contoso', null)).policy.name).toBe('HcsCredentialPolicy');
    const audits = await t.db
      .select({ action: auditLog.action, before: auditLog.before, after: auditLog.after })
      .from(auditLog)
      .where(eq(auditLog.nodePath, 'sys.hcs.acme.north'));
    expect(audits.map((a) => a.action)).toEqual(expect.arrayContaining(['policy.default.set', 'policy.default.revert']));
  });

  it('refuses deleting a policy in use, naming the nodes and accounts', async () => {
    await runAction(setDefaultPolicyDef, as(who()), form({ node: 'sys.hcs.acme.north', policyId: copyId }));
    await runAction(assignPolicyDef, as(contosoManager), form({ username: 'alice.contoso', policyId: copyId }));
    const [p] = await t.db.select({ v: credentialPolicies.version }).from(credentialPolicies).where(eq(credentialPolicies.id, copyId));
    const r = await runAction(deletePolicyDef, as(who()), form({ policyId: copyId, version: p!.v }));
    expect(r).toEqual({
      ok: false,
      formError: expect.stringMatching(/in use.*Default Credential Policy of sys\.hcs\.acme\.north; assigned to alice\.contoso/),
    });
    await runAction(assignPolicyDef, as(contosoManager), form({ username: 'alice.contoso', policyId: '' }));
    await runAction(setDefaultPolicyDef, as(who()), form({ node: 'sys.hcs.acme.north', policyId: '' }));
    expect(await runAction(deletePolicyDef, as(who()), form({ policyId: copyId, version: p!.v }))).toEqual({
      ok: true,
      data: { name: 'Copy of Acme Strong' },
    });
  });

  it('keeps other tenants apart and readers read-only', async () => {
    const globex = await runAction(
      savePolicyDef,
      as(who({ accountId: 8, username: 'manager.globex', nodePath: 'sys.hcs.globex' })),
      policyForm({ mode: 'create', node: 'sys.hcs.globex', name: 'Globex Only' }),
    );
    const globexId = globex.ok ? globex.data.id : 0;
    const alice = await findAccount(t.db, { username: 'alice.contoso' }, { scope: 'sys.hcs.acme.north.contoso' });
    const view = await loadAssignmentView(t.db, alice!);
    expect(view.options.map((o) => o.name)).not.toContain('Globex Only');
    expect(
      view.options
        .map((o) => o.nodePath)
        .every((p) => ['sys', 'sys.hcs', 'sys.hcs.acme', 'sys.hcs.acme.north', 'sys.hcs.acme.north.contoso'].includes(p)),
    ).toBe(true);
    const assign = await runAction(assignPolicyDef, as(contosoManager), form({ username: 'alice.contoso', policyId: globexId }));
    expect(assign).toMatchObject({ ok: false, formError: expect.stringContaining('defined at sys.hcs.acme.north.contoso or above') });
    const edit = await runAction(
      savePolicyDef,
      as(contosoManager),
      policyForm({ mode: 'edit', policyId: globexId, version: 1, name: 'Hijacked', node: 'sys.hcs.acme.north.contoso' }),
    );
    expect(edit).toEqual({ ok: false, formError: 'You can act only on sys.hcs.acme.north.contoso and the nodes below it.' });
    const probe = await runAction(previewDefaultDef, as(contosoManager), form({ node: 'sys.hcs.acme.north.contoso', policyId: globexId }));
    expect(probe.ok).toBe(false);
    for (const [def, data] of [
      [savePolicyDef, policyForm({ mode: 'create', node: 'sys.hcs.acme.north.contoso', name: 'By unit' })],
      [setDefaultPolicyDef, form({ node: 'sys.hcs.acme.north.contoso', policyId: acmeId })],
      [assignPolicyDef, form({ username: 'alice.contoso', policyId: acmeId })],
    ] as const) {
      expect(await runAction(def as typeof savePolicyDef, as(unitManager), data)).toEqual({ ok: false, formError: 'Your role does not allow this.' });
    }
    expect(await count('By unit')).toBe(0);
  });

  it('renames with the version check and never renames or deletes HcsCredentialPolicy', async () => {
    const [hcs] = await t.db
      .select({ id: credentialPolicies.id, v: credentialPolicies.version })
      .from(credentialPolicies)
      .where(eq(credentialPolicies.name, 'HcsCredentialPolicy'));
    const op = who({ username: 'operator', role: 'system_operator', nodePath: 'sys', accountId: 1 });
    expect((await runAction(renamePolicyDef, as(op), form({ policyId: hcs!.id, version: hcs!.v, name: 'Other' }))).ok).toBe(false);
    expect((await runAction(deletePolicyDef, as(op), form({ policyId: hcs!.id, version: hcs!.v }))).ok).toBe(false);
    const [p] = await t.db.select({ v: credentialPolicies.version }).from(credentialPolicies).where(eq(credentialPolicies.id, acmeId));
    expect(await runAction(renamePolicyDef, as(who()), form({ policyId: acmeId, version: p!.v, name: 'Acme Renamed' }))).toMatchObject({ ok: true });
    expect((await runAction(renamePolicyDef, as(who()), form({ policyId: acmeId, version: p!.v, name: 'Again' }))).ok).toBe(false);
  });

  it('previews an edit: accounts governed and those at once expired', async () => {
    const [contoso] = await t.db.select({ id: nodes.id }).from(nodes).where(eq(nodes.path, 'sys.hcs.acme.north.contoso'));
    const r = await runAction(
      savePolicyDef,
      as(contosoManager),
      policyForm({ mode: 'create', node: 'sys.hcs.acme.north.contoso', name: 'Contoso Default' }),
    );
    const id = r.ok ? r.data.id : 0;
    await t.db.insert(nodeDefaultPolicies).values({ nodeId: contoso!.id, policyId: id });
    await t.db.execute(
      sql`update accounts set password_changed_at = now() - interval '100 days', last_login_at = now() - interval '40 days' where username = 'alice.contoso'`,
    );
    const pv = await runAction(
      previewPolicyDef,
      as(contosoManager),
      policyForm({ mode: 'edit', policyId: id, version: 1, name: 'Contoso Default' }, { passwordExpiresMonths: 3, inactiveDaysBeforeDisabling: 30 }),
    );
    // 5 contoso accounts (api.contoso included); alice is past 3 months and 30 days inactive; the
    // others were created just now and have not signed in, so they are not inactive yet.
    expect(pv).toEqual({ ok: true, data: { governed: 5, expired: 1, inactive: 1 } });
    await t.db.delete(nodeDefaultPolicies).where(and(eq(nodeDefaultPolicies.nodeId, contoso!.id)));
  });
});
