// npm test: every test. Unit and integration tests (vitest), then the browser tests (Playwright)
// against a production build on a throwaway database. Exits non-zero if anything failed.

import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { build, buildIsFresh, freePort, root, run, startServer, tsx } from './lib/proc.mjs';
import { createThrowawayDatabase } from './lib/throwaway-db.mjs';

const reports = fs.mkdtempSync(path.join(os.tmpdir(), 'sc-reports-'));
const counts = { passed: 0, failed: 0, skipped: 0 };

function findBrowser() {
  if (process.env.CHROMIUM_PATH && fs.existsSync(process.env.CHROMIUM_PATH)) return process.env.CHROMIUM_PATH;
  for (const p of ['/usr/bin/chromium', '/usr/bin/chromium-browser']) if (fs.existsSync(p)) return p;
  const isRoot = process.getuid?.() === 0;
  if (fs.existsSync('/usr/bin/apt-get')) {
    console.log('Installing Chromium from the distribution packages…');
    const sudo = isRoot ? [] : ['sudo', '-n'];
    const apt = (args) =>
      spawnSync(sudo[0] ?? 'apt-get', [...sudo.slice(1), ...(sudo.length ? ['apt-get'] : []), ...args], {
        stdio: 'inherit',
        env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' },
      }).status === 0;
    if (apt(['update', '-qq']) && apt(['install', '-y', '-qq', 'chromium']) && fs.existsSync('/usr/bin/chromium')) return '/usr/bin/chromium';
  }
  // Elsewhere (macOS, other Linux): Playwright's own browser download.
  console.log('Falling back to Playwright’s own Chromium…');
  if (run('npx', ['playwright', 'install', 'chromium']) !== 0) {
    console.error('No Chromium available: install it (e.g. apt-get install chromium) and run npm test again.');
    process.exit(1);
  }
  return '';
}

/** A throwaway database (see lib/throwaway-db.mjs) as the environment the server and scripts read. */
async function throwawayDatabase(label) {
  const db = await createThrowawayDatabase({ label });
  return { env: { DATA_DIR: db.dataDir, DATABASE_URL: db.url ?? '' }, drop: db.drop };
}

function tally(file, kind) {
  try {
    const r = JSON.parse(fs.readFileSync(file, 'utf8'));
    if (kind === 'vitest') {
      counts.passed += r.numPassedTests;
      counts.failed += r.numFailedTests;
      counts.skipped += r.numPendingTests + (r.numTodoTests ?? 0);
    } else {
      counts.passed += r.stats.expected + (r.stats.flaky ?? 0);
      counts.failed += r.stats.unexpected;
      counts.skipped += r.stats.skipped;
    }
  } catch {
    counts.failed += 1; // the runner died before reporting
  }
}

let status = 0;
const only = process.argv[2]; // "unit", "e2e" or "multi" to run one part
// Anything after the part goes to its runner: `npm test e2e -- e2e/sign-in.spec.ts`, `npm test unit -- tests/unit`.
const extra = process.argv.slice(3);
const wants = (part) => !only || only === part;
let built = false;
function buildOnce() {
  if (built) return;
  // A build newer than every source file is reused (a second local run); CI's clean clone always builds.
  if (!buildIsFresh()) build();
  built = true;
}

if (wants('unit')) {
  const vitestJson = path.join(reports, 'vitest.json');
  status |= run(process.execPath, [
    path.join(root, 'node_modules/vitest/vitest.mjs'),
    'run',
    '--reporter=default',
    '--reporter=json',
    `--outputFile.json=${vitestJson}`,
    ...(only === 'unit' ? extra : []),
  ]);
  tally(vitestJson, 'vitest');
}

if (wants('e2e')) {
  const browser = findBrowser();
  buildOnce();
  const db = await throwawayDatabase('e2e');
  let server;
  try {
    tsx('scripts/seed.ts', [], db.env);
    tsx('e2e/fixtures/index.ts', [], db.env);
    const port = await freePort();
    // The browser connects over 127.0.0.1 (an untrusted peer); tests that stand for traffic through a
    // load balancer connect over ::1, the one trusted proxy, and name the client in X-Forwarded-For.
    const base = `http://127.0.0.1:${port}`;
    server = await startServer({ port, env: { ...db.env, TRUSTED_PROXIES: '::1', NEXTAUTH_URL: base }, stdio: ['ignore', 'ignore', 'inherit'] });
    const pwJson = path.join(reports, 'playwright.json');
    status |= run(
      process.execPath,
      [path.join(root, 'node_modules/@playwright/test/cli.js'), 'test', '--reporter=list,json', ...(only === 'e2e' ? extra : [])],
      {
        BASE_URL: base,
        PROXY_URL: `http://[::1]:${port}`,
        CHROMIUM_PATH: browser,
        PLAYWRIGHT_JSON_OUTPUT_NAME: pwJson,
        // Specs that count rows read the database directly when it is PostgreSQL (PGlite admits one process).
        E2E_DATABASE_URL: db.env.DATABASE_URL,
      },
    );
    tally(pwJson, 'playwright');
  } finally {
    await server?.stop();
    await db.drop();
  }
}

// Two instances behind one database (PostgreSQL only: the embedded store admits one process).
if (wants('multi') && process.env.TEST_DATABASE_URL) {
  buildOnce();
  const db = await throwawayDatabase('multi');
  const servers = [];
  try {
    tsx('scripts/seed.ts', [], db.env);
    const env = { ...db.env, NEXTAUTH_SECRET: randomBytes(24).toString('base64url') };
    for (let i = 0; i < 2; i++) servers.push(await startServer({ port: await freePort(), env, stdio: ['ignore', 'ignore', 'inherit'] }));
    const json = path.join(reports, 'multi.json');
    status |= run(
      process.execPath,
      [
        path.join(root, 'node_modules/vitest/vitest.mjs'),
        'run',
        'tests/multi-instance',
        '--reporter=default',
        '--reporter=json',
        `--outputFile.json=${json}`,
      ],
      {
        DATABASE_URL: db.env.DATABASE_URL,
        INSTANCE_URLS: servers.map((s) => s.url).join(','),
      },
    );
    tally(json, 'vitest');
  } finally {
    await Promise.all(servers.map((s) => s.stop()));
    await db.drop();
  }
}

console.log(`\nAll suites: ${counts.passed} passed, ${counts.failed} failed${counts.skipped ? `, ${counts.skipped} skipped` : ''}`);
process.exit(status || (counts.failed ? 1 : 0));
