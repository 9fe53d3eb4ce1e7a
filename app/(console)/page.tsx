import type { Metadata } from 'next';
import Link from 'next/link';
import { redirect } from 'next/navigation';
import { HourlyChart } from '@/components/hourly-chart';
import { Card } from '@/components/ui';
import { can, homePath } from '@/lib/auth/permissions';
import { requireSession } from '@/lib/auth/request';
import { db } from '@/lib/db';
import { filterQuery } from '@/lib/logs/forms';
import { CHART_SERIES, loadOverview } from '@/lib/overview/queries';

export const metadata: Metadata = { title: 'Overview' };

function Figure({ label, value, href, note }: { label: string; value: number; href: string; note: string }) {
  return (
    <Card title={label}>
      <p className="text-3xl font-semibold text-slate-900">{value}</p>
      <p className="text-xs text-slate-600">{note}</p>
      <Link href={href} className="mt-2 inline-block text-blue-700 underline">
        Show {label.toLowerCase()}
      </Link>
    </Card>
  );
}

/** Where a sign-in lands: for administrators of a subtree, its state at a glance; others go to their page. */
export default async function OverviewPage() {
  const actor = await requireSession();
  if (!can(actor.role, 'locked:read')) redirect(homePath(actor.role));
  const root = actor.nodePath;
  const o = await loadOverview(db(), root);
  const yesterday = new Date(Date.now() - 86_400_000).toISOString().slice(0, 10);
  const today = new Date().toISOString().slice(0, 10);
  const log = (outcome: string) => `/users/setup/sign-in-log?${filterQuery({ node: root, outcome: outcome as never, from: yesterday, to: today })}`;
  const logs = can(actor.role, 'logs:read');
  return (
    <main className="space-y-6">
      <div>
        <h1 className="text-2xl font-semibold">Overview</h1>
        <p className="text-sm text-slate-600">
          <span className="font-mono">{root}</span> and every node below it.
        </p>
      </div>
      <div className="grid gap-4 md:grid-cols-4">
        <Figure label="Locked accounts" value={o.locked} href={`/users/setup/locked-accounts?node=${root}`} note="Locked now" />
        <Figure
          label="Passwords expiring"
          value={o.expiring}
          href={`/users/setup/expiring-passwords?node=${root}`}
          note="Within their policy's notice window"
        />
        <Figure
          label="Failed sign-ins"
          value={o.failed24h}
          href={logs ? log('wrong-password') : '/users'}
          note="Last 24 hours: wrong passwords, codes or answers, locked accounts"
        />
        <Figure label="Throttled sign-ins" value={o.throttled24h} href={logs ? log('source-throttled') : '/users'} note="Last 24 hours" />
      </div>
      <section aria-label="Sign-ins per hour" className="space-y-2">
        <h2 className="text-base font-semibold">Sign-ins per hour, last 7 days</h2>
        <HourlyChart series={CHART_SERIES} hours={o.hours} />
      </section>
    </main>
  );
}
