import { isNull, sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { outbox } from '@/lib/db/schema';
import { deliverOutbox } from '@/lib/mail/deliver';
import { queueMail } from '@/lib/mail/outbox';
import { listOutbox } from '@/lib/mail/queries';
import { accountState } from '../support/fixtures';
import { mailTestBed } from '../support/smtp';

const bed = mailTestBed();

describe('mail: SMTP when configured, else the outbox', () => {
  it('without an SMTP server the message stays in the outbox, listed for the account’s subtree only', async () => {
    const alice = await accountState(bed.db, 'alice.contoso');
    await queueMail(bed.db, { accountId: alice.id, to: 'alice.contoso@example.test', subject: 'Kept here', body: 'Hello' });
    expect(await deliverOutbox(bed.db, { smtpUrl: '' })).toEqual({ sent: 0, failed: 0 });
    const contoso = await listOutbox(bed.db, 'sys.hcs.acme.north.contoso');
    expect(contoso.rows.map((r) => [r.username, r.subject, r.sentAt])).toEqual([['alice.contoso', 'Kept here', null]]);
    expect((await listOutbox(bed.db, 'sys.hcs.globex')).rows).toEqual([]);
  });

  it('delivers each unsent message once over a real SMTP conversation, even when two deliveries race', async () => {
    const alice = await accountState(bed.db, 'alice.contoso');
    for (let i = 1; i <= 3; i++)
      await queueMail(bed.db, { accountId: alice.id, to: 'alice.contoso@example.test', subject: `Notice ${i}`, body: `Body ${i}` });
    const results = await Promise.all([deliverOutbox(bed.db, { smtpUrl: bed.smtp.url }), deliverOutbox(bed.db, { smtpUrl: bed.smtp.url })]);
    expect(results.reduce((n, r) => n + r.sent, 0)).toBe(4);
    expect(bed.smtp.received.map((m) => m.subject).sort()).toEqual(['Kept here', 'Notice 1', 'Notice 2', 'Notice 3']);
    expect(bed.smtp.received[0]!.to).toEqual(['alice.contoso@example.test']);
    expect(await bed.db.select().from(outbox).where(isNull(outbox.sentAt))).toEqual([]);
    expect(await deliverOutbox(bed.db, { smtpUrl: bed.smtp.url })).toEqual({ sent: 0, failed: 0 });
    expect(bed.smtp.received).toHaveLength(4);
    await bed.db.execute(sql`delete from outbox`);
  });
});
