import { type DbHandle, openDatabase } from '@/lib/db/connect';
import { runMigrations } from '@/lib/db/migrate';
import { seedDemo } from '@/lib/db/seed';
import { createThrowawayDatabase } from '../../scripts/lib/throwaway-db.mjs';

/**
 * A throwaway database for one test file (scripts/lib/throwaway-db.mjs: a fresh PostgreSQL database
 * under TEST_DATABASE_URL, otherwise a PGlite store in a temporary folder). It is migrated and seeded,
 * and lib/db is pointed at it, so the code under test runs exactly as in the server.
 */
export async function createTestDatabase(opts: { seed?: boolean } = {}): Promise<DbHandle & { url?: string; drop(): Promise<void> }> {
  const throwaway = await createThrowawayDatabase({ label: 'test' });
  const { url, dataDir } = throwaway;
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
      await throwaway.drop();
    },
  };
}
