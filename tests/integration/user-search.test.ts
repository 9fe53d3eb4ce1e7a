import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { accounts, nodes } from '@/lib/db/schema';
import { COUNT_CAP, searchAccounts } from '@/lib/users/queries';
import { createTestDatabase } from '../support/test-db';

let t: Awaited<ReturnType<typeof createTestDatabase>>;
const CONTOSO = 'sys.hcs.acme.north.contoso';
const BULK = 100_000;

beforeAll(async () => {
  t = await createTestDatabase();
  const [node] = await t.db.select({ id: nodes.id }).from(nodes).where(eq(nodes.path, CONTOSO));
  await t.db.update(accounts).set({ firstName: 'Alice', lastName: 'Smith' }).where(eq(accounts.username, 'alice.contoso'));
  await t.db.insert(accounts).values([
    { username: 'jose.contoso', nodeId: node!.id, firstName: 'José', lastName: 'Núñez', email: 'jose@example.test' },
    { username: 'ldap.contoso', nodeId: node!.id, authSource: 'ldap', firstName: 'Lee', lastName: 'Dap' },
  ]);
  await t.db.execute(
    sql`insert into accounts (username, node_id, first_name, last_name, email, status)
        select 'bulk' || g, ${node!.id}, 'First' || g, 'Last' || g, 'bulk' || g || '@example.test', case when g % 100 = 0 then 'locked' else 'active' end
        from generate_series(1, ${BULK}) g`,
  );
  await t.db.execute(sql`analyze accounts`);
}, 180_000);
afterAll(async () => t?.drop());

const names = (r: { rows: { username: string }[] }) => r.rows.map((x) => x.username);
const timed = async <T>(f: () => Promise<T>) => {
  const started = performance.now();
  const value = await f();
  return { value, ms: performance.now() - started };
};

describe('user search at 100,000 accounts', () => {
  it('finds full names and ignores accents and case', async () => {
    expect(names(await searchAccounts(t.db, { subtreeRoot: CONTOSO, search: 'alice smith' }))).toEqual(['alice.contoso']);
    expect(names(await searchAccounts(t.db, { subtreeRoot: CONTOSO, search: 'smith ALICE' }))).toEqual(['alice.contoso']);
    expect(names(await searchAccounts(t.db, { subtreeRoot: CONTOSO, search: 'nunez' }))).toEqual(['jose.contoso']);
    expect(names(await searchAccounts(t.db, { subtreeRoot: CONTOSO, search: 'José Núñez' }))).toEqual(['jose.contoso']);
    expect(names(await searchAccounts(t.db, { subtreeRoot: CONTOSO, search: 'jose@example' }))).toEqual(['jose.contoso']);
    expect(names(await searchAccounts(t.db, { subtreeRoot: 'sys.hcs.globex', search: 'alice' }))).toEqual([]);
    expect((await searchAccounts(t.db, { subtreeRoot: CONTOSO, search: '%' })).total).toBe(0);
  });

  it('filters by node subtree, role, status and auth source', async () => {
    expect(names(await searchAccounts(t.db, { subtreeRoot: CONTOSO, authSource: 'ldap' }))).toEqual(['ldap.contoso']);
    expect(names(await searchAccounts(t.db, { subtreeRoot: CONTOSO, role: 'unit_manager' }))).toEqual(['unit.contoso']);
    const locked = await searchAccounts(t.db, { subtreeRoot: CONTOSO, status: 'locked' });
    expect(locked.total).toBe(BULK / 100);
    expect(locked.capped).toBe(false);
  });

  it('every query answers fast: bounded count, keyset pages, indexed search', async () => {
    const first = await timed(() => searchAccounts(t.db, { subtreeRoot: 'sys.hcs.acme' }));
    expect(first.value.capped).toBe(true);
    expect(first.value.total).toBe(COUNT_CAP);
    expect(first.value.rows).toHaveLength(25);
    const far = await timed(() => searchAccounts(t.db, { subtreeRoot: 'sys.hcs.acme', after: 'bulk9' }));
    expect(far.value.rows[0]!.username).toBe('bulk90');
    const back = await timed(() => searchAccounts(t.db, { subtreeRoot: 'sys.hcs.acme', before: far.value.rows[0]!.username.toLowerCase() }));
    expect(back.value.rows.at(-1)!.username).toBe('bulk9');
    const found = await timed(() => searchAccounts(t.db, { subtreeRoot: 'sys.hcs', search: 'last99999' }));
    expect(names(found.value)).toEqual(['bulk99999']);
    const words = await timed(() => searchAccounts(t.db, { subtreeRoot: CONTOSO, search: 'first4242 last4242' }));
    // Each word is a substring: bulk4242 and bulk42420…bulk42429.
    expect(names(words.value)).toEqual(['bulk4242', ...Array.from({ length: 10 }, (_, i) => `bulk4242${i}`)]);
    const timings = { first: first.ms, far: far.ms, back: back.ms, found: found.ms, words: words.ms };
    console.log('user search timings (ms) at 100,000 accounts', Object.fromEntries(Object.entries(timings).map(([k, v]) => [k, Math.round(v)])));
    for (const ms of Object.values(timings)) expect(ms).toBeLessThan(1500);
  });
});
