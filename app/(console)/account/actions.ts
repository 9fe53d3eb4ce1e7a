'use server';

import { requireSession } from '@/lib/auth/request';
import { changePasswordFromForm } from '@/lib/auth/change-password-form';
import type { ChangePasswordState } from '@/lib/auth/schemas';

/** A signed-in account changes its own password; its other sessions end and this one is rotated. */
export async function changeOwnPasswordAction(data: FormData): Promise<ChangePasswordState> {
  const actor = await requireSession();
  return changePasswordFromForm(actor, data, {});
}
