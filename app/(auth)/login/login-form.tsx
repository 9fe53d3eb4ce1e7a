'use client';

import { zodResolver } from '@hookform/resolvers/zod';
import { useState } from 'react';
import { useForm } from 'react-hook-form';
import { Notice, WideSubmit } from '@/components/ui';
import { type SignInInput, signInSchema } from '@/lib/auth/forms';
import { signInMessage } from '@/lib/auth/messages';

/** The callback's answer names an error in its redirect URL, as next-auth's own client reads it. */
async function postCredentials(values: SignInInput, csrfToken: string): Promise<{ ok: boolean; error: string | null; csrf: boolean }> {
  const body = new URLSearchParams({ ...values, csrfToken, callbackUrl: window.location.href, json: 'true' });
  const res = await fetch('/api/auth/callback/credentials', { method: 'POST', body });
  const data = (await res.json().catch(() => ({}))) as { url?: string };
  const url = new URL(data.url ?? '/?error=invalid', window.location.href);
  return { ok: res.ok, error: url.searchParams.get('error'), csrf: url.searchParams.get('csrf') === 'true' };
}

/**
 * One POST per sign-in: the page was served with next-auth's CSRF token (proxy.ts). Only when that
 * token no longer matches its cookie (expired, or the secret changed) is a fresh one fetched.
 */
export function LoginForm({ next, csrfToken }: { next: string; csrfToken: string }) {
  const [error, setError] = useState<string | null>(null);
  const { register, handleSubmit, formState } = useForm<SignInInput>({ resolver: zodResolver(signInSchema) });

  const onSubmit = handleSubmit(async (values) => {
    setError(null);
    let res = csrfToken ? await postCredentials(values, csrfToken) : null;
    if (!res || res.csrf) {
      const fresh = (await (await fetch('/api/auth/csrf')).json()) as { csrfToken: string };
      res = await postCredentials(values, fresh.csrfToken);
    }
    if (res.ok && !res.error && !res.csrf) {
      window.location.assign(next);
      return;
    }
    const [code, seconds] = (res.error ?? 'invalid').split(':');
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
