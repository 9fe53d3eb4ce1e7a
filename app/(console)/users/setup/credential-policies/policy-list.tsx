import Link from 'next/link';
import { Badge } from '@/components/ui';
import { isInSubtree } from '@/lib/hierarchy/rules';
import type { PolicySummary, PolicyUsage } from '@/lib/policy/queries';
import { DeletePolicyButton } from './delete-policy-button';
import { RenamePolicyForm } from './rename-policy-form';

/** The policies visible at a node. Where a policy above the actor's node is used is not theirs to see. */
export function PolicyList({
  node,
  actorNode,
  canWrite,
  policies,
  usage,
}: {
  node: string;
  actorNode: string;
  canWrite: boolean;
  policies: PolicySummary[];
  usage: Map<number, PolicyUsage>;
}) {
  const base = `/users/setup/credential-policies?node=${node}`;
  // Scrolls inside its own box at narrow widths; the page itself never scrolls sideways.
  return (
    <div className="overflow-x-auto">
      <table className="w-full text-sm">
        <thead className="text-left text-slate-600">
          <tr>
            <th className="py-1">Name</th>
            <th>Defined at</th>
            <th>In use</th>
            <th>
              <span className="sr-only">Actions</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {policies.map((p) => {
            const mine = isInSubtree(p.nodePath, actorNode);
            const u = usage.get(p.id);
            const inUse = u
              ? [...u.defaultAt.map((d) => `default of ${d}`), u.accountCount ? `${u.accountCount} account${u.accountCount === 1 ? '' : 's'}` : '']
                  .filter(Boolean)
                  .join('; ')
              : '';
            return (
              <tr key={p.id} className="border-t border-slate-100" data-policy={p.name}>
                <td className="py-2 font-medium">{p.name}</td>
                <td>{p.nodePath === node ? <Badge tone="blue">Defined here</Badge> : <Badge>inherited from {p.nodePath}</Badge>}</td>
                <td className="text-xs text-slate-600">{mine ? inUse || 'Not in use' : 'Defined above your node'}</td>
                <td className="space-x-3 whitespace-nowrap text-right">
                  <Link
                    className="text-blue-700 underline"
                    aria-label={`${canWrite && mine ? 'Edit' : 'View'} ${p.name}`}
                    href={`${base}&edit=${p.id}#editor`}
                  >
                    {canWrite && mine ? 'Edit' : 'View'}
                  </Link>
                  {canWrite && (
                    <Link className="text-blue-700 underline" aria-label={`Copy and edit ${p.name}`} href={`${base}&clone=${p.id}#editor`}>
                      Copy and edit
                    </Link>
                  )}
                  {canWrite && mine && <RenamePolicyForm policyId={p.id} version={p.version} name={p.name} node={node} />}
                  {canWrite && mine && <DeletePolicyButton policyId={p.id} version={p.version} name={p.name} node={node} />}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
