import type { LogFilter } from './forms';

/**
 * One CSV cell: quoted, quotes doubled, and a leading = + - @ (or tab, CR) prefixed with ' so that a
 * spreadsheet does not run a username or detail text as a formula.
 */
export function csvCell(value: unknown): string {
  let s = value == null ? '' : value instanceof Date ? value.toISOString() : typeof value === 'object' ? JSON.stringify(value) : String(value);
  if (/^[=+\-@\t\r]/.test(s)) s = `'${s}`;
  return `"${s.replace(/"/g, '""')}"`;
}

export const csvLine = (cells: unknown[]) => `${cells.map(csvCell).join(',')}\r\n`;

/**
 * Streams every row of a filtered log as CSV, page by page on the same keyset as the page, so memory
 * stays flat however many rows match and the file holds exactly the rows the filter selects.
 */
export function csvStream<R extends { id: number }>(
  header: string[],
  cells: (r: R) => unknown[],
  page: (f: LogFilter) => Promise<{ rows: R[]; next?: number }>,
  filter: LogFilter,
): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  let before = filter.before;
  let started = false;
  let done = false;
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      if (!started) {
        started = true;
        controller.enqueue(encoder.encode(csvLine(header)));
        return;
      }
      if (done) return controller.close();
      const { rows, next } = await page({ ...filter, before });
      if (rows.length) controller.enqueue(encoder.encode(rows.map((r) => csvLine(cells(r))).join('')));
      if (next === undefined) done = true;
      else before = next;
    },
  });
}
