import type { Metadata } from 'next';
import Link from 'next/link';
import { Breadcrumb } from '@/components/breadcrumb';
import { NodePicker } from '@/components/node-picker';
import { Badge, Card, ErrorPanel } from '@/components/ui';
import { can } from '@/lib/auth/permissions';
import { type Actor, requestMeta, requireSession } from '@/lib/auth/request';
import { db } from '@/lib/db';
import { pageNode } from '@/lib/hierarchy/queries';
import { isInSubtree, parentPath } from '@/lib/hierarchy/rules';
import { ipAllowed } from '@/lib/net/ip';
import { countNeverExpireAccounts } from '@/lib/never-expire/queries';
import { defaultSource, loadEffectivePolicy } from '@/lib/policy/queries';
import { describeSource } from '@/lib/policy/rules';
import { GROUP_TITLES, type SettingGroup, summarise } from '@/lib/security-settings/groups';
import { countExternalIdGrants, countTwoFactorEnrolments, ownSettingVersions, resolveSettings } from '@/lib/security-settings/queries';
import { externalIdsSettingRefusal } from '@/lib/users/rules';
import { IpAllowlistForm } from './ip-allowlist-form';
import { DataSecurityModelForm, NeverExpireActivationForm } from './one-way-forms';
import { PasswordSecurityOverride } from './password-security-override';
import { ExternalIdsForm, SessionTimeoutsForm, TwoFactorForm } from './section-forms';
import { SettingSection } from './setting-section';

export const metadata: Metadata = { title: 'Security' };

function Origin({ from, here }: { from: string; here: boolean }) {
  return here ? <Badge tone="blue">Defined here</Badge> : <Badge>inherited from {from}</Badge>;
}

export default async function SecurityPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const actor = await requireSession('security:read');
  const sp = await searchParams;
  const { lookup, subtree, complete, find, current } = await pageNode(actor, sp.node, sp.find);
  return (
    <main className="space-y-5">
      <Breadcrumb items={['Users', 'Setup', 'Security']} />
      <div className="flex flex-wrap items-end justify-between gap-4">
        <div>
          <h1 className="text-2xl font-semibold">Security</h1>
          <p className="text-sm text-slate-600">
            How people at {current} and below sign in. Each section is inherited from the nearest node above that defines it.
          </p>
        </div>
        <NodePicker nodes={subtree} complete={complete} find={find} current={current} action="/users/setup/security" />
      </div>
      {lookup.ok ? (
        <Sections path={lookup.node.path} nodeId={lookup.node.id} actor={actor} />
      ) : (
        <ErrorPanel title="Unknown node">{lookup.message}</ErrorPanel>
      )}
    </main>
  );
}

