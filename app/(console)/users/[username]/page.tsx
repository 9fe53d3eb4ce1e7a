import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { Breadcrumb } from '@/components/breadcrumb';
import { LinkTabs } from '@/components/link-tabs';
import { Badge } from '@/components/ui';
import { type Actor, requireSession } from '@/lib/auth/request';
import { db } from '@/lib/db';
import { getNodeByPath, nodeChoices } from '@/lib/hierarchy/queries';
import { explainAccountPolicy, loadAssignmentView } from '@/lib/policy/queries';
import { resolveSettings } from '@/lib/security-settings/queries';
import { listLiveSessions } from '@/lib/sessions/queries';
import { resetTwoFactorRefusal } from '@/lib/totp/rules';
import { externalIdsEditable } from '@/lib/users/commands';
import { isUsername, roleLabel } from '@/lib/users/fields';
import { type AccountDetail, findAccount, loadSecurityOverview, primaryContactOf } from '@/lib/users/queries';
import { type AccountOperation, accountOperationRefusal, assignableRoles, EXTERNAL_ID_GRANTEES } from '@/lib/users/rules';
import { AccountInformation } from './account-information';
import { PolicyAssignment } from './policy-assignment';
import { PrimaryContact } from './primary-contact';
import { SecurityTab } from './security-tab';
import { WhyThisPolicy } from './why-this-policy';

export const metadata: Metadata = { title: 'User' };

type Params = Promise<{ username: string }>;

function safeDecode(s: string): string | null {
  try {
    return decodeURIComponent(s);
  } catch {
    return null;
  }
}
type Search = Promise<Record<string, string | string[] | undefined>>;

export default async function UserPage({ params, searchParams }: { params: Params; searchParams: Search }) {
  const actor = await requireSession('users:read');
  const username = safeDecode((await params).username);
  if (!username || !isUsername(username)) notFound();
  const tab = (await searchParams).tab === 'security' ? 'security' : 'account';
  // Outside the actor's subtree the page is the same as for an unknown username.
  const a = await findAccount(db(), { username }, { scope: actor.nodePath });
  if (!a) notFound();
  const base = `/users/${encodeURIComponent(a.username)}`;
  return (
    <main className="space-y-5">
      <Breadcrumb items={['Users', a.username]} />
      <div>
        <h1 className="text-2xl font-semibold">{a.firstName || a.lastName ? `${a.firstName} ${a.lastName}` : a.username}</h1>
        <p className="text-sm text-slate-600">
          <span className="font-mono">{a.username}</span> · {roleLabel(a.role)} {a.isPrimaryContact && <Badge tone="blue">Primary Contact</Badge>} ·{' '}
          {a.nodePath} {a.apiOnly && <Badge>API only</Badge>}
        </p>
      </div>
      <LinkTabs
        label="Account"
        selected={tab}
        panelId="account-tabpanel"
        tabs={[
          { id: 'account', label: 'Account Information', href: base },
          { id: 'security', label: 'Security', href: `${base}?tab=security` },
        ]}
      />
      <div
        role="tabpanel"
        id="account-tabpanel"
        aria-labelledby={`tab-${tab}`}
        className="rounded-b-lg border border-t-0 border-slate-200 bg-white p-5"
      >
        {tab === 'account' ? <AccountTab actor={actor} account={a} /> : <SecurityPanel actor={actor} account={a} />}
      </div>
    </main>
  );
}

type TabProps = { actor: Actor; account: AccountDetail };
const refusalFor = (actor: Actor, account: AccountDetail) => (op: AccountOperation) => accountOperationRefusal(actor, account, op);

