import { describe, expect, it } from 'vitest';
import { defaultPolicyValues, NUMBER_FIELDS, SPECIAL_CHARACTERS } from '@/lib/policy/fields';
import { describeSource, effectivePolicy, type PolicyRef, sessionTimeouts } from '@/lib/policy/rules';

const hcs: PolicyRef = { id: 1, name: 'HcsCredentialPolicy', nodePath: 'sys.hcs' };
const acme: PolicyRef = { id: 2, name: 'AcmeStrict', nodePath: 'sys.hcs.acme' };
const north: PolicyRef = { id: 3, name: 'NorthPolicy', nodePath: 'sys.hcs.acme' };
const personal: PolicyRef = { id: 4, name: 'Personal', nodePath: 'sys.hcs.acme.north' };

describe('effective credential policy', () => {
  const defaults = new Map([
    ['sys.hcs', hcs],
    ['sys.hcs.acme', acme],
    ['sys.hcs.acme.north', north],
  ]);

  it('prefers the explicit assignment', () => {
    const r = effectivePolicy({ nodePath: 'sys.hcs.acme.north.contoso', explicit: personal, nodeDefaults: defaults, fallback: hcs });
    expect(r).toEqual({ policy: personal, source: { kind: 'explicit' } });
    expect(describeSource(r)).toContain('assigned to the account');
  });

  it('uses the nearest node default at or above the account', () => {
    const r = effectivePolicy({ nodePath: 'sys.hcs.acme.north.contoso', explicit: null, nodeDefaults: defaults, fallback: hcs });
    expect(r).toEqual({ policy: north, source: { kind: 'node-default', nodePath: 'sys.hcs.acme.north' } });
    expect(describeSource(r, 'sys.hcs.acme.north.contoso')).toBe('NorthPolicy (default inherited from sys.hcs.acme.north)');
    expect(effectivePolicy({ nodePath: 'sys.hcs.globex', explicit: null, nodeDefaults: defaults, fallback: hcs }).source).toEqual({
      kind: 'node-default',
      nodePath: 'sys.hcs',
    });
  });

  it('falls back to HcsCredentialPolicy when no node names a default', () => {
    const r = effectivePolicy({ nodePath: 'sys', explicit: null, nodeDefaults: defaults, fallback: hcs });
    expect(r).toEqual({ policy: hcs, source: { kind: 'fallback' } });
  });
});

describe('policy fields', () => {
  it('carries the second document’s defaults and special characters', () => {
    const d = defaultPolicyValues();
    expect(d).toMatchObject({
      idleSessionTimeoutMinutes: 20,
      absoluteSessionTimeoutMinutes: 1440,
      passwordExpiresMonths: 6,
      lockDurationMinutes: 30,
      failedLoginCountPerUser: 20,
      resetFailedLoginCountPerUserMinutes: 5,
      failedLoginCountPerSource: 10,
      resetFailedLoginCountPerSourceMinutes: 10,
      questionsAskedDuringReset: 3,
      passwordReuseTimeLimitDays: 15,
      minimumPasswordLength: 8,
      inactiveDaysBeforeDisabling: 0,
      sessionLoginLimitPerUser: 0,
      allowChangeExpiredAtLogin: true,
      allowUserDefinedPasswords: true,
      notifyBy: 'console',
      mustChangePasswordOnFirstLogin: false,
    });
    expect(d.resetQuestionPool.length).toBeGreaterThanOrEqual(8);
    for (const f of NUMBER_FIELDS) {
      expect(f.default).toBeGreaterThanOrEqual(f.min);
      expect(f.default).toBeLessThanOrEqual(f.max);
    }
    expect([...SPECIAL_CHARACTERS]).toEqual([...'`~!@#$%^&*()-_=+[{]}|\\:;\'",<.>/?']);
  });
});

describe('session timeouts', () => {
  const policy = { idleSessionTimeoutMinutes: 20, absoluteSessionTimeoutMinutes: 1440 };
  it('account override beats role override beats policy', () => {
    expect(sessionTimeouts({ policy, role: 'user', roleTimeouts: {}, accountTimeout: null })).toMatchObject({ idleMinutes: 20, idleFrom: 'policy' });
    expect(sessionTimeouts({ policy, role: 'user', roleTimeouts: { user: 60 }, accountTimeout: null })).toMatchObject({
      idleMinutes: 60,
      idleFrom: 'role',
    });
    expect(sessionTimeouts({ policy, role: 'user', roleTimeouts: { user: 60 }, accountTimeout: 15 })).toMatchObject({
      idleMinutes: 15,
      idleFrom: 'account',
    });
    expect(sessionTimeouts({ policy, role: 'manager', roleTimeouts: { user: 60 }, accountTimeout: null })).toMatchObject({
      idleMinutes: 20,
      absoluteMinutes: 1440,
    });
  });
});
