import { z } from 'zod';
import { db } from '@/lib/db';
import { authenticateApi } from '@/lib/auth/api-auth';
import { changeOwnPassword } from '@/lib/auth/change-password';
import { requestMeta } from '@/lib/auth/request';

export const dynamic = 'force-dynamic';

const bodySchema = z.object({ currentPassword: z.string().min(1).max(1024), newPassword: z.string().min(1).max(1024) });

/** Changes the caller's own password under its policy (SPEC §6, §9); allowed while it is expired. */
export async function POST(request: Request) {
  const auth = await authenticateApi({ allowPasswordChange: true });
  if (!auth.ok) return auth.response;
  let body: unknown;
  try {
    body = await request.json();
  } catch {
    return Response.json({ error: 'The body must be JSON: {"currentPassword","newPassword"}' }, { status: 400 });
  }
  const parsed = bodySchema.safeParse(body);
  if (!parsed.success) return Response.json({ error: 'The body must be JSON: {"currentPassword","newPassword"}' }, { status: 400 });
  const { ip } = await requestMeta();
  const r = await db().transaction((tx) => changeOwnPassword(tx, { accountId: auth.accountId, ...parsed.data, ip, channel: 'api' }));
  if (r.ok) return Response.json({ status: 'changed' });
  if (r.locked) return Response.json({ error: 'Authentication required' }, { status: 401 });
  if (r.failed?.length) {
    return Response.json({ error: 'The new password does not meet the policy', failedRules: r.failed.map((f) => ({ rule: f.rule, message: f.message })) }, { status: 400 });
  }
  if (r.fieldErrors?.currentPassword) return Response.json({ error: 'The current password is not right' }, { status: 400 });
  return Response.json({ error: r.formError ?? 'The password could not be changed' }, { status: 400 });
}
