import type { Metadata } from 'next';
import Link from 'next/link';
import { Breadcrumb } from '@/components/breadcrumb';
import { FlashMessage } from '@/components/flash-message';
import { Card, ErrorPanel } from '@/components/ui';
import { refuseAccess, scopeRefusal } from '@/lib/auth/forbidden';
import { requireSession } from '@/lib/auth/request';
import { db } from '@/lib/db';
import { accountCountAt, childrenOf, type NodeSummary, nodeSummary, searchNodes } from '@/lib/hierarchy/queries';
import { childTypes, type HierarchyNodeType, isInSubtree, isValidPath, parentPath, selfAndAncestors } from '@/lib/hierarchy/rules';
import { AddNodeForm, DeleteNodeForm, RenameNodeForm } from './node-forms';
import { NodeTree } from './node-tree';

export const metadata: Metadata = { title: 'Hierarchy' };

type Search = Promise<Record<string, string | string[] | undefined>>;
const one = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v);

export default async function HierarchyPage({ searchParams }: { searchParams: Search }) {
  const actor = await requireSession('security:read');
  const sp = await searchParams;
  const requested = (one(sp.node) ?? actor.nodePath).trim().toLowerCase();
  const term = (one(sp.q) ?? '').trim();
  const valid = isValidPath(requested);
  // Scope before existence: a path outside the subtree is 403 whether or not it exists.
  if (valid && !isInSubtree(requested, actor.nodePath)) refuseAccess(scopeRefusal(actor.nodePath));
  const [root, selected, results] = await Promise.all([
    nodeSummary(db(), actor.nodePath),
    valid ? nodeSummary(db(), requested) : null,
    term ? searchNodes(db(), actor.nodePath, term) : null,
  ]);
  // The tree opens along the path from the actor's node down to the selected one.
  const chain = selfAndAncestors(selected?.path ?? actor.nodePath)
    .filter((p) => isInSubtree(p, actor.nodePath))
    .reverse();
  const initial = Object.fromEntries(await Promise.all(chain.map(async (p) => [p, await childrenOf(db(), p)] as const)));
  return (
    <main className="space-y-5">
      <Breadcrumb items={['Users', 'Setup', 'Hierarchy']} />
      <h1 className="text-2xl font-semibold">Hierarchy</h1>
      <FlashMessage />
      <search>
        <form action="/users/setup/hierarchy" className="flex flex-wrap items-end gap-2">
          {selected && <input type="hidden" name="node" value={selected.path} />}
          <div>
            <label htmlFor="node-search" className="block text-sm font-medium">
              Search nodes
            </label>
            <input
              id="node-search"
              name="q"
              defaultValue={term}
              aria-describedby="node-search-help"
              className="mt-1 w-72 rounded-md border border-slate-300 px-2 py-1.5"
            />
            <p id="node-search-help" className="text-xs text-slate-500">
              By name or path, e.g. Contoso or acme.north
            </p>
          </div>
          <button type="submit" className="mb-5 rounded-md border border-slate-300 px-3 py-1.5 text-sm">
            Search
          </button>
        </form>
      </search>
      {results && <SearchResults results={results} term={term} />}
      <div className="grid gap-6 md:grid-cols-[minmax(0,1fr)_minmax(0,1.2fr)]">
        <div className="rounded-lg border border-slate-200 bg-white p-4">
          {root && <NodeTree root={root} initial={initial} selected={selected?.path ?? ''} />}
        </div>
        {selected ? (
          <SelectedNode node={selected} actorNode={actor.nodePath} isOperator={actor.role === 'system_operator'} />
        ) : (
          <ErrorPanel title="Unknown node">{valid ? `There is no node ${requested}.` : `"${requested.slice(0, 80)}" is not a node path.`}</ErrorPanel>
        )}
      </div>
    </main>
  );
}

function SearchResults({ results, term }: { results: NodeSummary[]; term: string }) {
  return (
    <section aria-label="Search results" className="rounded-lg border border-slate-200 bg-white p-4 text-sm">
      <p className="mb-2 text-slate-600">
        {results.length === 0 ? `No node matches “${term}”.` : `${results.length}${results.length === 50 ? '+' : ''} nodes match “${term}”.`}
      </p>
      <ul className="space-y-1">
        {results.map((n) => (
          <li key={n.path}>
            <Link href={`/users/setup/hierarchy?node=${encodeURIComponent(n.path)}`} className="text-blue-700 underline">
              {n.name}
            </Link>{' '}
            <span className="font-mono text-xs text-slate-500">{n.path}</span>
          </li>
        ))}
      </ul>
    </section>
  );
}

async function SelectedNode({ node, actorNode, isOperator }: { node: NodeSummary; actorNode: string; isOperator: boolean }) {
  const accountsHere = await accountCountAt(db(), node.path);
  const types = childTypes({ path: node.path, type: node.type as HierarchyNodeType });
  const parent = parentPath(node.path);
  const deletable = node.path !== actorNode && node.type !== 'system' && parent !== null;
  const renamable = node.type !== 'system' || isOperator;
  return (
    <Card title={node.name}>
      <dl className="grid grid-cols-[auto_1fr] gap-x-4 gap-y-1 text-sm">
        <dt className="text-slate-500">Path</dt>
        <dd className="font-mono" data-testid="node-path">
          {node.path}
        </dd>
        <dt className="text-slate-500">Type</dt>
        <dd>{node.type}</dd>
        <dt className="text-slate-500">Holds</dt>
        <dd>
          {node.childCount} {node.childCount === 1 ? 'node' : 'nodes'} below, {accountsHere} {accountsHere === 1 ? 'account' : 'accounts'} (
          <Link href={`/users?node=${encodeURIComponent(node.path)}`} className="text-blue-700 underline">
            users
          </Link>
          )
        </dd>
      </dl>
      <div className="mt-4 space-y-6 border-t border-slate-100 pt-4">
        {types.length > 0 ? (
          <AddNodeForm key={`add-${node.path}`} parent={node.path} types={types} />
        ) : (
          <p className="text-sm text-slate-500">Nothing can be added under a {node.type} node.</p>
        )}
        {renamable && <RenameNodeForm key={`rename-${node.path}`} node={node.path} name={node.name} />}
        {deletable && parent && <DeleteNodeForm key={`delete-${node.path}`} node={node.path} parent={parent} />}
      </div>
    </Card>
  );
}
