import type { AddressInfo } from 'node:net';
import { type ParsedMail, simpleParser } from 'mailparser';
import { SMTPServer } from 'smtp-server';
import { afterAll, beforeAll } from 'vitest';
import { createTestDatabase } from './test-db';

export interface ReceivedMail {
  to: string[];
  subject: string;
  text: string;
}

export interface SmtpServer {
  url: string;
  received: ReceivedMail[];
  close(): Promise<void>;
}

/** A real SMTP server on a free local port that keeps what it receives, for the mail tests. */
export async function startSmtpServer(): Promise<SmtpServer> {
  const received: ReceivedMail[] = [];
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onData(stream, session, callback) {
      simpleParser(stream)
        .then((m: ParsedMail) => {
          received.push({ to: session.envelope.rcptTo.map((r) => r.address), subject: m.subject ?? '', text: m.text ?? '' });
          callback();
        })
        .catch(callback);
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.server.address() as AddressInfo;
  return { url: `smtp://127.0.0.1:${port}`, received, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}

type TestDatabase = Awaited<ReturnType<typeof createTestDatabase>>;

/**
 * What a mail test file runs against: a seeded test database and an SMTP server, opened before its
 * tests and closed after them. Read `db` and `smtp` inside the tests (they are set in beforeAll).
 */
export function mailTestBed(): { readonly db: TestDatabase['db']; readonly smtp: SmtpServer } {
  let t: TestDatabase | undefined;
  let smtp: SmtpServer | undefined;
  beforeAll(async () => {
    t = await createTestDatabase();
    smtp = await startSmtpServer();
  });
  afterAll(async () => {
    await smtp?.close();
    await t?.drop();
  });
  return {
    get db() {
      return t!.db;
    },
    get smtp() {
      return smtp!;
    },
  };
}
