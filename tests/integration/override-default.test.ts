import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { overrideDefaultPolicyDef } from '@/lib/policy/commands';
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
