// A small closed-loop HTTP load generator: N clients, each sending its next request when the last one
// answered, over keep-alive connections. Enough to compare routes side by side; no dependency.

import http from 'node:http';
import zlib from 'node:zlib';

export interface Reply {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: string;
  ms: number;
}

const agent = new http.Agent({ keepAlive: true, maxSockets: 16 });

export function request(url: string, opts: { method?: string; headers?: Record<string, string>; body?: string } = {}): Promise<Reply> {
  const start = performance.now();
  return new Promise((resolve, reject) => {
    const req = http.request(url, { method: opts.method ?? 'GET', headers: opts.headers, agent }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c) => chunks.push(c));
      res.on('end', () =>
        resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString('utf8'), ms: performance.now() - start }),
      );
      res.on('error', reject);
    });
    req.on('error', reject);
    if (opts.body) req.write(opts.body);
    req.end();
  });
}

export interface LoadResult {
  perSecond: number;
  ok: number;
  other: Record<number, number>;
  p50: number;
  p95: number;
}

const pct = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))] ?? Number.NaN;
};

/**
 * `clients` loops run `op` back to back for `seconds` (after a short warm-up); `op` resolves to true
 * when its answer is the one being measured (e.g. a 200 with a session cookie, or a 429).
 */
export async function load(op: (client: number) => Promise<{ good: boolean; status: number }>, clients = 4, seconds = 6): Promise<LoadResult> {
  const warm = Date.now() + 1000;
  await Promise.all(
    Array.from({ length: clients }, async (_, c) => {
      while (Date.now() < warm) await op(c);
    }),
  );
  let ok = 0;
  const other: Record<number, number> = {};
  const lat: number[] = [];
  const start = performance.now();
  const end = start + seconds * 1000;
  await Promise.all(
    Array.from({ length: clients }, async (_, c) => {
      while (performance.now() < end) {
        const t = performance.now();
        const r = await op(c);
        lat.push(performance.now() - t);
        if (r.good) ok++;
        else other[r.status] = (other[r.status] ?? 0) + 1;
      }
    }),
  );
  const elapsed = (performance.now() - start) / 1000;
  return { perSecond: ok / elapsed, ok, other, p50: pct(lat, 50), p95: pct(lat, 95) };
}

/** Sequential latencies of one request (one client), for p50/p95 of a page or a route. */
export async function latencies(op: () => Promise<Reply>, n: number, warmup = 3): Promise<{ p50: number; p95: number; statuses: Set<number> }> {
  for (let i = 0; i < warmup; i++) await op();
  const ms: number[] = [];
  const statuses = new Set<number>();
  for (let i = 0; i < n; i++) {
    const r = await op();
    ms.push(r.ms);
    statuses.add(r.status);
  }
  return { p50: pct(ms, 50), p95: pct(ms, 95), statuses };
}

/**
 * Sequential latencies of several requests measured side by side: each round sends every one of them
 * once (in turn, the order alternating), so drift in the machine's load touches all of them alike.
 */
export async function pairedLatencies(ops: (() => Promise<Reply>)[], n: number, warmup = 3): Promise<{ p50: number; p95: number }[]> {
  for (let i = 0; i < warmup; i++) for (const op of ops) await op();
  const ms: number[][] = ops.map(() => []);
  for (let i = 0; i < n; i++) {
    const order = i % 2 ? [...ops.keys()].reverse() : [...ops.keys()];
    for (const k of order) ms[k]?.push((await (ops[k] as () => Promise<Reply>)()).ms);
  }
  return ms.map((xs) => ({ p50: pct(xs, 50), p95: pct(xs, 95) }));
}

/**
 * Compressed size of the JavaScript a page loads on first paint: every <script src> of its HTML except
 * `nomodule` polyfills (modern browsers skip them), gzip and brotli (Next.js itself serves gzip; a CDN
 * or reverse proxy in front usually serves brotli).
 */
export async function firstLoadJs(
  base: string,
  page: string,
  headers: Record<string, string> = {},
): Promise<{ gzip: number; brotli: number; files: number; status: number }> {
  const res = await request(`${base}${page}`, { headers });
  const tags = [...res.body.matchAll(/<script[^>]+>/g)].map((m) => m[0]).filter((t) => !/\snomodule/i.test(t));
  const srcs = [...new Set(tags.flatMap((t) => t.match(/src="([^"]+)"/)?.[1] ?? []))];
  let gzip = 0;
  let brotli = 0;
  for (const src of srcs) {
    const body = Buffer.from((await request(new URL(src, base).toString())).body);
    gzip += zlib.gzipSync(body).length;
    brotli += zlib.brotliCompressSync(body).length;
  }
  return { gzip, brotli, files: srcs.length, status: res.status };
}

export function cookieOf(r: Reply, name: string): string | undefined {
  for (const c of [r.headers['set-cookie'] ?? []].flat()) {
    const [pair] = c.split(';');
    const i = pair?.indexOf('=') ?? -1;
    if (pair && i > 0 && pair.slice(0, i) === name) return pair.slice(i + 1);
  }
  return undefined;
}
