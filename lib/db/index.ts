import 'server-only';
import { env } from '@/lib/env';
import { type Db, type DbHandle, openDatabase } from './connect';

export type { Queryable, Tx } from './connect';
export { builtOnce, inTransaction, rowsOf } from './connect';

// One handle per process, kept on globalThis: the proxy and the app are bundled separately, and
// two PGlite instances on one data folder would corrupt it.
const KEY = Symbol.for('security-console.db');
type Holder = { [KEY]?: DbHandle };

function dbHandle(): DbHandle {
  const g = globalThis as Holder;
  if (!g[KEY]) {
    const e = env();
    g[KEY] = openDatabase({ url: e.DATABASE_URL, dataDir: e.DATA_DIR });
  }
  return g[KEY];
}

export function db(): Db {
  return dbHandle().db;
}
