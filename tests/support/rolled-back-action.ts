import type { ActionResult } from '@/lib/actions/result';
import { type ActionActor, type ActionDefinition, runAction } from '@/lib/actions/run';
import type { Db, Tx } from '@/lib/db/connect';
import { databaseSnapshot } from './database-snapshot';

class Rollback extends Error {}

/** Refusals that commit a failed-attempt count by design (a wrong current password, a lock). */
export const COUNTED_REFUSALS = ['wrong-current-password', 'session-ended'];

/**
 * Runs an action exactly as a POST would (the wrapper, its own transaction as a savepoint) inside a
 * transaction that is rolled back afterwards, so every case starts from the same data. Says whether
 * the database was left exactly as it was.
 */
export async function runRolledBack(
  db: Db,
  // biome-ignore lint/suspicious/noExplicitAny: any action, whatever its input and result
  action: ActionDefinition<any, any>,
  actor: ActionActor,
  formData: FormData,
  prepare?: (tx: Tx) => Promise<void>,
): Promise<{ result: ActionResult<unknown>; unchanged: boolean }> {
  let result: ActionResult<unknown> | undefined;
  let unchanged = false;
  try {
    await db.transaction(async (tx) => {
      await prepare?.(tx);
      const before = await databaseSnapshot(tx);
      result = await runAction(action as ActionDefinition<never, unknown>, { db: tx as unknown as Db, actor: async () => actor }, formData);
      unchanged = (await databaseSnapshot(tx)) === before;
      throw new Rollback();
    });
  } catch (err) {
    if (!(err instanceof Rollback)) throw err;
  }
  return { result: result!, unchanged };
}

/** A refusal must leave the database as it was, unless it counts a failed attempt. */
export const wroteOnRefusal = (r: { result: ActionResult<unknown>; unchanged: boolean }) =>
  !r.result.ok && !r.unchanged && !COUNTED_REFUSALS.includes(r.result.code ?? '');
