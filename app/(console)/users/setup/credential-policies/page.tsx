import type { Metadata } from 'next';
import Link from 'next/link';
import { Breadcrumb } from '@/components/breadcrumb';
import { FlashMessage } from '@/components/flash-message';
import { NodePicker } from '@/components/node-picker';
import { Card, ErrorPanel } from '@/components/ui';
import { can } from '@/lib/auth/permissions';
import { type Actor, requireSession } from '@/lib/auth/request';
import { db } from '@/lib/db';
import { type NodeRow, pageNode } from '@/lib/hierarchy/queries';
import { isInSubtree } from '@/lib/hierarchy/rules';
import {
  defaultSource,
  inheritedBaseline,
  listVisiblePolicies,
  loadEffectivePolicy,
  loadPolicy,
  ownDefault,
  policyUsage,
} from '@/lib/policy/queries';
import { POLICY_TEMPLATES } from '@/lib/policy/templates';
import { DefaultPolicyForm } from './default-policy-form';
import { PolicyEditor } from './policy-editor';
import { PolicyList } from './policy-list';

export const metadata: Metadata = { title: 'Credential Policies' };

type Params = Record<string, string | string[] | undefined>;
const one = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v);

export default async function CredentialPoliciesPage({ searchParams }: { searchParams: Promise<Params> }) {
  const actor = await requireSession('policy:read');
  const params = await searchParams;
  const { lookup, subtree, complete, find, current } = await pageNode(actor, params.node, params.find);
  return (
    <main className="space-y-5">
      <Breadcrumb items={['Users', 'Setup', 'Credential Policies']} />
      <div className="flex flex-wrap items-end justify-between gap-4">
        <div>
          <h1 className="text-2xl font-semibold">Credential Policies</h1>
          <p className="text-sm text-slate-600">Policies visible at {current}: defined here or at a node above it.</p>
        </div>
        <NodePicker nodes={subtree} complete={complete} find={find} current={current} action="/users/setup/credential-policies" />
      </div>
      {lookup.ok ? <Body actor={actor} node={lookup.node} params={params} /> : <ErrorPanel title="Unknown node">{lookup.message}</ErrorPanel>}
    </main>
  );
}

async function Body({ actor, node, params }: { actor: Actor; node: NodeRow; params: Params }) {
  const q = db();
  const canWrite = can(actor.role, 'policy:write');
  const visible = await listVisiblePolicies(q, node.path);
  const [usage, effective, own] = await Promise.all([
    policyUsage(
      q,
      visible.map((p) => p.id),
    ),
    loadEffectivePolicy(q, node.path, null),
    ownDefault(q, node.id),
  ]);
  const from = defaultSource(effective);
  return (
    <>
      <FlashMessage />
      <Card title={`Default Credential Policy of ${node.path}`}>
        <DefaultPolicyForm
          node={node.path}
          effective={{ name: effective.policy.name, from, definedHere: own != null }}
          options={visible.map((p) => ({ id: p.id, label: `${p.name} (${p.nodePath})` }))}
          selected={own?.policyId ?? effective.policy.id}
          canWrite={canWrite}
        />
      </Card>
      <Card title={`Policies visible at ${node.path}`}>
        <PolicyList node={node.path} actorNode={actor.nodePath} canWrite={canWrite} policies={visible} usage={usage} />
      </Card>
      <Card title="New policy">
        <p>Start from a template, or use “Copy and edit” on a policy above. The new policy is defined at {node.path}.</p>
        <ul className="mt-2 space-y-2">
          {POLICY_TEMPLATES.map((t) => (
            <li key={t.id}>
              <Link className="font-medium text-blue-700 underline" href={`/users/setup/credential-policies?node=${node.path}&new=${t.id}#editor`}>
                New from {t.name}
              </Link>
              <p className="text-xs text-slate-600">{t.note}</p>
            </li>
          ))}
        </ul>
      </Card>
      <Editor actor={actor} node={node} params={params} canWrite={canWrite} visibleIds={new Set(visible.map((p) => p.id))} />
    </>
  );
}

async function Editor({
  actor,
  node,
  params,
  canWrite,
  visibleIds,
}: {
  actor: Actor;
  node: NodeRow;
  params: Params;
  canWrite: boolean;
  visibleIds: Set<number>;
}) {
  const q = db();
  const editId = Number(one(params.edit));
  const cloneId = Number(one(params.clone));
  const templateId = one(params.new);
  if (editId && visibleIds.has(editId)) {
    const p = await loadPolicy(q, editId);
    if (!p) return null;
    const baseline = await inheritedBaseline(q, p.nodePath, p.id);
    const inScope = isInSubtree(p.nodePath, actor.nodePath);
    return (
      <PolicyEditor
        key={`edit-${p.id}-${p.version}`}
        mode="edit"
        node={node.path}
        policy={p}
        name={p.name}
        policyId={p.id}
        version={p.version}
        minimumBelow={p.minimumBelow}
        baseline={{ name: baseline.policy.name, values: baseline.policy }}
        readOnlyReason={
          !canWrite
            ? 'Your role can read credential policies but not change them.'
            : !inScope
              ? `${p.name} is defined at ${p.nodePath}, above your node: copy it to make your own.`
              : null
        }
        heading={`Edit ${p.name} (defined at ${p.nodePath})`}
      />
    );
  }
  const source = cloneId && visibleIds.has(cloneId) ? await loadPolicy(q, cloneId) : null;
  const template = POLICY_TEMPLATES.find((t) => t.id === templateId);
  // "Override here" from the Security page: a pending copy of the inherited default, saved only on submit.
  const asDefault = source !== null && one(params.asDefault) === '1';
  const start = source
    ? asDefault
      ? { values: source, name: `${node.name} default`, from: `copied from ${source.name}, its inherited default` }
      : { values: source, name: `Copy of ${source.name}`, from: `copied from ${source.name}` }
    : template
      ? { values: template.values, name: template.name, from: `from ${template.name}` }
      : null;
  if (!start) return null;
  const baseline = await inheritedBaseline(q, node.path, 0);
  return (
    <PolicyEditor
      key={`create-${cloneId || templateId}`}
      mode="create"
      node={node.path}
      policy={start.values}
      name={start.name}
      policyId={0}
      version={0}
      baseline={{ name: baseline.policy.name, values: baseline.policy }}
      readOnlyReason={canWrite ? null : 'Your role can read credential policies but not change them.'}
      heading={asDefault ? `New default policy of ${node.path}, ${start.from}` : `New policy at ${node.path}, ${start.from}`}
      makeDefault={asDefault ? { cancelHref: `/users/setup/security?node=${encodeURIComponent(node.path)}` } : undefined}
      note={template?.note}
    />
  );
}
