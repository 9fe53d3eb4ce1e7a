import 'server-only';
import type { z } from 'zod';
import { currentActor } from '@/lib/auth/request';
import { clearSessionCookie, setSessionCookie } from '@/lib/auth/session-cookie';
import { db } from '@/lib/db';
import type { ActionResult } from './result';
import { type ActionDefinition, runAction } from './run';

/**
 * A command that rotates the session (a sign-in stage completed, a password changed) returns the new
 * id under this key: the wrapper puts it in the httpOnly cookie and never in the result the browser sees.
 */
export type RotatesSession = { rotatedSessionId?: string | null };

/** Binds an action definition to the request's session and database, for use as a server action. */
export function defineAction<S extends z.ZodType, R>(def: ActionDefinition<S, R>) {
  return async (_prev: unknown, formData: FormData): Promise<ActionResult<R>> => {
    const result = await runAction(def, { db: db(), actor: currentActor }, formData);
    if (!result.ok) {
      if (result.code === 'session-ended') await clearSessionCookie();
      return result;
    }
    const data = result.data as (R & RotatesSession) | undefined;
    if (data && typeof data === 'object' && 'rotatedSessionId' in data) {
      const { rotatedSessionId, ...rest } = data;
      if (rotatedSessionId) await setSessionCookie(rotatedSessionId);
      return { ok: true, data: rest } as unknown as ActionResult<R>;
    }
    return result;
  };
}
