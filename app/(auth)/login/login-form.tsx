'use client';

import { zodResolver } from '@hookform/resolvers/zod';
import { signIn } from 'next-auth/react';
import { useState } from 'react';
import { useForm } from 'react-hook-form';
import { Notice, WideSubmit } from '@/components/ui';
import { type SignInInput, signInSchema } from '@/lib/auth/forms';
import { signInMessage } from '@/lib/auth/messages';
import { safeNextPath } from '@/lib/auth/next-path';

export function LoginForm({ next }: { next: string }) {
  const [error, setError] = useState<string | null>(null);
  const { register, handleSubmit, formState } = useForm<SignInInput>({ resolver: zodResolver(signInSchema) });

  const onSubmit = handleSubmit(async (values) => {
    setError(null);
    const res = await signIn('credentials', { ...values, redirect: false });
    if (res?.ok && !res.error) {
      // Checked again here: the page passed it, but nothing reaches location.assign unchecked.
      window.location.assign(safeNextPath(next));
      return;
    }
    const [code, seconds] = (res?.error ?? 'invalid').split(':');
    setError(signInMessage(code, seconds ? Number(seconds) : undefined));
  });

  return (
    <form onSubmit={onSubmit} noValidate className="mt-6 space-y-4">
      <div>
        <label htmlFor="username" className="block text-sm font-medium">
          Username
        </label>
        <input
          id="username"
          autoComplete="username"
          // biome-ignore lint/a11y/noAutofocus: the sign-in page exists for this one field
          autoFocus
          {...register('username')}
          aria-invalid={!!formState.errors.username}
          className="mt-1 w-full rounded-md border border-slate-300 px-3 py-2"
        />
        {formState.errors.username && <p className="mt-1 text-sm text-red-700">{formState.errors.username.message}</p>}
      </div>
      <div>
        <label htmlFor="password" className="block text-sm font-medium">
          Password
        </label>
        <input
          id="password"
          type="password"
          autoComplete="current-password"
          {...register('password')}
          aria-invalid={!!formState.errors.password}
          className="mt-1 w-full rounded-md border border-slate-300 px-3 py-2"
        />
        {formState.errors.password && <p className="mt-1 text-sm text-red-700">{formState.errors.password.message}</p>}
      </div>
      {error && <Notice tone="error">{error}</Notice>}
      <WideSubmit pending={formState.isSubmitting} idle="Sign in" busy="Signing in…" />
    </form>
  );
}
