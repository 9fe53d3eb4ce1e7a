import { desc, eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditLog, nodes } from '@/lib/db/schema';
import { addNode, deleteNode, listNodeChildren, renameNode } from '@/lib/hierarchy/commands';
import { CHILDREN_LIMIT, childrenOf, searchNodes } from '@/lib/hierarchy/queries';
import { runAs } from '../support/actors';
import { createTestDatabase } from '../support/test-db';

let t: Awaited<ReturnType<typeof createTestDatabase>>;
beforeAll(async () => {
  t = await createTestDatabase();
});
afterAll(async () => t?.drop());

const node = async (path: string) => (await t.db.select().from(nodes).where(eq(nodes.path, path)))[0];
const lastAudit = async (action: string) =>
  (await t.db.select().from(auditLog).where(eq(auditLog.action, action)).orderBy(desc(auditLog.id)).limit(1))[0];

describe('hierarchy: add, rename, delete', () => {
  it('a Manager adds a customer under their node; the path is the parent’s plus a key from the name; audited', async () => {
    const r = await runAs(t.db, 'manager.acme', addNode, { node: 'sys.hcs.acme', name: 'Fabrikam', type: 'customer' });
    expect(r).toMatchObject({ ok: true, data: { path: 'sys.hcs.acme.fabrikam' } });
    expect(await node('sys.hcs.acme.fabrikam')).toMatchObject({ name: 'Fabrikam', type: 'customer' });
    expect(await lastAudit('node.create')).toMatchObject({ actorUsername: 'manager.acme', targetId: 'sys.hcs.acme.fabrikam' });
    expect((await runAs(t.db, 'manager.acme', addNode, { node: 'sys.hcs.acme', name: 'fabrikam', type: 'customer' })).ok).toBe(false);
  });

  it('types follow the levels: provider under sys.hcs, reseller/customer under a provider, customer under a reseller, site under a customer', async () => {
    const add = (node: string, type: string, name = `N ${type} ${Math.random().toString(36).slice(2, 6)}`) =>
      runAs(t.db, 'operator', addNode, { node, name, type });
    expect((await add('sys.hcs', 'provider')).ok).toBe(true);
    expect((await add('sys.hcs', 'customer')).ok).toBe(false);
    expect((await add('sys.hcs.acme', 'site')).ok).toBe(false);
    expect((await add('sys.hcs.acme.north', 'customer')).ok).toBe(true);
    expect((await add('sys.hcs.acme.north', 'reseller')).ok).toBe(false);
    expect((await add('sys.hcs.acme.fabrikam', 'site')).ok).toBe(true);
    const refused = await add('sys.hcs.acme', 'site');
    if (!refused.ok) expect(refused.formError).toBe('Under sys.hcs.acme you can add: reseller, customer.');
  });

  it('scope and role: a Manager below cannot add above their node, a Unit Manager cannot add at all', async () => {
    expect((await runAs(t.db, 'manager.contoso', addNode, { node: 'sys.hcs.acme', name: 'Evil', type: 'customer' })).ok).toBe(false);
    expect((await runAs(t.db, 'manager.globex', renameNode, { node: 'sys.hcs.acme', name: 'Mine' })).ok).toBe(false);
    expect((await runAs(t.db, 'unit.contoso', addNode, { node: 'sys.hcs.acme.north.contoso', name: 'Site', type: 'site' })).ok).toBe(false);
    expect(await node('sys.hcs.acme.evil')).toBeUndefined();
    expect((await node('sys.hcs.acme'))!.name).not.toBe('Mine');
  });

  it('rename changes the name, not the path; audited', async () => {
    expect((await runAs(t.db, 'manager.acme', renameNode, { node: 'sys.hcs.acme.fabrikam', name: 'Fabrikam Ltd' })).ok).toBe(true);
    expect((await node('sys.hcs.acme.fabrikam'))!.name).toBe('Fabrikam Ltd');
    expect(await lastAudit('node.rename')).toMatchObject({ before: { name: 'Fabrikam' }, after: { name: 'Fabrikam Ltd' } });
  });

  it('delete refuses a node that holds nodes or accounts, naming them; an empty node goes', async () => {
    const held = await runAs(t.db, 'manager.acme', deleteNode, { node: 'sys.hcs.acme.north.contoso' });
    expect(held).toMatchObject({ ok: false });
    if (!held.ok) expect(held.formError).toBe('sys.hcs.acme.north.contoso holds 5 accounts; move or delete them first.');
    const withChild = await runAs(t.db, 'manager.acme', deleteNode, { node: 'sys.hcs.acme.fabrikam' });
    if (!withChild.ok) expect(withChild.formError).toContain('1 node below it');
    const [site] = await t.db.select().from(nodes).where(sql`${nodes.path} like 'sys.hcs.acme.fabrikam.%'`);
    expect((await runAs(t.db, 'manager.acme', deleteNode, { node: site!.path })).ok).toBe(true);
    expect((await runAs(t.db, 'manager.acme', deleteNode, { node: 'sys.hcs.acme.fabrikam' })).ok).toBe(true);
    expect(await node('sys.hcs.acme.fabrikam')).toBeUndefined();
    expect(await lastAudit('node.delete')).toMatchObject({ targetId: 'sys.hcs.acme.fabrikam', before: { name: 'Fabrikam Ltd' } });
    expect((await runAs(t.db, 'manager.acme', deleteNode, { node: 'sys.hcs.acme' })).ok).toBe(false);
  });

  it('the database keeps every path its parent’s path plus one key, and paths never change', async () => {
    const acme = await node('sys.hcs.acme');
    const insert = (path: string) => t.db.insert(nodes).values({ path, parentId: acme!.id, type: 'customer', name: 'X' });
    await expect(insert('sys.hcs.globex.wrong')).rejects.toThrow();
    await expect(insert('sys.hcs.acme.a.b')).rejects.toThrow();
    await expect(t.db.update(nodes).set({ path: 'sys.hcs.acmex' }).where(eq(nodes.id, acme!.id))).rejects.toThrow();
    await insert('sys.hcs.acme.right');
    expect(await node('sys.hcs.acme.right')).toBeDefined();
  });
});

