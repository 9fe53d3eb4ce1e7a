import { openDatabase } from '@/lib/db/connect';
import { runMigrations } from '@/lib/db/migrate';
import { env } from '@/lib/env';

const e = env();
const handle = openDatabase({ url: e.DATABASE_URL, dataDir: e.DATA_DIR, poolSize: 1 });
try {
  await runMigrations(handle);
  console.log(`Migrations applied (${handle.kind === 'postgres' ? 'PostgreSQL' : `embedded database in ${e.DATA_DIR}`}).`);
} finally {
  await handle.close();
}
