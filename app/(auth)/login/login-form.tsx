'use client';

import { useState } from 'react';
import { Notice, WideSubmit } from '@/components/ui';
import { signInMessage } from '@/lib/auth/messages';
import { safeNextPath } from '@/lib/auth/next-path';
import { USERNAME_MAX } from '@/lib/users/fields';

type Values = { username: string; password: string };
type Errors = Partial<Record<keyof Values, string>>;

// The two checks of lib/auth/forms.ts signInSchema, by hand: zod and react-hook-form would add ~55 KB
// to the first page everyone loads. The server checks everything again (lib/auth/next-auth.ts).
function check(v: Values): Errors {
  const e: Errors = {};
  if (!v.username.trim()) e.username = 'Enter your username';
  else if (v.username.trim().length > USERNAME_MAX) e.username = `Usernames have at most ${USERNAME_MAX} characters`;
  if (!v.password) e.password = 'Enter your password';
  return e;
}

/** The callback's answer names an error in its redirect URL, as next-auth's own client reads it. */
async function postCredentials(v: Values, csrfToken: string): Promise<{ ok: boolean; error: string | null; csrf: boolean }> {
  const body = new URLSearchParams({ username: v.username.trim(), password: v.password, csrfToken, callbackUrl: window.location.href, json: 'true' });
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
  const [errors, setErrors] = useState<Errors>({});
  const [pending, setPending] = useState(false);

  async function onSubmit(event: React.FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const values = { username: String(form.get('username') ?? ''), password: String(form.get('password') ?? '') };
    const found = check(values);
    setErrors(found);
    setError(null);
    if (Object.keys(found).length) return;
    setPending(true);
    try {
      let res = csrfToken ? await postCredentials(values, csrfToken) : null;
      if (!res || res.csrf) {
        const fresh = (await (await fetch('/api/auth/csrf')).json()) as { csrfToken: string };
        res = await postCredentials(values, fresh.csrfToken);
      }
      if (res.ok && !res.error && !res.csrf) {
        // Checked again here: the page passed it, but nothing reaches location.assign unchecked.
        window.location.assign(safeNextPath(next));
        return;
      }
      const [code, seconds] = (res.error ?? 'invalid').split(':');
      setError(signInMessage(code, seconds ? Number(seconds) : undefined));
      setPending(false);
    } catch {
      setError(signInMessage('invalid'));
      setPending(false);
    }
  }

  return (
    <form onSubmit={onSubmit} noValidate className="mt-6 space-y-4">
      <input type="hidden" name="csrfToken" value={csrfToken} />
      <div>
        <label htmlFor="username" className="block text-sm font-medium">
          Username
        </label>
        <input
          id="username"
          name="username"
          autoComplete="username"
          // biome-ignore lint/a11y/noAutofocus: the sign-in page exists for this one field
          autoFocus
          aria-invalid={!!errors.username}
          className="mt-1 w-full rounded-md border border-slate-300 px-3 py-2"
        />
        {errors.username && <p className="mt-1 text-sm text-red-700">{errors.username}</p>}
      </div>
      <div>
        <label htmlFor="password" className="block text-sm font-medium">
          Password
        </label>
        <input
          id="password"
          name="password"
          type="password"
          autoComplete="current-password"
          aria-invalid={!!errors.password}
          className="mt-1 w-full rounded-md border border-slate-300 px-3 py-2"
        />
        {errors.password && <p className="mt-1 text-sm text-red-700">{errors.password}</p>}
      </div>
      {error && <Notice tone="error">{error}</Notice>}
      <WideSubmit pending={pending} idle="Sign in" busy="Signing in…" />
    </form>
  );
}
