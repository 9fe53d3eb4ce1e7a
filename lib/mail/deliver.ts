import 'server-only';
import { sql } from 'drizzle-orm';
import nodemailer, { type Transporter } from 'nodemailer';
import { type Queryable, rowsOf } from '@/lib/db';
import type { Db } from '@/lib/db/connect';
import { env } from '@/lib/env';

let cached: { url: string; transport: Transporter } | undefined;

function transport(url: string): Transporter {
  if (cached?.url !== url) cached = { url, transport: nodemailer.createTransport(url) };
  return cached.transport;
}

/**
 * Sends the outbox's unsent messages over SMTP when SMTP_URL is set (without it they stay for the
 * Outbox page). Rows are claimed with `for update skip locked`, so two instances (or a request and the
 * scheduled work) never send one message twice; a message that fails stays unsent for the next round.
 */
export async function deliverOutbox(db: Db, opts: { smtpUrl?: string; limit?: number } = {}): Promise<{ sent: number; failed: number }> {
  const url = opts.smtpUrl ?? env().SMTP_URL;
  if (!url) return { sent: 0, failed: 0 };
  let sent = 0;
  let failed = 0;
  await db.transaction(async (tx) => {
    const rows = rowsOf<{ id: number; to_address: string; subject: string; body: string }>(
      await tx.execute(sql`
        select id, to_address, subject, body from outbox
        where sent_at is null and to_address <> ''
        order by id limit ${opts.limit ?? 100}
        for update skip locked`),
    );
    for (const m of rows) {
      try {
        await transport(url).sendMail({ from: env().MAIL_FROM, to: m.to_address, subject: m.subject, text: m.body });
        await markSent(tx, m.id);
        sent++;
      } catch (err) {
        failed++;
        console.error(`mail ${m.id} to ${m.to_address} not sent`, err);
      }
    }
  });
  return { sent, failed };
}

async function markSent(q: Queryable, id: number): Promise<void> {
  await q.execute(sql`update outbox set sent_at = now() where id = ${id}`);
}

/** After a change that queued mail committed: deliver now rather than at the next scheduled run. */
export function deliverSoon(db: Db): void {
  if (!env().SMTP_URL) return;
  void deliverOutbox(db).catch((err) => console.error('mail delivery failed', err));
}
