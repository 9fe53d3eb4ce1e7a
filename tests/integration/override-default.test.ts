import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { credentialPolicies } from '@/lib/db/schema';
import { overrideDefaultPolicyDef, savePolicyDef } from '@/lib/policy/commands';
import { BOOLEAN_FIELDS, NUMBER_FIELDS } from '@/lib/policy/fields';
import { loadEffectivePolicy } from '@/lib/policy/queries';
import { runAs } from '../support/actors';
import { createTestDatabase } from '../support/test-db';

let t: Awaited<ReturnType<typeof createTestDatabase>>;
beforeAll(async () => {
  t = await createTestDatabase();
});
afterAll(async () => t?.drop());

const CONTOSO = 'sys.hcs.acme.north.contoso';

describe('Password Security › Override here', () => {
  it('gives the node its own copy of the inherited default, with the same values, as its default', async () => {
    const before = await loadEffectivePolicy(t.db, CONTOSO, null);
    expect(before.source).toEqual({ kind: 'node-default', nodePath: 'sys.hcs' });
    const r = await runAs(t.db, 'manager.contoso', overrideDefaultPolicyDef, { node: CONTOSO });
    expect(r.ok).toBe(true);
    const after = await loadEffectivePolicy(t.db, CONTOSO, null);
    expect(after.source).toEqual({ kind: 'node-default', nodePath: CONTOSO });
    expect(after.policy).toMatchObject({ name: 'Contoso default', nodePath: CONTOSO });
    const { id: _a, name: _b, nodePath: _c, version: _d, ...copied } = after.policy;
    const { id: _e, name: _f, nodePath: _g, version: _h, ...original } = before.policy;
    expect(copied).toEqual(original);
  });

  it('refuses a node that already names its own default, a role without policy rights, and other tenants', async () => {
    const again = await runAs(t.db, 'manager.contoso', overrideDefaultPolicyDef, { node: CONTOSO });
    expect(again).toMatchObject({ ok: false, formError: expect.stringContaining('already names its own Default Credential Policy') });
    const unit = await runAs(t.db, 'unit.contoso', overrideDefaultPolicyDef, { node: CONTOSO });
    expect(unit).toMatchObject({ ok: false, formError: 'Your role does not allow this.' });
    const foreign = await runAs(t.db, 'manager.globex', overrideDefaultPolicyDef, { node: 'sys.hcs.acme' });
    expect(foreign.ok).toBe(false);
    expect((await loadEffectivePolicy(t.db, 'sys.hcs.acme', null)).source).toEqual({ kind: 'node-default', nodePath: 'sys.hcs' });
  });
});

describe('Password Security › Override here as a pending copy', () => {
  const NORTH = 'sys.hcs.acme.north';
  const copyForm = async (name: string) => {
    const { policy } = await loadEffectivePolicy(t.db, NORTH, null);
    const entries: Record<string, string | number | boolean> = { mode: 'create', node: NORTH, name, makeDefault: true };
    for (const f of NUMBER_FIELDS) entries[f.key] = policy[f.key];
    for (const f of BOOLEAN_FIELDS) entries[f.key] = policy[f.key];
    return {
      ...entries,
      notifyBy: policy.notifyBy,
      resetQuestionPool: policy.resetQuestionPool.join('\n'),
      bannedWords: policy.bannedWords.join('\n'),
    };
  };

  it('creates the copy and names it the node’s default in one transaction, only when saved', async () => {
    const r = await runAs(t.db, 'manager.acme', savePolicyDef, await copyForm('Acme North default'));
    expect(r.ok).toBe(true);
    expect((await loadEffectivePolicy(t.db, NORTH, null)).policy).toMatchObject({ name: 'Acme North default', nodePath: NORTH });
  });

  it('a second pending copy for a node that already names its own default saves nothing', async () => {
    const r = await runAs(t.db, 'manager.acme', savePolicyDef, await copyForm('Acme North default 2'));
    expect(r).toMatchObject({ ok: false, formError: expect.stringContaining('already names its own Default Credential Policy') });
    expect(await t.db.select().from(credentialPolicies).where(eq(credentialPolicies.name, 'Acme North default 2'))).toEqual([]);
  });
});
