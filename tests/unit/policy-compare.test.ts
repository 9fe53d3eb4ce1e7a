import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { buildExplanation } from '@/lib/policy/explain';
import { defaultPolicyValues, NUMBER_FIELDS, type PolicyValues } from '@/lib/policy/fields';
import { credentialPolicySchema, pickValues, toFormValues } from '@/lib/policy/forms';
import { type GovernedAccount, type Policy, summariseWhatIf, weakerFields, wouldBeExpired, wouldBeInactive } from '@/lib/policy/rules';
import { POLICY_TEMPLATES, templateById } from '@/lib/policy/templates';

const base = defaultPolicyValues();

describe('weaker than inherited', () => {
  it('finds nothing when equal, and names each weaker field with both values', () => {
    expect(weakerFields(base, base)).toEqual([]);
    const w = weakerFields(
      {
        ...base,
        minimumPasswordLength: 8,
        passwordExpiresMonths: 0,
        lockDurationMinutes: 5,
        disableFailedLoginLimitingPerUser: true,
        bannedWords: [],
      },
      { ...base, minimumPasswordLength: 12, lockDurationMinutes: 0, bannedWords: ['acme'] },
    );
    expect(w.map((x) => `${x.label}: ${x.value} / ${x.inherited}`)).toEqual([
      'Password Expires (months): 0 (off) / 6',
      'Lock Duration (minutes): 5 / 0 (until unlocked)',
      'Minimum Password Length: 8 / 12',
      'Disable Failed Login Limiting per User: on / off',
      'Banned words: without acme / acme',
    ]);
  });

  it('treats stronger values as not weaker (0 = off is the weakest expiry, the strongest lock)', () => {
    expect(weakerFields({ ...base, passwordExpiresMonths: 3, lockDurationMinutes: 0, minimumPasswordLength: 20 }, base)).toEqual([]);
  });

  it('is antisymmetric: a field is never weaker in both directions', () => {
    const arb = fc.record(Object.fromEntries(NUMBER_FIELDS.map((f) => [f.key, fc.integer({ min: f.min, max: f.max })]))) as unknown as fc.Arbitrary<
      Partial<PolicyValues>
    >;
    fc.assert(
      fc.property(arb, arb, (a, b) => {
        const x = { ...base, ...a };
        const y = { ...base, ...b };
        const ab = new Set(weakerFields(x, y).map((w) => w.key));
        return weakerFields(y, x).every((w) => !ab.has(w.key));
      }),
    );
  });
});

describe('policy form schema', () => {
  it('parses the form’s strings, checkboxes and lines the same way in browser and server', () => {
    const r = credentialPolicySchema.safeParse({
      mode: 'create',
      node: 'sys',
      name: ' X ',
      ...toFormValues(base),
      minimumPasswordLength: '12',
      noUserNames: 'on',
      bannedWords: 'acme\n\n contoso ',
    });
    expect(r.success).toBe(true);
    if (r.success) {
      expect(r.data.name).toBe('X');
      const v = pickValues(r.data);
      expect(v).toMatchObject({ minimumPasswordLength: 12, noUserNames: true, enablePasswordComplexity: false, bannedWords: ['acme', 'contoso'] });
    }
  });

  it('gives every range a message with its label and bounds', () => {
    for (const f of NUMBER_FIELDS) {
      const r = credentialPolicySchema.safeParse({ mode: 'create', name: 'X', ...toFormValues(base), [f.key]: String(f.max + 1) });
      expect(r.success).toBe(false);
      if (!r.success) expect(r.error.issues.find((i) => i.path[0] === f.key)?.message).toBe(`${f.label} must be between ${f.min} and ${f.max}`);
    }
  });
});

describe('templates', () => {
  it('NIST SP 800-63B-4 and PCI DSS 4.0 carry the values the documents name, each with a note', () => {
    expect(templateById('nist-800-63b-4')!.values).toMatchObject({
      minimumPasswordLength: 15,
      enablePasswordComplexity: false,
      passwordExpiresMonths: 0,
      rejectCommonPasswords: true,
    });
    expect(templateById('pci-dss-4')!.values).toMatchObject({
      minimumPasswordLength: 12,
      passwordExpiresMonths: 3,
      failedLoginCountPerUser: 10,
      lockDurationMinutes: 30,
    });
    for (const t of POLICY_TEMPLATES) {
      expect(t.note.length).toBeGreaterThan(20);
      expect(credentialPolicySchema.safeParse({ mode: 'create', name: t.name, ...toFormValues(t.values) }).success).toBe(true);
    }
  });
});

