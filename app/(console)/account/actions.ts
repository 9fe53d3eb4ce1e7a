'use server';

import { db } from '@/lib/db';
import { requestMeta, requireSession } from '@/lib/auth/request';
import { changeOwnPassword } from '@/lib/auth/change-password';
import { changePasswordSchema } from '@/lib/auth/schemas';
import { clearSessionCookie, setSessionCookie } from '@/lib/auth/session-cookie';
import type { ChangePasswordState } from '@/components/change-password-form';

/** A signed-in account changes its own password; its other sessions end and this one is rotated. */
export async function changeOwnPasswordAction(data: FormData): Promise<ChangePasswordState> {
  const actor = await requireSession();
  const parsed = changePasswordSchema.safeParse(Object.fromEntries(data));
  if (!parsed.success) return { ok: false, formError: 'Some fields need attention.', fieldErrors: Object.fromEntries(parsed.error.issues.map((i) => [String(i.path[0]), [i.message]])) };
  const { ip } = await requestMeta();
  const r = await db().transaction((tx) =>
    changeOwnPassword(tx, { accountId: actor.accountId, currentPassword: parsed.data.currentPassword, newPassword: parsed.data.newPassword, sessionId: actor.sessionId, ip, channel: 'console' }),
  );
  if (!r.ok) {
    if (r.locked) await clearSessionCookie();
    return { ok: false, formError: r.locked ? 'Your account is locked; your Manager can help.' : r.formError, fieldErrors: r.fieldErrors, redirectTo: r.locked ? '/login' : undefined };
  }
  if (r.sessionId) await setSessionCookie(r.sessionId);
  return { ok: true };
}
