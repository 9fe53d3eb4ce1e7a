import 'server-only';
import { db } from '@/lib/db';
import { env } from '@/lib/env';
import { runScheduledWork } from './scheduled-work';

const KEY = Symbol.for('security-console.scheduled-work');
type Holder = { [KEY]?: NodeJS.Timeout };

/**
 * Starts the scheduled work with the server (instrumentation.ts): a first run shortly after start, then
 * every JOBS_INTERVAL_SECONDS (0 turns it off, e.g. when an external scheduler runs `npm run jobs:run`).
 * Every instance starts it; the advisory lock lets one run at a time.
 */
export function startScheduledWork(): void {
  const seconds = env().JOBS_INTERVAL_SECONDS;
  const g = globalThis as Holder;
  if (seconds === 0 || g[KEY]) return;
  const run = () => void runScheduledWork(db()).catch((err) => console.error('scheduled work failed', err));
  setTimeout(run, 5_000).unref();
  g[KEY] = setInterval(run, seconds * 1000);
  g[KEY].unref();
}
