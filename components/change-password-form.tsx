'use client';

import { zodResolver } from '@hookform/resolvers/zod';
import { useState, useTransition } from 'react';
import { useForm } from 'react-hook-form';
import type { ActionResult } from '@/lib/actions/result';
import { type ChangePasswordInput, changePasswordSchema } from '@/lib/auth/forms';
import type { PolicyValues } from '@/lib/policy/fields';
import { PasswordChecklist } from './password-checklist';
import { Notice } from './ui';

const fieldClass = 'mt-1 w-full rounded-md border border-slate-300 px-3 py-2';

/**
 * The change-password form of /login/change-password and /account; the page passes its own action.
 * With `continueTo`, a successful change goes on there (the sign-in continues); a refusal that ended
 * the session (the account got locked) goes back to the sign-in page.
 */
export function ChangePasswordForm(props: {
  action: (prev: unknown, data: FormData) => Promise<ActionResult<unknown>>;
  policy: PolicyValues;
  firstName: string;
  lastName: string;
  submitLabel?: string;
  continueTo?: string;
}) {
  const [result, setResult] = useState<ActionResult<unknown> | null>(null);
  const [pending, startTransition] = useTransition();
  const { register, handleSubmit, watch, setError, reset, formState } = useForm<ChangePasswordInput>({ resolver: zodResolver(changePasswordSchema) });
  const newPassword = watch('newPassword') ?? '';
  const currentPassword = watch('currentPassword') ?? '';

  const onSubmit = handleSubmit((values) => {
    const data = new FormData();
    for (const [k, v] of Object.entries(values)) data.set(k, v);
    startTransition(async () => {
      const r = await props.action(null, data);
      setResult(r);
      if (r.ok) {
        if (props.continueTo) window.location.assign(props.continueTo);
        else reset();
        return;
      }
      if (r.code === 'session-ended') window.location.assign('/login?reason=locked');
      for (const [name, messages] of Object.entries(r.fieldErrors ?? {})) {
        setError(name as keyof ChangePasswordInput, { message: messages.join(' ') });
      }
    });
  });

  const field = (name: keyof ChangePasswordInput, label: string, autoComplete: string, after?: React.ReactNode) => (
    <div>
      <label htmlFor={name} className="block text-sm font-medium">
        {label}
      </label>
      <input
        id={name}
        type="password"
        autoComplete={autoComplete}
        className={fieldClass}
        aria-invalid={!!formState.errors[name]}
        aria-describedby={formState.errors[name] ? `${name}-error` : undefined}
        {...register(name)}
      />
      {formState.errors[name] && (
        <p id={`${name}-error`} className="mt-1 text-sm text-red-700">
          {formState.errors[name]?.message}
        </p>
      )}
      {after}
    </div>
  );

  return (
    <form onSubmit={onSubmit} noValidate className="space-y-4">
      {field('currentPassword', 'Current password', 'current-password')}
      {field(
        'newPassword',
        'New password',
        'new-password',
        <PasswordChecklist
          password={newPassword}
          policy={props.policy}
          firstName={props.firstName}
          lastName={props.lastName}
          oldPassword={currentPassword || undefined}
        />,
      )}
      {field('confirmNewPassword', 'Confirm new password', 'new-password')}
      {result && !result.ok && result.formError && <Notice tone="error">{result.formError}</Notice>}
      {result?.ok && !props.continueTo && <Notice tone="success">Your password was changed. Your other sessions were signed out.</Notice>}
      <button
        type="submit"
        disabled={pending}
        className="rounded-md bg-blue-700 px-4 py-2 font-medium text-white hover:bg-blue-800 disabled:opacity-60"
      >
        {pending ? 'Saving…' : (props.submitLabel ?? 'Change password')}
      </button>
    </form>
  );
}
