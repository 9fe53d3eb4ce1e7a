import 'server-only';
import { db } from '@/lib/db';
import { changeOwnPassword } from './change-password';
import { changePasswordSchema, type ChangePasswordState } from './schemas';
import { clearSessionCookie, setSessionCookie } from './session-cookie';
import type { Actor } from './request';

/**
 * The server half of the change-password form (at sign-in and on My account): parse, change in one
 * transaction, then rotate the cookie; a lock from wrong current passwords ends the session here.
 */
export async function changePasswordFromForm(actor: Actor, data: FormData, done: { redirectTo?: string }): Promise<ChangePasswordState> {
  const parsed = changePasswordSchema.safeParse(Object.fromEntries(data));
  if (!parsed.success) {
    return { ok: false, formError: 'Some fields need attention.', fieldErrors: Object.fromEntries(parsed.error.issues.map((i) => [String(i.path[0]), [i.message]])) };
  }
  const r = await db().transaction((tx) =>
    changeOwnPassword(tx, { accountId: actor.accountId, currentPassword: parsed.data.currentPassword, newPassword: parsed.data.newPassword, sessionId: actor.sessionId, ip: actor.ip, channel: 'console' }),
  );
  if (!r.ok) {
    if (r.locked) await clearSessionCookie();
    return { ok: false, formError: r.locked ? 'Your account is locked; your Manager can help.' : r.formError, fieldErrors: r.fieldErrors, redirectTo: r.locked ? '/login' : undefined };
  }
  if (r.sessionId) await setSessionCookie(r.sessionId);
  return { ok: true, ...done };
}
