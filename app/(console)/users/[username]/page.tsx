import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { db } from '@/lib/db';
import { requireSession } from '@/lib/auth/request';
import { can } from '@/lib/auth/permissions';
import { loadAssignmentView } from '@/lib/policy/assignment';
import { explainAccountPolicy } from '@/lib/policy/explain';
import { Card } from '@/components/ui';
import { PolicyAssignment } from './policy-assignment';
import { WhyThisPolicy } from './why-this-policy';

export const metadata: Metadata = { title: 'User' };

// A minimal account page: the Security tab's credential policy parts (issue 4). The full account page
// (issue 5) replaces the Account Information tab and adds the rest of the Security tab.
export default async function UserPage({ params, searchParams }: { params: Promise<{ username: string }>; searchParams: Promise<{ tab?: string }> }) {
  const actor = await requireSession('users:read');
  const username = decodeURIComponent((await params).username);
  const tab = (await searchParams).tab === 'security' ? 'security' : 'account';
  const [view, explanation] = await Promise.all([loadAssignmentView(db(), username, actor.nodePath), explainAccountPolicy(db(), username, actor.nodePath)]);
  if (!view || !explanation) notFound();
  const base = `/users/${encodeURIComponent(view.username)}`;
  return (
    <main className="space-y-5">
      <h1 className="text-2xl font-semibold">{view.username}</h1>
      <nav aria-label="Account tabs" className="flex gap-4 border-b border-slate-200 text-sm">
        <Link href={base} aria-current={tab === 'account' ? 'page' : undefined} className={tab === 'account' ? 'border-b-2 border-blue-700 pb-2 font-medium' : 'pb-2'}>Account Information</Link>
        <Link href={`${base}?tab=security`} aria-current={tab === 'security' ? 'page' : undefined} className={tab === 'security' ? 'border-b-2 border-blue-700 pb-2 font-medium' : 'pb-2'}>Security</Link>
      </nav>
      {tab === 'account' ? (
        <Card title="Account Information">
          <p>Node: {view.nodePath} · Auth source: {view.authSource}</p>
        </Card>
      ) : (
        <Card title="Password policy">
          <PolicyAssignment
            username={view.username}
            explicitPolicyId={view.explicitPolicyId}
            nodeDefault={view.nodeDefault}
            options={view.options}
            canWrite={can(actor.role, 'policy:write')}
          />
          <div className="mt-5"><WhyThisPolicy explanation={explanation} /></div>
        </Card>
      )}
    </main>
  );
}
