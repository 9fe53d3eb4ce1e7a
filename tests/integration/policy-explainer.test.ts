import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { explainAccountPolicy } from '@/lib/policy/queries';
import { POLICY_TEMPLATES } from '@/lib/policy/templates';
import { saveSessionTimeouts } from '@/lib/security-settings/commands';
import { findAccount } from '@/lib/users/queries';
import { setSessionOverride } from '@/lib/users/security-commands';
import { runAs } from '../support/actors';
import { createTestDatabase } from '../support/test-db';

let t: Awaited<ReturnType<typeof createTestDatabase>>;
beforeAll(async () => {
  t = await createTestDatabase();
});
afterAll(async () => t?.drop());

const idleOf = async (username: string) => {
  const account = await findAccount(t.db, { username });
  return (await explainAccountPolicy(t.db, account!)).values.find((v) => v.key === 'idleSessionTimeoutMinutes')!;
};

describe('why this policy: every effective value and where it comes from', () => {
  it('names the policy for each value, then a role’s session timeout and its node, then the account’s own', async () => {
    const plain = await idleOf('unit.contoso');
    expect(plain).toMatchObject({ value: '20', from: 'HcsCredentialPolicy (defined at sys.hcs)' });

    expect((await runAs(t.db, 'manager.acme', saveSessionTimeouts, { node: 'sys.hcs.acme', unit_manager: 30 })).ok).toBe(true);
    expect(await idleOf('unit.contoso')).toMatchObject({
      value: '30',
      from: "Session timeout for Unit Manager set at sys.hcs.acme (Security page; overrides the policy's 20)",
    });
    // Other roles keep the policy's value.
    expect((await idleOf('alice.contoso')).value).toBe('20');

    expect((await runAs(t.db, 'manager.contoso', setSessionOverride, { username: 'unit.contoso', sessionTimeoutMinutes: 45 })).ok).toBe(true);
    expect(await idleOf('unit.contoso')).toMatchObject({ value: '45', from: expect.stringContaining("the account's own session timeout override") });
  });

  it('no template or screen text speaks of the source documents', () => {
    for (const tpl of POLICY_TEMPLATES) expect(`${tpl.name} ${tpl.note}`).not.toMatch(/(first|second) document/i);
    expect(POLICY_TEMPLATES[0]!.name).toBe('Standard (HcsCredentialPolicy defaults)');
  });
});
