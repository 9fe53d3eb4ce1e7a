import { Suspense } from 'react';
import Link from 'next/link';
import { requireSession } from '@/lib/auth/request';
import { can } from '@/lib/auth/permissions';
import { roleLabel } from '@/lib/security-settings/groups';
import { SignOutButton } from '@/components/sign-out-button';
import { IdleWarning } from '@/components/idle-warning';

export default async function ConsoleLayout({ children }: { children: React.ReactNode }) {
  const actor = await requireSession();
  const links = [
    can(actor.role, 'users:read') && { href: '/users', label: 'Users' },
    can(actor.role, 'security:read') && { href: '/users/setup/security', label: 'Setup › Security' },
    can(actor.role, 'security:read') && { href: '/users/setup/simulate-sign-in', label: 'Simulate sign-in' },
    can(actor.role, 'security:read') && { href: '/users/setup/password-never-expires', label: 'Setup › Password Never Expires' },
    can(actor.role, 'policy:write') && { href: '/users/setup/credential-policies', label: 'Credential Policies' },
    { href: '/account', label: 'My account' },
  ].filter(Boolean) as { href: string; label: string }[];
  return (
    <div className="min-h-screen">
      <header className="border-b border-slate-200 bg-white">
        <div className="mx-auto flex max-w-6xl items-center justify-between gap-4 px-6 py-3">
          <div className="flex items-center gap-6">
            <Link href="/" className="font-semibold text-blue-800">Security Console</Link>
            <nav aria-label="Main" className="flex gap-4 text-sm">
              {links.map((l) => (
                <Link key={l.href} href={l.href} className="text-slate-700 hover:text-blue-700">{l.label}</Link>
              ))}
            </nav>
          </div>
          <div className="flex items-center gap-3 text-sm">
            <span className="text-slate-600">
              <span className="font-medium text-slate-900">{actor.username}</span> · {roleLabel(actor.role)} · {actor.nodePath}
            </span>
            <SignOutButton />
          </div>
        </div>
      </header>
      <div className="mx-auto max-w-6xl px-6 py-6">{children}</div>
      <Suspense fallback={null}>
        <IdleWarning idleMinutes={actor.idleTimeoutMinutes} />
      </Suspense>
    </div>
  );
}
