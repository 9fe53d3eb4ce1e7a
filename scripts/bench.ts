// npm run bench: the hot paths of every request and every sign-in, measured side by side in one run.
// Writes docs/benchmarks.md with the machine and date. Compare ratios, not absolute numbers.

import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import postgres from 'postgres';
import { hashPassword, verifyPassword } from '@/lib/auth/password-hash';
import { loadSignInContext } from '@/lib/auth/queries';
import { type DbHandle, openDatabase } from '@/lib/db/connect';
import { runMigrations } from '@/lib/db/migrate';
import { DEMO_PASSWORD, seedDemo } from '@/lib/db/seed';
import { compileAllowlist, ipAllowed } from '@/lib/net/ip';
import { createSession } from '@/lib/sessions/commands';
import { checkSession } from '@/lib/sessions/queries';

async function measure(name: string, fn: () => Promise<unknown> | unknown, seconds = 2) {
  for (let i = 0; i < 20; i++) await fn();
  let n = 0;
  const start = performance.now();
  while (performance.now() - start < seconds * 1000) {
    await fn();
    n++;
  }
  const ms = (performance.now() - start) / n;
  return { name, ms, opsPerSec: 1000 / ms };
}

async function withDb(kind: 'pglite' | 'postgres'): Promise<{ handle: DbHandle; cleanup: () => Promise<void> } | null> {
  if (kind === 'pglite') {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sc-bench-'));
    const handle = openDatabase({ dataDir: dir });
    return {
      handle,
      cleanup: async () => {
        await handle.close();
        fs.rmSync(dir, { recursive: true, force: true });
      },
    };
  }
  const base = process.env.BENCH_DATABASE_URL ?? process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
  const name = `sc_bench_${randomBytes(3).toString('hex')}`;
  try {
    const admin = postgres(base, { max: 1, onnotice: () => {} });
    await admin.unsafe(`create database ${name}`);
    await admin.end();
  } catch {
    return null;
  }
  const u = new URL(base);
  u.pathname = `/${name}`;
  const handle = openDatabase({ url: u.toString(), dataDir: os.tmpdir() });
  return {
    handle,
    cleanup: async () => {
      await handle.close();
      const a = postgres(base, { max: 1, onnotice: () => {} });
      await a.unsafe(`drop database if exists ${name} with (force)`);
      await a.end();
    },
  };
}

const rows: string[] = [];
const allowlist = Array.from({ length: 1000 }, (_, i) => `10.${i >> 8}.${i & 255}.0/24`);
const pure = [
  await measure('IP allowlist, 1000 CIDR entries, parsed on every check', () => compileAllowlist(allowlist)('192.0.2.1'), 1),
  await measure('IP allowlist, 1000 CIDR entries, compiled list cached (as requests use it)', () => ipAllowed('192.0.2.1', allowlist), 1),
];
const h = await hashPassword(DEMO_PASSWORD);
pure.push(await measure('Argon2id verify (m=19456, t=2, p=1)', () => verifyPassword(h, DEMO_PASSWORD), 2));
for (const r of pure) rows.push(`| pure | ${r.name} | ${r.ms.toFixed(3)} | ${r.opsPerSec.toFixed(0)} |`);

for (const kind of ['pglite', 'postgres'] as const) {
  const env = await withDb(kind);
  if (!env) {
    rows.push(`| ${kind} | (not reachable) | | |`);
    continue;
  }
  const { handle, cleanup } = env;
  try {
    await runMigrations(handle);
    await seedDemo(handle.db);
    const { id } = await createSession(handle.db, {
      accountId: 3,
      stage: 'active',
      idleMinutes: 20,
      absoluteMinutes: 1440,
      ip: '127.0.0.1',
      userAgent: 'bench',
      limit: 0,
    });
    const results = [
      await measure('per-request session check, read only (proxy)', () => checkSession(handle.db, id, { touch: false })),
      await measure('per-request session check, refreshing idle time (data layer)', () => checkSession(handle.db, id, { touch: true })),
      await measure('sign-in context: account, effective policy, settings', () => loadSignInContext(handle.db, 'alice.contoso')),
    ];
    for (const r of results) rows.push(`| ${kind} | ${r.name} | ${r.ms.toFixed(3)} | ${r.opsPerSec.toFixed(0)} |`);
  } finally {
    await cleanup();
  }
}

const cpu = os.cpus()[0]?.model ?? 'unknown CPU';
const report = `# Benchmarks

Measured by \`npm run bench\` (scripts/bench.ts), all rows in one run, so compare ratios within it.
Each row runs its operation back to back, one at a time, for 1–2 s after a warm-up.

- Date: ${new Date().toISOString()}
- Machine: ${os.cpus().length} × ${cpu}, ${(os.totalmem() / 2 ** 30).toFixed(0)} GiB, Node ${process.version}
- PostgreSQL: local server on 127.0.0.1 (a fresh database); PGlite: embedded, temporary folder

| store | operation | ms / op | ops / s |
| --- | --- | ---: | ---: |
${rows.join('\n')}

Reading: a sign-in is dominated by Argon2id by design; the per-request check is one indexed statement.
`;
fs.writeFileSync(path.join(process.cwd(), 'docs', 'benchmarks.md'), report);
console.log(report);
