import 'server-only';
import type { z } from 'zod';
import { db } from '@/lib/db';
import { currentActor } from '@/lib/auth/request';
import { runAction, type ActionDefinition } from './run';
import type { ActionResult } from './result';

export { ActionError, type ActionResult } from './result';

/** Binds an action definition to the request's session and database, for use as a server action. */
export function defineAction<S extends z.ZodType, R>(def: ActionDefinition<S, R>) {
  return async (_prev: unknown, formData: FormData): Promise<ActionResult<R>> =>
    runAction(def, { db: db(), actor: currentActor }, formData);
}
