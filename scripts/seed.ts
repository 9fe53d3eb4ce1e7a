import { openDatabase } from '@/lib/db/connect';
import { runMigrations } from '@/lib/db/migrate';
import { DEMO_ACCOUNTS, DEMO_PASSWORD, isEmpty, seedDemo } from '@/lib/db/seed';
import { env } from '@/lib/env';

const e = env();
const handle = openDatabase({ url: e.DATABASE_URL, dataDir: e.DATA_DIR, poolSize: 1 });
try {
  await runMigrations(handle);
  // --if-empty (npm run demo): a database that already holds nodes is someone's; leave it alone.
  if (process.argv.includes('--if-empty') && !(await isEmpty(handle.db))) {
    console.log('Database already holds an organisation; not seeding.');
  } else {
    const { created } = await seedDemo(handle.db);
    console.log(created ? `Demo organisation seeded (${created} rows created).` : 'Demo organisation already present; nothing changed.');
    console.log(`Demo accounts (password ${DEMO_PASSWORD}): ${DEMO_ACCOUNTS.map((a) => a.username).join(', ')}`);
  }
} finally {
  await handle.close();
}
