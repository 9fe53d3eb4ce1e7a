import type { Metadata } from 'next';
import { Breadcrumb } from '@/components/breadcrumb';
import { NodePicker } from '@/components/node-picker';
import { Badge, Card, ErrorPanel } from '@/components/ui';
import { type Actor, requireSession } from '@/lib/auth/request';
import { db } from '@/lib/db';
import { pageNode } from '@/lib/hierarchy/queries';
import { AGREEMENT_TEXT, AGREEMENT_VERSION } from '@/lib/never-expire/agreement';
import { countNeverExpireAccounts, listAgreementDecisions } from '@/lib/never-expire/queries';
import { summarise } from '@/lib/security-settings/groups';
import { resolveSettings } from '@/lib/security-settings/queries';
import { AcceptForm, DeclineForm } from './decision-forms';

export const metadata: Metadata = { title: 'Password Never Expires' };

export default async function NeverExpirePage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const actor = await requireSession('security:read');
  const sp = await searchParams;
  const { lookup, subtree, complete, find, current } = await pageNode(actor, sp.node, sp.find);
  return (
    <main className="space-y-5">
      <Breadcrumb items={['Users', 'Setup', 'Password Never Expires']} />
      <div className="flex flex-wrap items-end justify-between gap-4">
        <h1 className="text-2xl font-semibold">Password Never Expires</h1>
        <NodePicker nodes={subtree} complete={complete} find={find} current={current} action="/users/setup/password-never-expires" />
      </div>
      {lookup.ok ? (
        <Agreement path={lookup.node.path} nodeId={lookup.node.id} actor={actor} />
      ) : (
        <ErrorPanel title="Unknown node">{lookup.message}</ErrorPanel>
      )}
    </main>
  );
}

async function Agreement({ path, nodeId, actor }: { path: string; nodeId: number; actor: Actor }) {
  const [settings, history, flagged] = await Promise.all([
    resolveSettings(db(), path, ['neverExpire']),
    listAgreementDecisions(db(), nodeId),
    countNeverExpireAccounts(db(), path),
  ]);
  const ne = settings.neverExpire;
  const decides = actor.isPrimaryContact && actor.nodePath === path;
  return (
    <div className="space-y-4">
      <Card title="Status" aside={ne.definedHere ? <Badge tone="blue">Defined here</Badge> : <Badge>inherited from {ne.from}</Badge>}>
        <p data-testid="never-expire-status">{summarise('neverExpire', ne.value)}</p>
        {!ne.value.activated && <p className="mt-2">This feature is activated by support (the System operator) on request.</p>}
      </Card>
      <Card title={`Risk agreement (version ${AGREEMENT_VERSION})`}>
        <div className="space-y-2">
          {AGREEMENT_TEXT.map((p) => (
            <p key={p.slice(0, 20)}>{p}</p>
          ))}
        </div>
        {ne.value.activated && decides && (
          <div className="mt-4 flex flex-wrap gap-8 border-t border-slate-100 pt-4">
            {!ne.value.accepted && <AcceptForm node={path} textVersion={AGREEMENT_VERSION} />}
            <DeclineForm node={path} textVersion={AGREEMENT_VERSION} optOut={ne.value.accepted} flagged={flagged} />
          </div>
        )}
        {ne.value.activated && !decides && (
          <p className="mt-4 text-slate-500">Only the Primary Contact of {path} accepts or declines this agreement.</p>
        )}
      </Card>
      <Card title="Decisions">
        {history.length === 0 ? (
          <p>No decisions yet.</p>
        ) : (
          // Scrolls inside its own box at narrow widths; the page itself never scrolls sideways.
          <div className="overflow-x-auto">
            <table className="w-full text-left text-sm">
              <thead>
                <tr>
                  <th>When</th>
                  <th>Decision</th>
                  <th>Who</th>
                  <th>From</th>
                  <th>Text version</th>
                </tr>
              </thead>
              <tbody>
                {history.map((h) => (
                  <tr key={h.at.toISOString() + h.username}>
                    <td>{h.at.toUTCString()}</td>
                    <td>{h.decision === 'opted_out' ? 'opted out' : h.decision}</td>
                    <td>{h.username}</td>
                    <td className="font-mono">{h.ip}</td>
                    <td>{h.textVersion}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </Card>
    </div>
  );
}
