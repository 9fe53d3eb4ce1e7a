'use server';

import { requireStage } from '@/lib/auth/request';
import { changePasswordFromForm } from '@/lib/auth/change-password-form';
import type { ChangePasswordState } from '@/lib/auth/schemas';

export async function changeExpiredPasswordAction(data: FormData): Promise<ChangePasswordState> {
  const actor = await requireStage(['change_password']);
  return changePasswordFromForm(actor, data, { redirectTo: '/' });
}
