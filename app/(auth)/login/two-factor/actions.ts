'use server';

import { db } from '@/lib/db';
import { requestMeta, requireStage } from '@/lib/auth/request';
import { completeTwoFactor } from '@/lib/auth/two-factor';
import { twoFactorSchema } from '@/lib/auth/schemas';
import { clearSessionCookie, setSessionCookie } from '@/lib/auth/session-cookie';

export type TwoFactorState = { ok: boolean; error?: string; redirectTo?: string } | null;

export async function verifyTwoFactorAction(_prev: TwoFactorState, data: FormData): Promise<TwoFactorState> {
  const actor = await requireStage(['totp', 'totp_enrol']);
  const parsed = twoFactorSchema.safeParse({ code: data.get('code') ?? '', enrolment: data.get('enrolment') ?? undefined });
  if (!parsed.success) return { ok: false, error: parsed.error.issues[0]?.message };
  // Only a session that is enrolling may carry a new secret.
  const enrolmentToken = actor.stage === 'totp_enrol' ? (parsed.data.enrolment ?? '') : undefined;
  const { ip, userAgent } = await requestMeta();
  const r = await completeTwoFactor(db(), { accountId: actor.accountId, sessionId: actor.sessionId, code: parsed.data.code, enrolmentToken, ip, userAgent });
  if (!r.ok) {
    if (r.ended) await clearSessionCookie();
    return { ok: false, error: r.error, redirectTo: r.ended ? '/login' : undefined };
  }
  await setSessionCookie(r.sessionId);
  return { ok: true, redirectTo: '/' };
}
