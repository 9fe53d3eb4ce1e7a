import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { ActionError } from '@/lib/actions/result';
import { type ActionActor, type ActionDefinition, runAction } from '@/lib/actions/run';
import { auditLog, nodes } from '@/lib/db/schema';
import { createTestDatabase } from '../support/test-db';

let t: Awaited<ReturnType<typeof createTestDatabase>>;
beforeAll(async () => {
  t = await createTestDatabase();
});
afterAll(async () => t?.drop());

const actor = (over: Partial<ActionActor> = {}): ActionActor => ({
  accountId: 3,
  username: 'manager.contoso',
  role: 'manager',
  nodePath: 'sys.hcs.acme.north.contoso',
  stage: 'active',
  apiOnly: false,
  isPrimaryContact: true,
  ip: '192.0.2.1',
  ...over,
});

// A real action for the test: renames a node, audited.
const renameNode: ActionDefinition<z.ZodObject<{ node: z.ZodString; name: z.ZodString }>, { name: string }> = {
  name: 'renameNode',
  permission: 'security:write',
  schema: z.object({ node: z.string().min(1), name: z.string().trim().min(1, 'Enter a name').max(50) }),
  targetNode: (input) => input.node,
  run: async ({ tx, input, audit }) => {
    const [before] = await tx.select({ name: nodes.name }).from(nodes).where(eq(nodes.path, input.node));
    if (!before) throw new ActionError('No such node', { node: ['Unknown node'] });
    await tx.update(nodes).set({ name: input.name }).where(eq(nodes.path, input.node));
    await audit({ action: 'node.rename', nodePath: input.node, targetType: 'node', targetId: input.node, before, after: { name: input.name } });
    if (input.name === 'explode') throw new Error('boom after the write');
    return { name: input.name };
  },
};

const form = (entries: Record<string, string>) => {
  const f = new FormData();
  for (const [k, v] of Object.entries(entries)) f.append(k, v);
  return f;
};

async function nodeName(path: string) {
  const [n] = await t.db.select({ name: nodes.name }).from(nodes).where(eq(nodes.path, path));
  return n!.name;
}

const auditCount = async () => Number((await t.db.select({ n: sql<number>`count(*)::int` }).from(auditLog))[0]!.n);

