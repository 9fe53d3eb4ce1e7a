// npm run jobs:run: one run of the scheduled work (reminders, inactivity disables, session pruning,
// mail delivery) against DATABASE_URL or the embedded store, then exit. Safe beside running servers:
// the run takes the same advisory lock as theirs.
import { openDatabase } from '@/lib/db/connect';
import { env } from '@/lib/env';
import { runScheduledWork } from '@/lib/jobs/scheduled-work';

const e = env();
const handle = openDatabase({ url: e.DATABASE_URL, dataDir: e.DATA_DIR, poolSize: 2 });
try {
  const s = await runScheduledWork(handle.db, { instance: `jobs:run ${process.pid}` });
  process.exitCode = s.outcome === 'done' ? 0 : 3;
} finally {
  await handle.close();
}
