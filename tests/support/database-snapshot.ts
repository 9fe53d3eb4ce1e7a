import { sql } from 'drizzle-orm';
import type { Db, Tx } from '@/lib/db/connect';

const rowsOf = <T>(r: unknown): T[] => ((r as { rows?: T[] }).rows ?? (r as T[])) as T[];

/**
 * A digest of every row of every table: two equal digests mean nothing was inserted, updated or
 * deleted in between (the "no partial write" check of the matrix and the fuzzing).
 */
export async function databaseSnapshot(q: Db | Tx): Promise<string> {
  const tables = rowsOf<{ name: string }>(
    await q.execute(sql`
      select table_name as name from information_schema.tables
      where table_schema = current_schema() and table_type = 'BASE TABLE' and table_name not like '%migrations%'
      order by table_name`),
  );
  const parts = [];
  for (const { name } of tables) {
    const [row] = rowsOf<{ h: string | null; n: number }>(
      await q.execute(
        sql`select md5(coalesce(string_agg(t::text, '|' order by t::text), '')) as h, count(*)::int as n from ${sql.identifier(name)} t`,
      ),
    );
    parts.push(`${name}:${row?.n}:${row?.h}`);
  }
  return parts.join(',');
}
