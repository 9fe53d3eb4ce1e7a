import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { credentialPolicies } from '@/lib/db/schema';
import { savePolicyDef } from '@/lib/policy/commands';
import { BOOLEAN_FIELDS, NUMBER_FIELDS } from '@/lib/policy/fields';
import { loadEffectivePolicy } from '@/lib/policy/queries';
import { runAs } from '../support/actors';
import { createTestDatabase } from '../support/test-db';

let t: Awaited<ReturnType<typeof createTestDatabase>>;
beforeAll(async () => {
  t = await createTestDatabase();
});
afterAll(async () => t?.drop());

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
