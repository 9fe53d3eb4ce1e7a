import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { simulateSignIn } from '@/lib/auth/simulate';
import { credentialPolicies } from '@/lib/db/schema';
import { assignPolicyDef, savePolicyDef, setDefaultPolicyDef } from '@/lib/policy/commands';
import { BOOLEAN_FIELDS, defaultPolicyValues, NUMBER_FIELDS, type PolicyValues } from '@/lib/policy/fields';
import { explainAccountPolicy } from '@/lib/policy/queries';
import { revertSetting, saveIpAllowlist, saveTwoFactor } from '@/lib/security-settings/commands';
import { resolveSettings } from '@/lib/security-settings/queries';
import { findAccount } from '@/lib/users/queries';
import { runAs } from '../support/actors';
import { createTestDatabase } from '../support/test-db';

let t: Awaited<ReturnType<typeof createTestDatabase>>;
beforeAll(async () => {
  t = await createTestDatabase();
});
afterAll(async () => t?.drop());

const ACME = 'sys.hcs.acme';
const CONTOSO = 'sys.hcs.acme.north.contoso';

/** A crafted policy form: every field, as the editor posts it. */
function policyEntries(entries: Record<string, string | number | boolean>, values: Partial<PolicyValues> = {}) {
  const v = { ...defaultPolicyValues(), ...values };
  const out: Record<string, string | number | boolean> = {};
  for (const k of NUMBER_FIELDS) out[k.key] = v[k.key];
  for (const k of BOOLEAN_FIELDS) out[k.key] = v[k.key];
  out.notifyBy = v.notifyBy;
  out.resetQuestionPool = v.resetQuestionPool.join('\n');
  out.bannedWords = v.bannedWords.join('\n');
  return { ...out, ...entries };
}
const policyId = async (name: string) => (await t.db.select().from(credentialPolicies).where(eq(credentialPolicies.name, name)))[0]!;

describe('settings enforced for all nodes below', () => {
  it('two-factor enforced at a higher node wins over the node below and refuses its crafted save and revert', async () => {
    // Contoso defined its own "not required" before acme enforced.
    expect((await runAs(t.db, 'manager.contoso', saveTwoFactor, { node: CONTOSO, required: false })).ok).toBe(true);
    expect((await runAs(t.db, 'manager.acme', saveTwoFactor, { node: ACME, required: true, enforceBelow: true })).ok).toBe(true);
    const s = (await resolveSettings(t.db, CONTOSO)).twoFactor;
    expect(s).toMatchObject({ value: { required: true }, from: ACME, enforcedFrom: ACME, definedHere: false });

    const save = await runAs(t.db, 'manager.contoso', saveTwoFactor, { node: CONTOSO, required: false });
    expect(save).toMatchObject({ ok: false, formError: expect.stringContaining(`enforced by ${ACME}`) });
    const revert = await runAs(t.db, 'manager.contoso', revertSetting, { node: CONTOSO, group: 'twoFactor' });
    expect(revert).toMatchObject({ ok: false, formError: expect.stringContaining(`enforced by ${ACME}`) });
    // The enforcing node itself still changes it, and lifting enforcement gives contoso its own value back.
    expect((await runAs(t.db, 'manager.acme', saveTwoFactor, { node: ACME, required: true })).ok).toBe(true);
    expect((await resolveSettings(t.db, CONTOSO)).twoFactor).toMatchObject({ value: { required: false }, from: CONTOSO });
  });

  it('an IP allowlist enforced from above decides sign-in below, and the simulator names the enforcing node', async () => {
    const ok = await runAs(
      t.db,
      'manager.acme',
      saveIpAllowlist,
      { node: ACME, enabled: true, entries: '192.0.2.0/24', enforceBelow: true },
      '192.0.2.10',
    );
    expect(ok.ok).toBe(true);
    const crafted = await runAs(t.db, 'manager.contoso', saveIpAllowlist, { node: CONTOSO, enabled: false, entries: '' }, '192.0.2.10');
    expect(crafted).toMatchObject({ ok: false, formError: expect.stringContaining(`enforced by ${ACME}`) });

    const sim = await simulateSignIn(t.db, ACME, 'alice.contoso', '198.51.100.7');
    expect(sim.ok && sim.decision.ok).toBe(false);
    const step = sim.ok ? sim.decision.trace.find((s) => s.step === 'ip-allowlist') : undefined;
    expect(step).toMatchObject({ outcome: 'fail', node: `${ACME} (enforced for all nodes below)` });
    expect((await runAs(t.db, 'manager.acme', saveIpAllowlist, { node: ACME, enabled: false, entries: '' }, '192.0.2.10')).ok).toBe(true);
  });
});

