import { z } from 'zod';
import { runAction } from '@/lib/actions/run';
import { authenticateApi } from '@/lib/auth/api-auth';
import { apiJson, unauthorized } from '@/lib/auth/api-responses';
import { PASSWORD_MAX_LENGTH } from '@/lib/auth/forms';
import { changeOwnPasswordDef } from '@/lib/auth/stage-commands';
import { db } from '@/lib/db';

export const dynamic = 'force-dynamic';

const bodySchema = z.object({ currentPassword: z.string().min(1).max(PASSWORD_MAX_LENGTH), newPassword: z.string().min(1).max(PASSWORD_MAX_LENGTH) });
const BAD_BODY = 'The body must be JSON: {"currentPassword","newPassword"}';

/**
 * Changes the caller's own password under its policy (SPEC §6, §9); allowed while it is expired. The
 * change runs through the action wrapper as the same command the console's forms use.
 */
export async function POST(request: Request) {
  const auth = await authenticateApi({ allowPasswordChange: true });
  if (!auth.ok) return auth.response;
  const body = bodySchema.safeParse(await request.json().catch(() => null));
  if (!body.success) return apiJson(400, { error: BAD_BODY });
  const input = { ...body.data, confirmNewPassword: body.data.newPassword };
  const r = await runAction(changeOwnPasswordDef, { db: db(), actor: async () => auth.actor }, input);
  if (r.ok) return apiJson(200, { status: 'changed' });
  switch (r.code) {
    case 'session-ended':
      return unauthorized();
    case 'policy':
      return apiJson(400, { error: 'The new password does not meet the policy', failedRules: r.failedRules ?? [] });
    case 'wrong-current-password':
      return apiJson(400, { error: 'The current password is not right' });
    default:
      return apiJson(400, { error: r.formError ?? 'The password could not be changed' });
  }
}
