import fs from 'node:fs';
import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';
import { type PgDatabase, type PgQueryResultHKT, PgTransaction } from 'drizzle-orm/pg-core';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import { drizzle as drizzlePostgres } from 'drizzle-orm/postgres-js';
import postgres from 'postgres';
import * as schema from './schema';

export type Db = PgDatabase<PgQueryResultHKT, typeof schema>;

export interface DbHandle {
  db: Db;
  kind: 'pglite' | 'postgres';
  close(): Promise<void>;
}

/**
 * Opens the store: postgres.js when a URL is given, else the embedded PGlite in `dataDir`.
 * Used by the server (through lib/db, cached) and by scripts and tests (which close what they open).
 */
export function openDatabase(opts: { url?: string; dataDir: string; poolSize?: number }): DbHandle {
  if (opts.url) {
    const client = postgres(opts.url, { max: opts.poolSize ?? 10, onnotice: () => {} });
    const db = drizzlePostgres(preparing(client), { schema }) as unknown as Db;
    return { db, kind: 'postgres', close: () => client.end({ timeout: 5 }) };
  }
  const dir = path.resolve(opts.dataDir);
  // The store and the generated auth secret: readable by their owner only.
  fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
  // pg_trgm backs the user search's index (as on PostgreSQL, where the migration creates it).
  const client = new PGlite(path.join(dir, 'pglite'), { extensions: { pg_trgm } });
  const db = drizzlePglite(client, { schema }) as unknown as Db;
  return { db, kind: 'pglite', close: () => client.close() };
}

type Sql = postgres.Sql;

/**
 * drizzle's postgres.js driver sends every statement unnamed (`prepare: false`) unless it was built
 * with `.prepare(name)`, so PostgreSQL plans it again on every call: for the effective-policy query
 * that planning (1.5 ms) was four times its execution. This hands postgres.js `prepare: true` for every
 * statement with parameters, so each connection parses and plans a statement once and then only binds
 * it (postgres.js keeps them per connection and re-prepares after a schema change). Statements without
 * parameters (migrations, `select 1`) keep the simple protocol. Transactions and savepoints pass
 * through the same wrapper.
 */
function preparing<T extends Sql>(sql: T): T {
  return new Proxy(sql, {
    get(target, prop, receiver) {
      if (prop === 'unsafe')
        return (query: string, args: unknown[] = [], options: Record<string, unknown> = {}) =>
          target.unsafe(query, args as never[], args.length ? { ...options, prepare: true } : options);
      if (prop === 'begin' || prop === 'savepoint')
        return (...a: unknown[]) => {
          const fn = a.pop() as (tx: Sql) => unknown;
          const open = Reflect.get(target, prop, receiver) as (...x: unknown[]) => unknown;
          return open.apply(target, [...a, (tx: Sql) => fn(preparing(tx))]);
        };
      return Reflect.get(target, prop, receiver);
    },
  });
}

/** Rows of a raw `db.execute()`, whichever driver answered. */
export function rowsOf<T>(result: unknown): T[] {
  if (Array.isArray(result)) return result as T[];
  return ((result as { rows?: T[] }).rows ?? []) as T[];
}

export type Tx = Parameters<Parameters<Db['transaction']>[0]>[0];
/** Either the database or an open transaction: data functions accept both. */
export type Queryable = Db | Tx;

/** Whether `q` is an open transaction: its reads may see writes of its own that it has not committed. */
export const inTransaction = (q: Queryable): boolean => q instanceof PgTransaction;

const built = new WeakMap<Queryable, Map<string, unknown>>();

/**
 * A query built once per database handle under `key` (drizzle builds a query's SQL on every call, which
 * cost more than the round trip of the hottest reads); in a transaction, built for it each time.
 */
export function builtOnce<T>(q: Queryable, key: string, build: () => T): T {
  if (inTransaction(q)) return build();
  const mine = built.get(q) ?? new Map<string, unknown>();
  built.set(q, mine);
  if (!mine.has(key)) mine.set(key, build());
  return mine.get(key) as T;
}
