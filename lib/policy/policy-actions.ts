import { ActionError } from '@/lib/actions/result';
import type { ActionDefinition } from '@/lib/actions/run';
import type { Tx } from '@/lib/db';
import { selfAndAncestors } from '@/lib/hierarchy/paths';
import { loadPolicy } from './catalog';
import { z } from 'zod';
import { accountNodePath, assignAccountPolicy, deletePolicy, overrideInheritedDefault, renamePolicy, savePolicy, setNodeDefault } from './mutations';
import { assignPolicySchema, credentialPolicySchema, defaultPolicySchema, deletePolicySchema, pickValues, renamePolicySchema } from './schema';
import { whatIfDefaultChange, whatIfPolicyEdit } from './what-if';

/**
 * The credential-policy server actions as plain definitions for the action wrapper, so that tests run
 * exactly what the pages run (app/…/actions.ts binds them with defineAction).
 */

// The node an existing policy is defined at, read from the database: a hidden "node" field is
// attacker-controlled and never decides the scope of an edit.
async function policyNode(tx: Tx, policyId: number): Promise<string | null> {
  return (await loadPolicy(tx, policyId))?.nodePath ?? null;
}

type Def<S extends import('zod').ZodType, R> = ActionDefinition<S, R>;

export const savePolicyDef = {
  name: 'savePolicy',
  permission: 'policy:write',
  schema: credentialPolicySchema,
  targetNode: (input, tx) => (input.mode === 'create' ? input.node : policyNode(tx, input.policyId)),
  run: ({ tx, input, audit }) => savePolicy(tx, input, audit),
} satisfies Def<typeof credentialPolicySchema, Awaited<ReturnType<typeof savePolicy>>>;

export const renamePolicyDef = {
  name: 'renamePolicy',
  permission: 'policy:write',
  schema: renamePolicySchema,
  targetNode: (input, tx) => policyNode(tx, input.policyId),
  run: ({ tx, input, audit }) => renamePolicy(tx, input, audit),
} satisfies Def<typeof renamePolicySchema, Awaited<ReturnType<typeof renamePolicy>>>;

export const deletePolicyDef = {
  name: 'deletePolicy',
  permission: 'policy:write',
  schema: deletePolicySchema,
  targetNode: (input, tx) => policyNode(tx, input.policyId),
  run: ({ tx, input, audit }) => deletePolicy(tx, input, audit),
} satisfies Def<typeof deletePolicySchema, Awaited<ReturnType<typeof deletePolicy>>>;

export const setDefaultPolicyDef = {
  name: 'setDefaultPolicy',
  permission: 'policy:write',
  schema: defaultPolicySchema,
  targetNode: (input) => input.node,
  run: ({ tx, input, audit }) => setNodeDefault(tx, input, audit),
} satisfies Def<typeof defaultPolicySchema, Awaited<ReturnType<typeof setNodeDefault>>>;

export const assignPolicyDef = {
  name: 'assignPolicy',
  permission: 'policy:write',
  schema: assignPolicySchema,
  // The account's node from the database; an unknown account gets the same refusal as one out of scope.
  targetNode: (input, tx) => accountNodePath(tx, input.username),
  run: ({ tx, input, audit }) => assignAccountPolicy(tx, input, audit),
} satisfies Def<typeof assignPolicySchema, Awaited<ReturnType<typeof assignAccountPolicy>>>;

/** What-if of an edit (read-only; readers may preview too). A new policy governs no one yet. */
export const previewPolicyDef = {
  name: 'previewPolicy',
  permission: 'policy:read',
  schema: credentialPolicySchema,
  targetNode: (input, tx) => (input.mode === 'create' ? input.node : policyNode(tx, input.policyId)),
  run: async ({ tx, input }) =>
    input.mode === 'create' ? { governed: 0, expired: 0, inactive: 0 } : whatIfPolicyEdit(tx, input.policyId, pickValues(input)),
} satisfies Def<typeof credentialPolicySchema, { governed: number; expired: number; inactive: number }>;

export const previewDefaultDef = {
  name: 'previewDefault',
  permission: 'policy:read',
  schema: defaultPolicySchema,
  targetNode: (input) => input.node,
  run: async ({ tx, input }) => {
    // Only policies visible at the node: another tenant's policy is not to be probed through counts.
    if (input.policyId !== '') {
      const p = await loadPolicy(tx, input.policyId);
      if (!p || !selfAndAncestors(input.node).includes(p.nodePath)) throw new ActionError(`Choose a policy defined at ${input.node} or above it.`);
    }
    return whatIfDefaultChange(tx, input.node, input.policyId);
  },
} satisfies Def<typeof defaultPolicySchema, Awaited<ReturnType<typeof whatIfDefaultChange>>>;

export const overrideDefaultPolicyDef = {
  name: 'overrideDefaultPolicy',
  permission: 'policy:write',
  schema: z.object({ node: z.string().min(1).max(255) }),
  targetNode: (input) => input.node,
  run: ({ tx, input, audit }) => overrideInheritedDefault(tx, input, audit),
} satisfies Def<z.ZodObject<{ node: z.ZodString }>, Awaited<ReturnType<typeof overrideInheritedDefault>>>;
