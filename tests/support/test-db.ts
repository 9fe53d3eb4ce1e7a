import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import postgres from 'postgres';
import { openDatabase, type DbHandle } from '@/lib/db/connect';
import { runMigrations } from '@/lib/db/migrate';
import { seedDemo } from '@/lib/db/seed';

/**
 * A throwaway database for one test file: a fresh PostgreSQL database when TEST_DATABASE_URL is set
 * (created here, dropped afterwards), otherwise a PGlite store in a temporary folder. It is migrated
 * and seeded, and lib/db is pointed at it, so the code under test runs exactly as in the server.
 */
export async function createTestDatabase(opts: { seed?: boolean } = {}): Promise<DbHandle & { url?: string; drop(): Promise<void> }> {
  const base = process.env.TEST_DATABASE_URL;
  let url: string | undefined;
  let dataDir: string;
  let dropDb = async () => {};
  if (base) {
    const name = `sc_test_${Date.now().toString(36)}_${randomBytes(3).toString('hex')}`;
    const admin = postgres(base, { max: 1, onnotice: () => {} });
    await admin.unsafe(`create database ${name}`);
    await admin.end();
    const u = new URL(base);
    u.pathname = `/${name}`;
    url = u.toString();
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'sc-test-'));
    dropDb = async () => {
      const a = postgres(base, { max: 1, onnotice: () => {} });
      await a.unsafe(`drop database if exists ${name} with (force)`);
      await a.end();
    };
  } else {
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'sc-test-'));
  }
  process.env.DATABASE_URL = url ?? '';
  process.env.DATA_DIR = dataDir;
  const handle = openDatabase({ url, dataDir, poolSize: 20 });
  await runMigrations(handle);
  if (opts.seed !== false) await seedDemo(handle.db);
  // lib/db opens its own handle lazily from the same environment; share this one instead.
  (globalThis as Record<symbol, unknown>)[Symbol.for('security-console.db')] = handle;
  return {
    ...handle,
    url,
    drop: async () => {
      delete (globalThis as Record<symbol, unknown>)[Symbol.for('security-console.db')];
      await handle.close();
      await dropDb();
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