describe('the action wrapper', () => {
  it('runs the body in scope and writes the audit record with before and after', async () => {
    const r = await runAction(
      renameNode,
      { db: t.db, actor: async () => actor() },
      form({ node: 'sys.hcs.acme.north.contoso', name: 'Contoso Ltd' }),
    );
    expect(r).toEqual({ ok: true, data: { name: 'Contoso Ltd' } });
    expect(await nodeName('sys.hcs.acme.north.contoso')).toBe('Contoso Ltd');
    const [entry] = await t.db.select().from(auditLog).where(eq(auditLog.action, 'node.rename'));
    expect(entry).toMatchObject({ actorUsername: 'manager.contoso', ip: '192.0.2.1', before: { name: 'Contoso' }, after: { name: 'Contoso Ltd' } });
  });

  it('refuses without a session, or for an API-only account', async () => {
    for (const who of [null, actor({ apiOnly: true })]) {
      const r = await runAction(renameNode, { db: t.db, actor: async () => who }, form({ node: 'sys.hcs.acme.north.contoso', name: 'X' }));
      expect(r).toEqual({ ok: false, formError: 'Your session has ended. Sign in again.', code: 'session-ended' });
    }
  });

  it('refuses a session whose sign-in is unfinished, unless the action runs at that stage', async () => {
    const pending = actor({ stage: 'change_password' });
    const refused = await runAction(renameNode, { db: t.db, actor: async () => pending }, form({ node: 'sys.hcs.acme.north.contoso', name: 'X' }));
    expect(refused).toEqual({ ok: false, formError: 'Finish signing in first.', code: 'wrong-stage' });
    const atStage = { ...renameNode, stages: ['change_password'] as const };
    const r = await runAction(atStage, { db: t.db, actor: async () => pending }, form({ node: 'sys.hcs.acme.north.contoso', name: 'Contoso Ltd' }));
    expect(r).toEqual({ ok: true, data: { name: 'Contoso Ltd' } });
  });

  it('lets an API-only caller run only the actions that allow it', async () => {
    const api = actor({ apiOnly: true });
    const r = await runAction(
      { ...renameNode, allowApiOnly: true },
      { db: t.db, actor: async () => api },
      { node: 'sys.hcs.acme.north.contoso', name: 'Contoso Ltd' },
    );
    expect(r).toEqual({ ok: true, data: { name: 'Contoso Ltd' } });
  });

  it('keeps what a refusing body wrote when it refuses with ctx.refuse, and rolls back on a thrown ActionError', async () => {
    // A failed attempt must be counted even though the action refuses: ctx.refuse commits.
    const counting = (how: 'refuse' | 'throw'): typeof renameNode => ({
      ...renameNode,
      run: async ({ tx, input, refuse }) => {
        await tx.update(nodes).set({ name: input.name }).where(eq(nodes.path, input.node));
        if (how === 'refuse') return refuse({ formError: 'Refused after the write', code: 'counted' });
        throw new ActionError('Refused and undone');
      },
    });
    const kept = await runAction(
      counting('refuse'),
      { db: t.db, actor: async () => actor() },
      form({ node: 'sys.hcs.acme.north.contoso', name: 'Counted' }),
    );
    expect(kept).toEqual({ ok: false, formError: 'Refused after the write', code: 'counted' });
    expect(await nodeName('sys.hcs.acme.north.contoso')).toBe('Counted');
    const undone = await runAction(
      counting('throw'),
      { db: t.db, actor: async () => actor() },
      form({ node: 'sys.hcs.acme.north.contoso', name: 'Undone' }),
    );
    expect(undone).toEqual({ ok: false, formError: 'Refused and undone' });
    expect(await nodeName('sys.hcs.acme.north.contoso')).toBe('Counted');
    await t.db.update(nodes).set({ name: 'Contoso Ltd' }).where(eq(nodes.path, 'sys.hcs.acme.north.contoso'));
  });

  it('refuses a role without the permission', async () => {
    const r = await runAction(
      renameNode,
      { db: t.db, actor: async () => actor({ role: 'unit_manager' }) },
      form({ node: 'sys.hcs.acme.north.contoso', name: 'X' }),
    );
    expect(r).toEqual({ ok: false, formError: 'Your role does not allow this.' });
  });

  it('refuses a target outside the actor’s subtree, including a sibling sharing a prefix', async () => {
    const before = await auditCount();
    for (const node of ['sys.hcs.globex', 'sys.hcs.acme', 'sys.hcs.acme.north.contoso2']) {
      const r = await runAction(renameNode, { db: t.db, actor: async () => actor() }, form({ node, name: 'Hijacked' }));
      expect(r.ok).toBe(false);
      if (!r.ok) expect(r.formError).toContain('only on sys.hcs.acme.north.contoso');
    }
    expect(await nodeName('sys.hcs.globex')).toBe('Globex');
    expect(await auditCount()).toBe(before);
  });

  it('maps invalid input to field errors and writes nothing', async () => {
    const r = await runAction(renameNode, { db: t.db, actor: async () => actor() }, form({ node: 'sys.hcs.acme.north.contoso', name: '   ' }));
    expect(r).toEqual({ ok: false, formError: 'Some fields need attention.', fieldErrors: { name: ['Enter a name'] } });
  });

  it('rolls back the change and its audit record when the body fails', async () => {
    const before = await auditCount();
    const r = await runAction(renameNode, { db: t.db, actor: async () => actor() }, form({ node: 'sys.hcs.acme.north.contoso', name: 'explode' }));
    expect(r).toEqual({ ok: false, formError: 'The change could not be saved; nothing was changed. Try again.' });
    expect(await nodeName('sys.hcs.acme.north.contoso')).toBe('Contoso Ltd');
    expect(await auditCount()).toBe(before);
  });
});
