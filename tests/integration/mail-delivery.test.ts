import { isNull, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { outbox } from '@/lib/db/schema';
import { deliverOutbox } from '@/lib/mail/deliver';
import { queueMail } from '@/lib/mail/outbox';
import { listOutbox } from '@/lib/mail/queries';
import { accountState } from '../support/fixtures';
import { startSmtpServer } from '../support/smtp';
import { createTestDatabase } from '../support/test-db';

let t: Awaited<ReturnType<typeof createTestDatabase>>;
let smtp: Awaited<ReturnType<typeof startSmtpServer>>;
beforeAll(async () => {
  t = await createTestDatabase();
  smtp = await startSmtpServer();
});
afterAll(async () => {
  await smtp?.close();
  await t?.drop();
});

describe('mail: SMTP when configured, else the outbox', () => {
  it('without an SMTP server the message stays in the outbox, listed for the account’s subtree only', async () => {
    const alice = await accountState(t.db, 'alice.contoso');
    await queueMail(t.db, { accountId: alice.id, to: 'alice.contoso@example.test', subject: 'Kept here', body: 'Hello' });
    expect(await deliverOutbox(t.db, { smtpUrl: '' })).toEqual({ sent: 0, failed: 0 });
    const contoso = await listOutbox(t.db, 'sys.hcs.acme.north.contoso');
    expect(contoso.rows.map((r) => [r.username, r.subject, r.sentAt])).toEqual([['alice.contoso', 'Kept here', null]]);
    expect((await listOutbox(t.db, 'sys.hcs.globex')).rows).toEqual([]);
  });

  it('delivers each unsent message once over a real SMTP conversation, even when two deliveries race', async () => {
    const alice = await accountState(t.db, 'alice.contoso');
    for (let i = 1; i <= 3; i++)
      await queueMail(t.db, { accountId: alice.id, to: 'alice.contoso@example.test', subject: `Notice ${i}`, body: `Body ${i}` });
    const results = await Promise.all([deliverOutbox(t.db, { smtpUrl: smtp.url }), deliverOutbox(t.db, { smtpUrl: smtp.url })]);
    expect(results.reduce((n, r) => n + r.sent, 0)).toBe(4);
    expect(smtp.received.map((m) => m.subject).sort()).toEqual(['Kept here', 'Notice 1', 'Notice 2', 'Notice 3']);
    expect(smtp.received[0]!.to).toEqual(['alice.contoso@example.test']);
    expect(await t.db.select().from(outbox).where(isNull(outbox.sentAt))).toEqual([]);
    expect(await deliverOutbox(t.db, { smtpUrl: smtp.url })).toEqual({ sent: 0, failed: 0 });
    expect(smtp.received).toHaveLength(4);
    await t.db.execute(sql`delete from outbox`);
  });
});