async function Sections({ path, nodeId, actor }: { path: string; nodeId: number; actor: Actor }) {
  const parent = parentPath(path);
  // What the far-reaching changes would do, for their confirmations.
  const [settings, policy, meta, versions, parentSettings, enrol, grants, neverExpireAccounts] = await Promise.all([
    resolveSettings(db(), path),
    loadEffectivePolicy(db(), path, null),
    requestMeta(),
    ownSettingVersions(db(), nodeId),
    parent ? resolveSettings(db(), parent) : null,
    countTwoFactorEnrolments(db(), path, actor.accountId),
    countExternalIdGrants(db(), path),
    countNeverExpireAccounts(db(), path),
  ]);
  const v = (g: SettingGroup) => versions[g] ?? 0;
  const policyFrom = defaultSource(policy);
  const p = policy.policy;
  const editable = can(actor.role, 'security:write');
  const primary = externalIdsSettingRefusal(actor) === null;
  const section = (g: SettingGroup) => ({
    title: GROUP_TITLES[g],
    group: g,
    node: path,
    from: settings[g].from,
    definedHere: settings[g].definedHere,
    enforcedFrom: settings[g].enforcedFrom,
    summary: summarise(g, settings[g].value as never),
    inherited: parentSettings ? { from: parentSettings[g].from, summary: summarise(g, parentSettings[g].value as never) } : undefined,
  });
  const ip = settings.ipAllowlist.value;
  const dsm = settings.dataSecurityModel.value;
  const ne = settings.neverExpire.value;
  return (
    <div className="grid items-start gap-4 md:grid-cols-2">
      <SettingSection
        {...section('ipAllowlist')}
        // The visitor's own address belongs in the read-only summary too: "am I allowed?" is the first question.
        summary={`${summarise('ipAllowlist', ip).replace(/\.$/, '')}. Your address ${meta.ip} ${!ip.enabled || ipAllowed(meta.ip, ip.entries) ? 'is allowed' : 'is not in the list'}.`}
        editable={editable}
        revertible
      >
        <IpAllowlistForm
          node={path}
          version={v('ipAllowlist')}
          enabled={ip.enabled}
          entries={ip.entries}
          enforced={!!ip.enforced}
          visitorIp={meta.ip}
          governsSaver={isInSubtree(actor.nodePath, path)}
        />
      </SettingSection>
      <Card title="Password Security" aside={<Origin from={policyFrom} here={policyFrom === path} />}>
        <p>
          Default Credential Policy: <strong>{describeSource(policy, path)}</strong>
        </p>
        <dl className="mt-2 grid grid-cols-2 gap-x-4 gap-y-1">
          <dt>Password Expires (months)</dt>
          <dd>{p.passwordExpiresMonths || 'Never'}</dd>
          <dt>Minimum Password Length</dt>
          <dd>{p.minimumPasswordLength}</dd>
          <dt>Failed Login Count per User</dt>
          <dd>{p.disableFailedLoginLimitingPerUser ? 'Off' : p.failedLoginCountPerUser}</dd>
          <dt>Lock Duration (minutes)</dt>
          <dd>{p.lockDurationMinutes || 'Until unlocked'}</dd>
          <dt>Idle Session Timeout (minutes)</dt>
          <dd>{p.idleSessionTimeoutMinutes}</dd>
        </dl>
        {/* The policy editor itself is the credential-policies page. */}
        {policyFrom === path ? (
          <Link
            href={`/users/setup/credential-policies?node=${encodeURIComponent(path)}&edit=${p.id}#editor`}
            className="mt-3 inline-block text-blue-700 underline"
          >
            Edit the default policy
          </Link>
        ) : (
          editable && <PasswordSecurityOverride node={path} inheritedId={p.id} />
        )}
        <Link href={`/users/setup/credential-policies?node=${encodeURIComponent(path)}`} className="mt-3 ml-4 inline-block text-blue-700 underline">
          Edit credential policies
        </Link>
      </Card>
      <SettingSection {...section('twoFactor')} editable={editable} revertible>
        <TwoFactorForm
          node={path}
          version={v('twoFactor')}
          required={settings.twoFactor.value.required}
          enforced={!!settings.twoFactor.value.enforced}
          enrolment={enrol}
        />
      </SettingSection>
      <SettingSection {...section('externalIds')} editable={editable} revertible={primary}>
        <ExternalIdsForm
          node={path}
          version={v('externalIds')}
          allowOthers={settings.externalIds.value.allowOthers}
          primaryContact={primary}
          grants={grants}
        />
      </SettingSection>
      <SettingSection {...section('dataSecurityModel')} editable={editable && !dsm.enabled} revertible={false}>
        <DataSecurityModelForm node={path} />
      </SettingSection>
      {dsm.enabled && <DataModelFeatures enabledAt={dsm.enabledAt} />}
      <SettingSection {...section('sessionTimeouts')} editable={editable} revertible>
        <SessionTimeoutsForm node={path} version={v('sessionTimeouts')} byRole={settings.sessionTimeouts.value.byRole} />
      </SettingSection>
      <Card title={GROUP_TITLES.neverExpire} aside={<Origin from={settings.neverExpire.from} here={settings.neverExpire.definedHere} />}>
        <p>{summarise('neverExpire', ne)}</p>
        {ne.activated && (
          <Link href={`/users/setup/password-never-expires?node=${encodeURIComponent(path)}`} className="mt-2 inline-block text-blue-700 underline">
            Read the Password Never Expires agreement
          </Link>
        )}
        {!ne.activated && actor.role !== 'system_operator' && (
          <p className="mt-2 text-xs text-slate-500">Contact support to activate this feature.</p>
        )}
        {actor.role === 'system_operator' && (
          <div className="mt-3">
            <NeverExpireActivationForm key={String(ne.activated)} node={path} activated={ne.activated} flagged={neverExpireAccounts} />
          </div>
        )}
      </Card>
    </div>
  );
}

function DataModelFeatures({ enabledAt }: { enabledAt: string | null }) {
  return (
    <Card title="New Data Security Model features">
      <ul aria-label="Enabled features" className="space-y-1">
        {['Scheduled Reporting', 'Asset Tagging'].map((f) => (
          <li key={f} className="flex items-center gap-2">
            <span aria-label="enabled" role="img" className="text-green-600">
              ✓
            </span>{' '}
            {f}
          </li>
        ))}
      </ul>
      {enabledAt && <p className="mt-2 text-xs text-slate-500">Enabled {new Date(enabledAt).toUTCString()}.</p>}
    </Card>
  );
}
