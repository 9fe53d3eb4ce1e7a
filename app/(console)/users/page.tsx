import type { Metadata } from 'next';
import Link from 'next/link';
import { NodeSelect } from '@/components/node-picker';
import { Badge, ErrorPanel, FilterSelect, TableHead } from '@/components/ui';
import { can } from '@/lib/auth/permissions';
import { requireSession } from '@/lib/auth/request';
import { db } from '@/lib/db';
import { pageNode } from '@/lib/hierarchy/queries';
import { ACCOUNT_STATUSES, type AccountStatus, AUTH_SOURCES, type AuthSource, isRole, ROLES, roleLabel, USERNAME_MAX } from '@/lib/users/fields';
import { COUNT_CAP, searchAccounts } from '@/lib/users/queries';

export const metadata: Metadata = { title: 'Users' };

type Search = Record<string, string | string[] | undefined>;
const one = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v) ?? '';

export default async function UsersPage({ searchParams }: { searchParams: Promise<Search> }) {
  const actor = await requireSession('users:read');
  const sp = await searchParams;
  const { lookup, subtree, complete, find, current } = await pageNode(actor, sp.node, sp.find);
  // Unknown filter values are ignored rather than trusted.
  const roleParam = one(sp.role);
  const role = isRole(roleParam) ? roleParam : undefined;
  const status = ACCOUNT_STATUSES.find((s) => s === one(sp.status)) as AccountStatus | undefined;
  const search = one(sp.q).slice(0, 100);
  const authSource = AUTH_SOURCES.find((s) => s === one(sp.source)) as AuthSource | undefined;
  const cursor = (v: string) => v.slice(0, USERNAME_MAX).toLowerCase() || undefined;
  const after = cursor(one(sp.after));
  const before = cursor(one(sp.before));
  const result = lookup.ok ? await searchAccounts(db(), { subtreeRoot: lookup.node.path, search, role, status, authSource, after, before }) : null;
  const link = (page: { after?: string; before?: string }) =>
    `/users?${new URLSearchParams({ node: current, q: search, role: role ?? '', status: status ?? '', source: authSource ?? '', ...page })}`;
  return (
    <main className="space-y-5">
      <div className="flex flex-wrap items-end justify-between gap-4">
        <div>
          <h1 className="text-2xl font-semibold">Users</h1>
          <p className="text-sm text-slate-600">Accounts at {current} and below.</p>
        </div>
        {can(actor.role, 'users:write') && (
          <Link
            href={`/users/new?node=${encodeURIComponent(current)}`}
            className="rounded-md bg-blue-700 px-3 py-1.5 text-sm font-medium text-white hover:bg-blue-800"
          >
            New user
          </Link>
        )}
      </div>
      <search>
        <form action="/users" method="get" className="flex flex-wrap items-end gap-3 rounded-lg border border-slate-200 bg-white p-3 text-sm">
          <div>
            <label htmlFor="users-q" className="block text-xs font-medium text-slate-600">
              Search
            </label>
            <input
              id="users-q"
              name="q"
              defaultValue={search}
              aria-describedby="users-q-help"
              className="mt-1 rounded-md border border-slate-300 px-2 py-1.5"
            />
            <p id="users-q-help" className="text-xs text-slate-500">
              Username, name or email
            </p>
          </div>
          <NodeSelect nodes={subtree} complete={complete} find={find} current={current} />
          <FilterSelect id="users-role" name="role" label="Role" any="Any role" value={role} choices={ROLES} choiceLabel={roleLabel} />
          <FilterSelect id="users-status" name="status" label="Status" any="Any status" value={status} choices={ACCOUNT_STATUSES} />
          <FilterSelect id="users-source" name="source" label="Auth source" any="Any source" value={authSource} choices={AUTH_SOURCES} />
          <button type="submit" className="rounded-md border border-slate-300 bg-white px-3 py-1.5 hover:bg-slate-100">
            Filter
          </button>
        </form>
      </search>
      {!lookup.ok && <ErrorPanel title="Unknown node">{lookup.message}</ErrorPanel>}
      {/* Scrolls inside its own box at narrow widths; the page itself never scrolls sideways. */}
      <div className="overflow-x-auto">
        <table className="w-full overflow-hidden rounded-lg border border-slate-200 bg-white text-sm">
          <TableHead columns={['Username', 'Name', 'Role', 'Node', 'Status', 'Auth source']} />
          <tbody>
            {result?.rows.map((r) => (
              <tr key={r.username} className="border-t border-slate-100">
                <td className="p-2 font-mono">
                  <Link href={`/users/${encodeURIComponent(r.username)}`} className="text-blue-700 underline">
                    {r.username}
                  </Link>{' '}
                  {r.apiOnly && <Badge>API only</Badge>}
                </td>
                <td className="p-2">
                  {r.firstName} {r.lastName}
                </td>
                <td className="p-2">{roleLabel(r.role)}</td>
                <td className="p-2 font-mono text-xs">{r.nodePath}</td>
                <td className="p-2">
                  <Badge tone={r.status === 'active' ? 'green' : 'amber'}>{r.status}</Badge>
                </td>
                <td className="p-2">{r.authSource}</td>
              </tr>
            ))}
            {result && result.rows.length === 0 && (
              <tr>
                <td colSpan={6} className="p-4 text-center text-slate-500">
                  No accounts match.
                </td>
              </tr>
            )}
          </tbody>
        </table>
      </div>
      {result && (
        <nav aria-label="Pages" className="flex items-center justify-between text-sm">
          <span>
            {result.capped ? `More than ${COUNT_CAP.toLocaleString('en')} accounts` : `${result.total} account${result.total === 1 ? '' : 's'}`}
          </span>
          <span className="flex gap-3">
            {result.previous && (
              <Link href={link({ before: result.previous })} className="text-blue-700 underline">
                Previous
              </Link>
            )}
            {result.next && (
              <Link href={link({ after: result.next })} className="text-blue-700 underline">
                Next
              </Link>
            )}
          </span>
        </nav>
      )}
    </main>
  );
}
