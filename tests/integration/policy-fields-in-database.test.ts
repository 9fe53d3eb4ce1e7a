import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { accounts, credentialPolicies, nodes } from '@/lib/db/schema';
import { BOOLEAN_FIELDS, DEFAULT_QUESTION_POOL, defaultPolicyValues, NUMBER_FIELDS } from '@/lib/policy/fields';
import { ACCOUNT_STATUSES, AUTH_SOURCES, ROLES } from '@/lib/users/fields';
import { createTestDatabase } from '../support/test-db';

/*
 * The ranges and defaults of lib/policy/fields.ts are what the database enforces: the migration's
 * check constraints and column defaults must agree with the table the forms are built from, so that
 * no write path (a future bug included) can store a value the product would refuse.
 */

let t: Awaited<ReturnType<typeof createTestDatabase>>;
let nodeId: number;
beforeAll(async () => {
  t = await createTestDatabase();
  const [n] = await t.db.select({ id: nodes.id }).from(nodes).where(eq(nodes.path, 'sys.hcs.globex'));
  nodeId = n?.id ?? 0;
});
afterAll(async () => t?.drop());

let seq = 0;
async function insertPolicy(values: Record<string, unknown>): Promise<boolean> {
  try {
    await t.db.insert(credentialPolicies).values({ ...defaultPolicyValues(), name: `Range probe ${++seq}`, nodeId, ...values });
    return true;
  } catch (err) {
    // Only a check violation counts as "refused by the database".
    const code = (err as { code?: string; cause?: { code?: string } }).code ?? (err as { cause?: { code?: string } }).cause?.code;
    if (code !== '23514') throw err;
    return false;
  }
}

describe('credential-policy fields in the database', () => {
  for (const f of NUMBER_FIELDS) {
    it(`${f.label}: ${f.min}–${f.max} accepted, ${f.min - 1} and ${f.max + 1} refused`, async () => {
      expect(await insertPolicy({ [f.key]: f.min })).toBe(true);
      expect(
        await insertPolicy({ [f.key]: f.max, ...(f.key === 'questionsAskedDuringReset' ? { resetQuestionPool: DEFAULT_QUESTION_POOL } : {}) }),
      ).toBe(true);
      expect(await insertPolicy({ [f.key]: f.min - 1 })).toBe(false);
      expect(await insertPolicy({ [f.key]: f.max + 1 })).toBe(false);
    });
  }

  it('a row written with only its name and pool takes every default of the table', async () => {
    const rows = await t.db.execute(
      sql`insert into credential_policies (node_id, name, reset_question_pool) values (${nodeId}, 'Defaults probe', ${JSON.stringify(DEFAULT_QUESTION_POOL)}::jsonb) returning id`,
    );
    const id = Number((Array.isArray(rows) ? rows : (rows as { rows: { id: number }[] }).rows)[0]?.id);
    const [stored] = await t.db.select().from(credentialPolicies).where(eq(credentialPolicies.id, id));
    const defaults = defaultPolicyValues();
    for (const f of [...NUMBER_FIELDS, ...BOOLEAN_FIELDS]) expect({ [f.key]: stored?.[f.key] }).toEqual({ [f.key]: defaults[f.key] });
    expect(stored?.notifyBy).toBe(defaults.notifyBy);
  });

  it('refuses a role, auth source or status outside the lists of lib/users/fields.ts', async () => {
    const [a] = await t.db.select({ id: accounts.id }).from(accounts).where(eq(accounts.username, 'alice.contoso'));
    const set = async (column: string, value: string) =>
      t.db
        .execute(sql`update accounts set ${sql.raw(column)} = ${value} where id = ${a?.id}`)
        .then(() => true)
        .catch(() => false);
    for (const [column, values] of [
      ['role', ROLES],
      ['auth_source', AUTH_SOURCES],
      ['status', ACCOUNT_STATUSES],
    ] as const) {
      for (const v of values) expect(await set(column, v)).toBe(true);
      expect(await set(column, 'superuser')).toBe(false);
    }
    await t.db.execute(sql`update accounts set role = 'user', auth_source = 'local', status = 'active' where id = ${a?.id}`);
  });
});