/** Account Information, loaded once by the page and passed down. */
async function AccountTab({ actor, account }: TabProps) {
  const refusal = refusalFor(actor, account);
  // Bounded: in a large tree the choice is the account's node, its ancestors in scope and its children.
  const [{ nodes }, externalEditable, primary] = await Promise.all([
    getNodeByPath(db(), account.nodePath).then((here) => nodeChoices(db(), actor.nodePath, here)),
    externalIdsEditable(db(), actor),
    account.role === 'manager' ? primaryContactOf(db(), account.nodeId) : null,
  ]);
  const editable = refusal('edit') === null;
  const roles = assignableRoles(actor.role);
  const self = account.id === actor.accountId;
  return (
    <>
      <AccountInformation
        mode="edit"
        values={{
          username: account.username,
          firstName: account.firstName,
          lastName: account.lastName,
          email: account.email,
          role: account.role,
          node: account.nodePath,
          authSource: account.authSource,
          apiOnly: account.apiOnly,
          externalId: account.externalId ?? '',
        }}
        roleOptions={roles.map((r) => ({ value: r, label: roleLabel(r) }))}
        roleEditable={refusal('role') === null && roles.includes(account.role)}
        roleLabel={roleLabel(account.role)}
        nodeOptions={nodes.map((n) => n.path)}
        nodeEditable={!self && refusal('assignment') === null}
        assignmentRefusal={self ? null : refusal('assignment')}
        externalIdEditable={externalEditable && refusal('external-id') === null}
        editable={editable}
        readOnlyReason={refusal('edit')}
      />
      {account.role === 'manager' && (
        <PrimaryContact
          username={account.username}
          node={account.nodePath}
          isPrimaryContact={account.isPrimaryContact}
          current={primary}
          refusal={refusal('primary-contact')}
        />
      )}
    </>
  );
}

/** The Security tab: the policy in force and why, then the account's security operations. */
async function SecurityPanel({ actor, account }: TabProps) {
  const refusal = refusalFor(actor, account);
  const [s, view, explanation, overview, sessions] = await Promise.all([
    resolveSettings(db(), account.nodePath, ['externalIds', 'neverExpire']),
    loadAssignmentView(db(), account),
    explainAccountPolicy(db(), account),
    loadSecurityOverview(db(), account),
    listLiveSessions(db(), account.id),
  ]);
  const grantable = EXTERNAL_ID_GRANTEES.includes(account.role);
  return (
    <div className="space-y-6">
      <section aria-label="Password policy" className="space-y-4 border-b border-slate-200 pb-6">
        <h2 className="text-base font-semibold">Password policy</h2>
        <PolicyAssignment
          username={account.username}
          explicitPolicyId={view.explicitPolicyId}
          nodeDefault={view.nodeDefault}
          options={view.options}
          refusal={refusal('assign-policy')}
        />
        <WhyThisPolicy explanation={explanation} />
      </section>
      <SecurityTab
        username={account.username}
        overview={overview}
        sessions={sessions}
        status={account.status}
        statusReason={account.statusReason}
        disabledByAdministrator={account.disabledByAdministrator}
        lockedUntil={account.lockedUntil?.toISOString() ?? null}
        sessionTimeoutMinutes={account.sessionTimeoutMinutes}
        apiOnly={account.apiOnly}
        passwordNeverExpires={account.passwordNeverExpires}
        canManageExternalIds={account.canManageExternalIds}
        refusals={{
          unlock: refusal('unlock'),
          reactivate: refusal('reactivate'),
          disable: refusal('disable'),
          resetPassword:
            account.authSource === 'local' ? refusal('reset-password') : `This account signs in through ${account.authSource.toUpperCase()}.`,
          endSessions: refusal('end-sessions'),
          sessionTimeout: refusal('session-timeout'),
          neverExpire: refusal('never-expire'),
          grant: refusal('external-id-grant'),
          resetTwoFactor: resetTwoFactorRefusal(actor, account),
        }}
        neverExpireOffered={account.apiOnly && s.neverExpire.value.activated && s.neverExpire.value.accepted}
        // The grant is hidden while the setting is off (SPEC §4) and shown only to whoever may grant.
        // Shown while the setting is on (SPEC §4), to everyone who sees the account: disabled, with the
        // reason, for whoever may not grant.
        grantOffered={grantable && s.externalIds.value.allowOthers}
      />
    </div>
  );
}