describe('hierarchy at 10,000 nodes', () => {
  it('expanding a node loads a bounded page of children; search by name or path answers quickly', async () => {
    const acme = await node('sys.hcs.acme');
    await t.db.execute(
      sql`insert into nodes (path, parent_id, type, name) select 'sys.hcs.acme.c' || g, ${acme!.id}, 'customer', 'Customer ' || g from generate_series(1, 10000) g`,
    );
    let started = performance.now();
    const { children, more } = await childrenOf(t.db, 'sys.hcs.acme');
    expect(children).toHaveLength(CHILDREN_LIMIT);
    expect(more).toBe(true);
    const viaAction = await runAs(t.db, 'manager.acme', listNodeChildren, { node: 'sys.hcs.acme.north' });
    expect(await childrenOf(t.db, 'sys.hcs')).toMatchObject({
      children: expect.arrayContaining([expect.objectContaining({ path: 'sys.hcs.acme', childCount: 10_002 })]),
    });
    expect(viaAction.ok && viaAction.data.children).toContainEqual(expect.objectContaining({ path: 'sys.hcs.acme.north.contoso', childCount: 0 }));
    expect((await runAs(t.db, 'manager.contoso', listNodeChildren, { node: 'sys.hcs.acme' })).ok).toBe(false);
    expect(performance.now() - started).toBeLessThan(2000);
    started = performance.now();
    expect((await searchNodes(t.db, 'sys.hcs.acme', 'Customer 9999')).map((n) => n.path)).toEqual(['sys.hcs.acme.c9999']);
    expect((await searchNodes(t.db, 'sys.hcs.acme', 'north.contoso')).map((n) => n.path)).toEqual(['sys.hcs.acme.north.contoso']);
    expect(await searchNodes(t.db, 'sys.hcs.acme.north', 'Customer 1')).toEqual([]);
    expect(performance.now() - started).toBeLessThan(1500);
  });
});
