import type { Metadata } from 'next';
import Link from 'next/link';
import { Breadcrumb } from '@/components/breadcrumb';
import { NodePicker } from '@/components/node-picker';
import { ErrorPanel, TableHead } from '@/components/ui';
import { requireSession } from '@/lib/auth/request';
import { db } from '@/lib/db';
import { env } from '@/lib/env';
import { pageNode } from '@/lib/hierarchy/queries';
import { listOutbox } from '@/lib/mail/queries';

export const metadata: Metadata = { title: 'Outbox' };

const stamp = (d: Date | null) => (d ? `${d.toISOString().slice(0, 16).replace('T', ' ')} UTC` : '');

export default async function OutboxPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const actor = await requireSession('logs:read');
  const sp = await searchParams;
  const { lookup, subtree, current } = await pageNode(actor, sp.node);
  const before = typeof sp.before === 'string' ? Number.parseInt(sp.before, 10) || undefined : undefined;
  const page = lookup.ok ? await listOutbox(db(), lookup.node.path, { before }) : null;
  return (
    <main className="space-y-5">
      <Breadcrumb items={['Users', 'Setup', 'Outbox']} />
      <div className="flex flex-wrap items-end justify-between gap-4">
        <div>
          <h1 className="text-2xl font-semibold">Outbox</h1>
          <p className="text-sm text-slate-600">
            {env().SMTP_URL
              ? 'Messages to accounts of this subtree; they are sent by e-mail.'
              : 'No mail server is configured (SMTP_URL): messages to accounts of this subtree are kept here.'}
          </p>
        </div>
        <NodePicker nodes={subtree} current={current} action="/users/setup/outbox" />
      </div>
      {!lookup.ok && <ErrorPanel title="Unknown node">{lookup.message}</ErrorPanel>}
      {page && (
        <table className="w-full border-collapse text-sm">
          <TableHead columns={['Created', 'Account', 'To', 'Subject', 'Message', 'Sent']} />
          <tbody>
            {page.rows.map((m) => (
              <tr key={m.id} className="border-t border-slate-200 align-top">
                <td className="p-2 whitespace-nowrap">{stamp(m.createdAt)}</td>
                <td className="p-2 font-mono">{m.username}</td>
                <td className="p-2">{m.toAddress}</td>
                <td className="p-2">{m.subject}</td>
                <td className="p-2 whitespace-pre-wrap">{m.body}</td>
                <td className="p-2 whitespace-nowrap">{m.sentAt ? stamp(m.sentAt) : 'Not sent'}</td>
              </tr>
            ))}
            {page.rows.length === 0 && (
              <tr>
                <td colSpan={6} className="p-2 text-slate-600">
                  No messages.
                </td>
              </tr>
            )}
          </tbody>
        </table>
      )}
      {page?.next && (
        <Link href={`/users/setup/outbox?node=${encodeURIComponent(current)}&before=${page.next}`} className="text-blue-700 underline">
          Older messages
        </Link>
      )}
    </main>
  );
}
