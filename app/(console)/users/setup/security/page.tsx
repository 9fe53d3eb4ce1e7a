import type { Metadata } from 'next';
import { db } from '@/lib/db';
import { requireSession } from '@/lib/auth/request';
import { pageNode } from '@/lib/hierarchy/page-node';
import { resolveSettings } from '@/lib/hierarchy/queries';
import { loadEffectivePolicy } from '@/lib/policy/queries';
import { describeSource } from '@/lib/policy/resolve';
import { GROUP_TITLES, summarise } from '@/lib/security-settings/groups';
import { SETTING_GROUPS } from '@/lib/db/schema';
import { Badge, Card, ErrorPanel } from '@/components/ui';
import { Breadcrumb } from '@/components/breadcrumb';
import { NodePicker } from '@/components/node-picker';

export const metadata: Metadata = { title: 'Security' };

function Origin({ from, here }: { from: string; here: boolean }) {
  return here ? <Badge tone="blue">Defined here</Badge> : <Badge>inherited from {from}</Badge>;
}

export default async function SecurityPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const actor = await requireSession('security:read');
  const { lookup, subtree } = await pageNode(actor, (await searchParams).node);
  const current = lookup.ok ? lookup.node.path : actor.nodePath;
  return (
    <main className="space-y-5">
      <Breadcrumb items={['Users', 'Setup', 'Security']} />
      <div className="flex flex-wrap items-end justify-between gap-4">
        <div>
          <h1 className="text-2xl font-semibold">Security</h1>
          <p className="text-sm text-slate-600">How people at {current} and below sign in. Each section is inherited from the nearest node above that defines it.</p>
        </div>
        <NodePicker nodes={subtree} current={current} action="/users/setup/security" />
      </div>
      {lookup.ok ? <Sections path={lookup.node.path} /> : <ErrorPanel title="Unknown node">{lookup.message}</ErrorPanel>}
    </main>
  );
}

async function Sections({ path }: { path: string }) {
  const [settings, policy] = await Promise.all([resolveSettings(db(), path), loadEffectivePolicy(db(), path, null)]);
  const policyFrom = policy.source.kind === 'node-default' ? policy.source.nodePath : 'sys.hcs';
  const p = policy.policy;
  return (
    <div className="grid gap-4 md:grid-cols-2">
      <Card title="Password Security" aside={<Origin from={policyFrom} here={policyFrom === path} />}>
        <p>Default Credential Policy: <strong>{describeSource(policy, path)}</strong></p>
        <dl className="mt-2 grid grid-cols-2 gap-x-4 gap-y-1">
          <dt>Password Expires (months)</dt><dd>{p.passwordExpiresMonths || 'Never'}</dd>
          <dt>Minimum Password Length</dt><dd>{p.minimumPasswordLength}</dd>
          <dt>Failed Login Count per User</dt><dd>{p.disableFailedLoginLimitingPerUser ? 'Off' : p.failedLoginCountPerUser}</dd>
          <dt>Lock Duration (minutes)</dt><dd>{p.lockDurationMinutes || 'Until unlocked'}</dd>
          <dt>Idle Session Timeout (minutes)</dt><dd>{p.idleSessionTimeoutMinutes}</dd>
        </dl>
      </Card>
      {SETTING_GROUPS.map((g) => {
        const r = settings[g];
        return (
          <Card key={g} title={GROUP_TITLES[g]} aside={<Origin from={r.from} here={r.definedHere} />}>
            <p>{summarise(g, r.value as never)}</p>
          </Card>
        );
      })}
    </div>
  );
}
