import { eq } from 'drizzle-orm';
import type { z } from 'zod';
import { type AuditEntry, writeAudit } from '@/lib/audit/log';
import { can, type Permission } from '@/lib/auth/permissions';
import type { Db, Tx } from '@/lib/db/connect';
import type { SessionStage } from '@/lib/db/schema';
import { accounts, nodes } from '@/lib/db/schema';
import { nodeIdOf } from '@/lib/hierarchy/queries';
import { isInSubtree } from '@/lib/hierarchy/rules';
import type { LiveSession } from '@/lib/sessions/queries';
import { ActionError, type ActionFailure, ActionRefusal, type ActionResult } from './result';

const STANDING_CHANGED = 'Your role or place in the hierarchy changed since this page was opened. Reload it and try again.';

/** Who acts: a console session (with its id, so a command can rotate it) or an API-only caller. */
export type ActionActor = Pick<LiveSession, 'accountId' | 'username' | 'role' | 'nodePath' | 'stage' | 'apiOnly' | 'isPrimaryContact'> & {
  ip: string;
  userAgent?: string;
  sessionId?: string;
};

export interface ActionContext<I> {
  tx: Tx;
  actor: ActionActor;
  input: I;
  /** Records an audit entry in the action's transaction. */
  audit(entry: Omit<AuditEntry, 'actorAccountId' | 'actorUsername' | 'ip'>): Promise<void>;
  /** A refusal that commits what the command wrote so far (see ActionRefusal). */
  refuse(failure: Omit<ActionFailure, 'ok'>): never;
}

export interface ActionDefinition<S extends z.ZodType, R> {
  name: string;
  permission: Permission;
  schema: S;
  /** The node the action acts on, read from the parsed input (attacker-controlled: it is checked). */
  targetNode: (input: z.infer<S>, tx: Tx, actor: ActionActor) => Promise<string | null> | string | null;
  run: (ctx: ActionContext<z.infer<S>>) => Promise<R>;
  /** The session stages the action runs at (default: only a completed sign-in). */
  stages?: readonly SessionStage[];
  /** API-only accounts may run it (through /api/v1); console actions refuse them by default. */
  allowApiOnly?: boolean;
}

interface ActionDeps {
  db: Db;
  actor: () => Promise<ActionActor | null>;
}

function fieldErrorsOf(error: z.ZodError): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const issue of error.issues) {
    const key = issue.path.join('.') || '_';
    out[key] = [...(out[key] ?? []), issue.message];
  }
  return out;
}

/** Turns FormData into a plain object; repeated names become arrays. */
function formDataToObject(data: FormData | Record<string, unknown>): Record<string, unknown> {
  if (!(data instanceof FormData)) return data;
  const out: Record<string, unknown> = {};
  for (const [k, v] of data.entries()) {
    if (k.startsWith('$ACTION')) continue;
    const value = typeof v === 'string' ? v : v.name;
    if (k in out) out[k] = ([] as unknown[]).concat(out[k], value);
    else out[k] = value;
  }
  return out;
}

/**
 * The action wrapper (STYLE habit 2): session → permission → input → scope → transaction with audit.
 * Every refusal becomes the one result shape. A thrown ActionError (or any error) rolls the whole
 * transaction back; `ctx.refuse(…)` refuses after committing, for failed-attempt counters.
 */
export async function runAction<S extends z.ZodType, R>(
  def: ActionDefinition<S, R>,
  deps: ActionDeps,
  raw: FormData | Record<string, unknown>,
): Promise<ActionResult<R>> {
  const actor = await deps.actor();
  const stages = def.stages ?? ['active'];
  if (!actor || (actor.apiOnly && !def.allowApiOnly))
    return { ok: false, formError: 'Your session has ended. Sign in again.', code: 'session-ended' };
  if (!stages.includes(actor.stage)) return { ok: false, formError: 'Finish signing in first.', code: 'wrong-stage' };
  if (!can(actor.role, def.permission)) return { ok: false, formError: 'Your role does not allow this.' };
  const fields = formDataToObject(raw);
  // PostgreSQL text cannot hold NUL: refused here as a field error rather than failing the statement.
  const withNul = Object.entries(fields).filter(([, v]) => [v].flat().some((s) => typeof s === 'string' && s.includes('\u0000')));
  if (withNul.length) {
    const fieldErrors = Object.fromEntries(withNul.map(([k]) => [k, ['Contains a character that is not allowed']]));
    return { ok: false, formError: 'Some fields need attention.', fieldErrors };
  }
  const parsed = def.schema.safeParse(fields);
  if (!parsed.success) return { ok: false, formError: 'Some fields need attention.', fieldErrors: fieldErrorsOf(parsed.error) };
  let refusal: ActionRefusal | null = null;
  const refuse = (failure: Omit<ActionFailure, 'ok'>): never => {
    throw new ActionRefusal(failure);
  };
  try {
    const data = await deps.db.transaction(async (tx) => {
      // Role, node and Primary Contact flag are read again in the action's transaction: the session
      // check read them earlier, and a change in between (a role lowered, the Primary Contact moved to
      // someone else) must not let a request already under way act with the old ones.
      const [standing] = await tx
        .select({ role: accounts.role, isPrimaryContact: accounts.isPrimaryContact, nodePath: nodes.path })
        .from(accounts)
        .innerJoin(nodes, eq(nodes.id, accounts.nodeId))
        .where(eq(accounts.id, actor.accountId));
      if (!standing || standing.role !== actor.role || standing.nodePath !== actor.nodePath) throw new ActionError(STANDING_CHANGED);
      const now: ActionActor = { ...actor, isPrimaryContact: standing.isPrimaryContact };
      const target = await def.targetNode(parsed.data, tx, now);
      if (target == null || !isInSubtree(target, now.nodePath)) {
        throw new ActionError(`You can act only on ${now.nodePath} and the nodes below it.`);
      }
      try {
        return await def.run({
          tx,
          actor: now,
          input: parsed.data,
          audit: (e) => writeAudit(tx, { ...e, actorAccountId: now.accountId, actorUsername: now.username, ip: now.ip }),
          refuse,
        });
      } catch (err) {
        // A refusal leaves the transaction to commit what was written before it.
        if (!(err instanceof ActionRefusal)) throw err;
        refusal = err;
        return undefined as R;
      }
    });
    if (refusal) return { ok: false, ...(refusal as ActionRefusal).failure };
    return { ok: true, data } as ActionResult<R>;
  } catch (err) {
    if (err instanceof ActionError) return { ok: false, formError: err.message, fieldErrors: err.fieldErrors };
    console.error(`action ${def.name} failed`, err);
    return { ok: false, formError: 'The change could not be saved; nothing was changed. Try again.' };
  }
}

/** The node a node command acts on, resolved in its transaction. */
export interface TargetNode {
  path: string;
  id: number;
}

/**
 * A command on the node named by the form's `node` field (attacker-controlled): the wrapper checks the
 * scope, then the body receives the node resolved (an unknown path refuses with a clear message).
 */
export function nodeCommand<S extends z.ZodType<{ node: string }>, R>(
  d: Omit<ActionDefinition<S, R>, 'targetNode' | 'run'> & { run: (ctx: ActionContext<z.infer<S>>, node: TargetNode) => Promise<R> },
): ActionDefinition<S, R> {
  const path = (input: { node: string }) => input.node.trim().toLowerCase();
  return {
    ...d,
    targetNode: (input) => path(input),
    run: async (ctx) => {
      const p = path(ctx.input);
      return d.run(ctx, { path: p, id: await nodeIdOf(ctx.tx, p) });
    },
  };
}
