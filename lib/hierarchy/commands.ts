import { count, eq } from 'drizzle-orm';
import { ActionError } from '@/lib/actions/result';
import { nodeCommand } from '@/lib/actions/run';
import type { Tx } from '@/lib/db';
import { accounts, credentialPolicies, nodeDefaultPolicies, nodes } from '@/lib/db/schema';
import { addNodeFormSchema, deleteNodeFormSchema, renameNodeFormSchema } from './forms';
import { childrenOf, getNodeByPath } from './queries';
import { childTypes, type HierarchyNodeType, isValidPath, nodeKeyFromName } from './rules';

/*
 * Commands of Users › Setup › Hierarchy. Managers act at their node and below, the System operator
 * everywhere (the wrapper's scope check on the `node` field). The database keeps every path its
 * parent's path plus one key (a trigger), so these commands cannot leave the tree inconsistent.
 */

async function lockedNode(tx: Tx, path: string) {
  const [row] = await tx
    .select({ id: nodes.id, path: nodes.path, name: nodes.name, type: nodes.type, parentId: nodes.parentId })
    .from(nodes)
    .where(eq(nodes.path, path))
    .for('update');
  if (!row) throw new ActionError(`There is no node ${path}.`);
  return row;
}

export const addNode = nodeCommand({
  name: 'addNode',
  permission: 'security:write',
  schema: addNodeFormSchema,
  run: async ({ tx, input, audit }, parentRef) => {
    const parent = await lockedNode(tx, parentRef.path);
    const allowed = childTypes({ path: parent.path, type: parent.type as HierarchyNodeType });
    if (!allowed.includes(input.type)) {
      const message = allowed.length ? `Under ${parent.path} you can add: ${allowed.join(', ')}.` : `Nothing can be added under ${parent.path}.`;
      throw new ActionError(message, { type: [message] });
    }
    const key = nodeKeyFromName(input.name);
    if (!key) throw new ActionError('The name needs at least one letter or digit.', { name: ['Use at least one letter or digit'] });
    const path = `${parent.path}.${key}`;
    if (!isValidPath(path)) throw new ActionError('The path would be too long.', { name: ['Use a shorter name'] });
    if (await getNodeByPath(tx, path)) throw new ActionError(`${path} already exists.`, { name: [`${path} already exists`] });
    const [created] = await tx.insert(nodes).values({ path, parentId: parent.id, type: input.type, name: input.name }).returning({ id: nodes.id });
    await audit({
      action: 'node.create',
      nodePath: path,
      targetType: 'node',
      targetId: path,
      before: null,
      after: { name: input.name, type: input.type },
    });
    return { path, id: created?.id };
  },
});

export const renameNode = nodeCommand({
  name: 'renameNode',
  permission: 'security:write',
  schema: renameNodeFormSchema,
  run: async ({ tx, actor, input, audit }, ref) => {
    const node = await lockedNode(tx, ref.path);
    if (node.type === 'system' && actor.role !== 'system_operator') throw new ActionError('Only the System operator renames system nodes.');
    // The path keeps its key: scripts, policies and audit entries name nodes by path.
    await tx.update(nodes).set({ name: input.name }).where(eq(nodes.id, node.id));
    await audit({
      action: 'node.rename',
      nodePath: node.path,
      targetType: 'node',
      targetId: node.path,
      before: { name: node.name },
      after: { name: input.name },
    });
    return { path: node.path, name: input.name };
  },
});

const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;

export const deleteNode = nodeCommand({
  name: 'deleteNode',
  permission: 'security:write',
  schema: deleteNodeFormSchema,
  run: async ({ tx, actor, audit }, ref) => {
    const node = await lockedNode(tx, ref.path);
    if (node.path === actor.nodePath) throw new ActionError('You cannot delete the node your own account belongs to.');
    if (node.type === 'system') throw new ActionError('System nodes cannot be deleted.');
    const [[children], [members]] = await Promise.all([
      tx.select({ n: count() }).from(nodes).where(eq(nodes.parentId, node.id)),
      tx.select({ n: count() }).from(accounts).where(eq(accounts.nodeId, node.id)),
    ]);
    const held = [
      children?.n ? plural(children.n, 'node below it', 'nodes below it') : null,
      members?.n ? plural(members.n, 'account', 'accounts') : null,
    ].filter(Boolean);
    if (held.length > 0) throw new ActionError(`${node.path} holds ${held.join(' and ')}; move or delete them first.`);
    // Policies defined here are visible only here and below, so with no accounts and no children nobody
    // uses them; settings, the default and agreements go with the node (ON DELETE CASCADE).
    await tx.delete(nodeDefaultPolicies).where(eq(nodeDefaultPolicies.nodeId, node.id));
    const policies = await tx.delete(credentialPolicies).where(eq(credentialPolicies.nodeId, node.id)).returning({ name: credentialPolicies.name });
    await tx.delete(nodes).where(eq(nodes.id, node.id));
    await audit({
      action: 'node.delete',
      nodePath: node.path,
      targetType: 'node',
      targetId: node.path,
      before: { name: node.name, type: node.type, policies: policies.map((p) => p.name) },
      after: null,
    });
    return { path: node.path };
  },
});

/** Expanding a node of the tree: a read, scope-checked like every action (the path is attacker-controlled). */
export const listNodeChildren = nodeCommand({
  name: 'listNodeChildren',
  permission: 'security:read',
  schema: deleteNodeFormSchema,
  run: async ({ tx }, ref) => childrenOf(tx, ref.path),
});
