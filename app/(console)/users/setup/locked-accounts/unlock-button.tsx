'use client';

import { type FormAction, FormMessage, SubmitButton, useActionForm } from '@/components/action-form';
import { accountRefFormSchema } from '@/lib/users/forms';

/** "Unlock" in one row: the same server action as the account's Security tab, which checks everything. */
export function UnlockButton({ username, action, refusal }: { username: string; action: FormAction; refusal: string | null }) {
  const f = useActionForm(accountRefFormSchema, action, { username }, { warnUnsaved: false });
  return (
    <form ref={f.formRef} onSubmit={f.onSubmit} className="flex items-center gap-2">
      <input type="hidden" {...f.register('username')} />
      <SubmitButton pending={f.pending} disabled={refusal !== null}>
        Unlock<span className="sr-only"> {username}</span>
      </SubmitButton>
      {refusal && <span className="text-xs text-slate-500">{refusal}</span>}
      <FormMessage result={f.result} success="Unlocked." />
    </form>
  );
}