const policy = (id: number, name: string, nodePath: string): Policy => ({ ...base, id, name, nodePath, version: 1 });

describe('why this policy', () => {
  const account = { username: 'alice.contoso', nodePath: 'sys.hcs.acme.north.contoso', authSource: 'local' as const };
  const defaults = new Map([['sys.hcs', { name: 'HcsCredentialPolicy', definedAt: 'sys.hcs' }]]);

  it('explains an explicit assignment', () => {
    const e = buildExplanation({
      account,
      explicit: policy(9, 'Personal', 'sys.hcs.acme'),
      defaults,
      effective: policy(9, 'Personal', 'sys.hcs.acme'),
    });
    expect(e.summary).toBe('Personal: assigned to the account');
    expect(e.steps[0]).toEqual({ at: 'account', text: 'Assigned to alice.contoso: Personal (defined at sys.hcs.acme)', decided: true });
  });

  it('walks up to the nearest default, and notes sso and ldap', () => {
    const e = buildExplanation({ account, explicit: null, defaults, effective: policy(1, 'HcsCredentialPolicy', 'sys.hcs') });
    expect(e.steps.filter((s) => s.decided).map((s) => s.at)).toEqual(['sys.hcs']);
    expect(e.steps.map((s) => s.at)).toEqual(['account', 'sys.hcs.acme.north.contoso', 'sys.hcs.acme.north', 'sys.hcs.acme', 'sys.hcs']);
    expect(e.values.every((v) => v.applies)).toBe(true);
    const sso = buildExplanation({
      account: { ...account, authSource: 'sso' },
      explicit: null,
      defaults,
      effective: policy(1, 'HcsCredentialPolicy', 'sys.hcs'),
    });
    expect(sso.notes[0]).toContain('credential policies do not govern it');
    expect(sso.values.some((v) => v.applies)).toBe(false);
    const ldap = buildExplanation({
      account: { ...account, authSource: 'ldap' },
      explicit: null,
      defaults,
      effective: policy(1, 'HcsCredentialPolicy', 'sys.hcs'),
    });
    expect(ldap.notes[0]).toContain('only the session timeouts');
    expect(ldap.values.filter((v) => v.applies).map((v) => v.key)).toEqual(['idleSessionTimeoutMinutes', 'absoluteSessionTimeoutMinutes']);
  });

  it('falls back to HcsCredentialPolicy when no node names a default', () => {
    const e = buildExplanation({ account, explicit: null, defaults: new Map(), effective: policy(1, 'HcsCredentialPolicy', 'sys.hcs') });
    expect(e.steps.at(-1)).toMatchObject({ at: 'fallback', decided: true });
  });
});

describe('what-if rules', () => {
  const now = new Date('2026-06-01T00:00:00Z');
  const acc = (over: Partial<GovernedAccount>): GovernedAccount => ({
    id: 1,
    username: 'a',
    nodePath: 'sys',
    authSource: 'local',
    credentialPolicyId: null,
    passwordChangedAt: new Date('2026-01-15T00:00:00Z'),
    passwordNeverExpires: false,
    lastLoginAt: new Date('2026-05-01T00:00:00Z'),
    createdAt: new Date('2025-01-01T00:00:00Z'),
    status: 'active',
    ...over,
  });
  it('expires by months from the last change, except never-expiring, ldap and sso', () => {
    expect(wouldBeExpired(acc({}), { ...base, passwordExpiresMonths: 4 }, now)).toBe(true);
    expect(wouldBeExpired(acc({}), { ...base, passwordExpiresMonths: 5 }, now)).toBe(false);
    expect(wouldBeExpired(acc({}), { ...base, passwordExpiresMonths: 0 }, now)).toBe(false);
    for (const o of [{ passwordNeverExpires: true }, { authSource: 'ldap' as const }, { authSource: 'sso' as const }])
      expect(wouldBeExpired(acc(o), { ...base, passwordExpiresMonths: 1 }, now)).toBe(false);
  });
  it('counts inactivity from the last sign-in', () => {
    expect(wouldBeInactive(acc({}), { ...base, inactiveDaysBeforeDisabling: 30 }, now)).toBe(true);
    expect(wouldBeInactive(acc({}), { ...base, inactiveDaysBeforeDisabling: 32 }, now)).toBe(false);
    expect(summariseWhatIf([{ account: acc({}), values: { ...base, passwordExpiresMonths: 1, inactiveDaysBeforeDisabling: 10 } }], now)).toEqual({
      governed: 1,
      expired: 1,
      inactive: 1,
    });
  });
});
