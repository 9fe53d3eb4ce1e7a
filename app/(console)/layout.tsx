import Link from 'next/link';
import { Suspense } from 'react';
import { IdleWarning } from '@/components/idle-warning';
import { SignOutButton } from '@/components/sign-out-button';
import { can } from '@/lib/auth/permissions';
import { requireSession } from '@/lib/auth/request';
import { db } from '@/lib/db';
import { expiryBannerFor } from '@/lib/notices/queries';
import { roleLabel } from '@/lib/users/fields';

export default async function ConsoleLayout({ children }: { children: React.ReactNode }) {
  const actor = await requireSession();
  const expiry = await expiryBannerFor(db(), actor.accountId);
  const setup = [
    can(actor.role, 'security:read') && { href: '/users/setup/security', label: 'Security' },
    can(actor.role, 'policy:write') && { href: '/users/setup/credential-policies', label: 'Credential Policies' },
    can(actor.role, 'security:read') && { href: '/users/setup/password-never-expires', label: 'Password Never Expires' },
    can(actor.role, 'security:read') && { href: '/users/setup/simulate-sign-in', label: 'Simulate sign-in' },
    can(actor.role, 'locked:read') && { href: '/users/setup/locked-accounts', label: 'Locked accounts' },
    can(actor.role, 'logs:read') && { href: '/users/setup/audit-log', label: 'Audit log' },
    can(actor.role, 'logs:read') && { href: '/users/setup/sign-in-log', label: 'Sign-in log' },
    can(actor.role, 'logs:read') && { href: '/users/setup/outbox', label: 'Outbox' },
    can(actor.role, 'security:read') && { href: '/users/setup/hierarchy', label: 'Hierarchy' },
  ].filter(Boolean) as { href: string; label: string }[];
  const link = 'whitespace-nowrap text-slate-700 hover:text-blue-700';
  return (
    <div className="min-h-screen">
      <a
        href="#content"
        className="sr-only focus:not-sr-only focus:absolute focus:left-2 focus:top-2 focus:z-50 focus:rounded-md focus:bg-white focus:px-3 focus:py-2 focus:shadow"
      >
        Skip to content
      </a>
      <header className="border-b border-slate-200 bg-white">
        <div className="mx-auto flex max-w-6xl flex-wrap items-center justify-between gap-x-4 gap-y-2 px-4 pt-3 sm:px-6">
          <Link href="/" className="font-semibold text-blue-800">
            Security Console
          </Link>
          <div className="flex min-w-0 flex-wrap items-center gap-3 text-sm">
            <span className="min-w-0 break-all text-slate-600">
              <span className="font-medium text-slate-900">{actor.username}</span> · {roleLabel(actor.role)} · {actor.nodePath}
            </span>
            <SignOutButton />
          </div>
        </div>
        {/* Navigation follows the first document: Users, then Setup, then Security. */}
        {/* Wraps at narrow widths rather than widening the page. */}
        <nav aria-label="Main" className="mx-auto flex max-w-6xl flex-wrap items-center gap-x-5 gap-y-1 px-4 py-2 text-sm sm:px-6">
          {can(actor.role, 'users:read') && (
            <Link href="/users" className={link}>
              Users
            </Link>
          )}
          {setup.length > 0 && (
            <span className="flex flex-wrap items-center gap-x-4 gap-y-1">
              <span aria-hidden className="text-slate-500">
                Setup ›
              </span>
              {setup.map((l) => (
                <Link key={l.href} href={l.href} className={link}>
                  {l.label}
                </Link>
              ))}
            </span>
          )}
          <Link href="/account" className={link}>
            My account
          </Link>
        </nav>
      </header>
      {expiry && (
        <aside aria-label="Password expiry" className="mx-auto mt-4 max-w-6xl rounded-md bg-amber-50 px-6 py-2 text-sm text-amber-900">
          Your password expires on {expiry.expiresAt.toUTCString().slice(0, 16)}, in {expiry.daysLeft} day{expiry.daysLeft === 1 ? '' : 's'}.{' '}
          <Link href="/account" className="underline">
            Change it on My account
          </Link>
        </aside>
      )}
      <div id="content" tabIndex={-1} className="mx-auto max-w-6xl px-4 py-6 outline-none sm:px-6">
        {children}
      </div>
      <Suspense fallback={null}>
        <IdleWarning
          idleMinutes={actor.idleTimeoutMinutes}
          absoluteEndsAt={
            actor.absoluteTimeoutMinutes > 0 ? new Date(actor.createdAt.getTime() + actor.absoluteTimeoutMinutes * 60_000).toISOString() : null
          }
        />
      </Suspense>
    </div>
  );
}