describe('a credential policy as the minimum below its node', () => {
  const save = (who: string, entries: Record<string, string | number | boolean>, values: Partial<PolicyValues> = {}) =>
    runAs(t.db, who, savePolicyDef, policyEntries(entries, values));

  it('cannot be marked while a weaker policy is in use below, and then refuses weaker policies, defaults and assignments', async () => {
    const strong = { minimumPasswordLength: 12 };
    const early = await save('manager.acme', { mode: 'create', node: ACME, name: 'Acme Floor', minimumBelow: true }, strong);
    expect(early).toMatchObject({ ok: false, formError: expect.stringContaining('HcsCredentialPolicy (sys.hcs)') });

    expect((await save('manager.acme', { mode: 'create', node: ACME, name: 'Acme Floor' }, strong)).ok).toBe(true);
    const floor = await policyId('Acme Floor');
    expect((await runAs(t.db, 'manager.acme', setDefaultPolicyDef, { node: ACME, policyId: floor.id })).ok).toBe(true);
    const marked = await save(
      'manager.acme',
      { mode: 'edit', policyId: floor.id, version: floor.version, name: 'Acme Floor', minimumBelow: true },
      strong,
    );
    expect(marked.ok).toBe(true);

    // Below: weaker in one field cannot be saved, even with the "weaker than inherited" confirmation.
    const weak = await save(
      'manager.contoso',
      { mode: 'create', node: CONTOSO, name: 'Contoso Weak', confirmWeaker: true },
      { minimumPasswordLength: 10 },
    );
    expect(weak).toMatchObject({ ok: false, formError: expect.stringContaining('Acme Floor is the minimum for every policy at sys.hcs.acme') });
    if (!weak.ok) expect(weak.fieldErrors?.minimum).toEqual(['Minimum Password Length: 10 (minimum: 12)']);
    expect(await t.db.select().from(credentialPolicies).where(eq(credentialPolicies.name, 'Contoso Weak'))).toEqual([]);

    // A policy above it (visible, weaker) cannot be named as default nor assigned below.
    const hcs = await policyId('HcsCredentialPolicy');
    expect((await runAs(t.db, 'manager.contoso', setDefaultPolicyDef, { node: CONTOSO, policyId: hcs.id })).ok).toBe(false);
    expect((await runAs(t.db, 'manager.contoso', assignPolicyDef, { username: 'alice.contoso', policyId: hcs.id })).ok).toBe(false);

    // At least as strong: saved and assigned; editing it below the minimum later is refused.
    expect((await save('manager.contoso', { mode: 'create', node: CONTOSO, name: 'Contoso Strong' }, { minimumPasswordLength: 14 })).ok).toBe(true);
    const contoso = await policyId('Contoso Strong');
    expect((await runAs(t.db, 'manager.contoso', assignPolicyDef, { username: 'alice.contoso', policyId: contoso.id })).ok).toBe(true);
    const weakened = await save(
      'manager.contoso',
      { mode: 'edit', policyId: contoso.id, version: contoso.version, name: 'Contoso Strong', confirmWeaker: true },
      { minimumPasswordLength: 9 },
    );
    expect(weakened.ok).toBe(false);
    expect((await policyId('Contoso Strong')).minimumPasswordLength).toBe(14);

    // "Why this policy" says what is enforced from above.
    const alice = await findAccount(t.db, { username: 'alice.contoso' });
    const why = await explainAccountPolicy(t.db, alice!);
    expect(why.notes).toContainEqual(expect.stringContaining('Enforced from sys.hcs.acme: Acme Floor is the minimum'));
  });
});
