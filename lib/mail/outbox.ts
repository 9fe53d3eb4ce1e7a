import type { Queryable } from '@/lib/db';
import { outbox } from '@/lib/db/schema';

export interface Mail {
  accountId: number | null;
  to: string;
  subject: string;
  body: string;
}

/**
 * Every message is first written to the outbox, in the transaction of the change it reports (so no
 * mail goes out for a change that rolled back, and none is lost for one that committed). Delivery over
 * SMTP happens after the commit (lib/mail/deliver.ts); without SMTP_URL the row stays for Managers to
 * read on the Outbox page.
 */
export async function queueMail(q: Queryable, m: Mail): Promise<void> {
  await q.insert(outbox).values({ accountId: m.accountId, toAddress: m.to, subject: m.subject, body: m.body });
}
