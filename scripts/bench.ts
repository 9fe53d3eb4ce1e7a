// npm run bench: how close a sign-in, an API call and a page stand to what the hash and the HTTP stack
// allow, measured side by side in ONE run against `next start` on a large organisation on PostgreSQL
// (scripts/bench/large-org.ts, a throwaway database dropped afterwards). Writes docs/benchmarks.md.
// It builds when the sources changed and serves: run it under the shared lock
// (`flock /tmp/sc-e2e.lock npm run bench`). Compare ratios within one run, not absolute numbers.

import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import { verifyPassword } from '@/lib/auth/password-hash';
import { loadSignInContext } from '@/lib/auth/queries';
import { openDatabase } from '@/lib/db/connect';
import { runMigrations } from '@/lib/db/migrate';
import { DEMO_PASSWORD } from '@/lib/db/seed';
import { governedAccounts } from '@/lib/notices/queries';
import { loadEffectivePolicy } from '@/lib/policy/queries';
import { createSession } from '@/lib/sessions/commands';
import { SESSION_COOKIE } from '@/lib/sessions/token';
import { findAccount } from '@/lib/users/queries';
import { ANALYSIS, CAUSES } from './bench/causes';
import { cookieOf, firstLoadJs, latencies, load, pairedLatencies, type Reply, request } from './bench/http-load';
import { BENCH_ACCOUNTS, generateLargeOrg } from './bench/large-org';
import { build, buildIsFresh, freePort, startServer } from './lib/proc.mjs';
import { createThrowawayDatabase } from './lib/throwaway-db.mjs';

process.env.TEST_DATABASE_URL ??= process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const CLIENTS = 4;
const SECONDS = Number(process.env.BENCH_SECONDS ?? 6);
const loadAtStart = os.loadavg();
const f0 = (n: number) => n.toFixed(0);
const f2 = (n: number) => n.toFixed(2);

/** Bare Argon2id verifies per second with CLIENTS in parallel (the hash runs on libuv's pool). */
async function hashRate(): Promise<number> {
  const { hashPassword } = await import('@/lib/auth/password-hash');
  const h = await hashPassword(DEMO_PASSWORD);
  const r = await load(async () => ({ good: await verifyPassword(h, DEMO_PASSWORD), status: 0 }), CLIENTS, SECONDS);
  return r.perSecond;
}

async function timeIt(fn: () => Promise<unknown>, n: number): Promise<{ p50: number; p95: number }> {
  for (let i = 0; i < 20; i++) await fn();
  const ms: number[] = [];
  for (let i = 0; i < n; i++) {
    const t = performance.now();
    await fn();
    ms.push(performance.now() - t);
  }
  ms.sort((a, b) => a - b);
  return { p50: ms[Math.floor(n / 2)] as number, p95: ms[Math.floor(n * 0.95)] as number };
}

const basic = (u: string, p: string) => `Basic ${Buffer.from(`${u}:${p}`).toString('base64')}`;

/**
 * One console sign-in as the /login page's own script makes it. When the page carries the CSRF token
 * (rendered server-side), that is a single POST; otherwise next-auth's client: providers, csrf, the
 * callback and the session refresh.
 */
async function signInClient(base: string, ip: string) {
  const page = await request(`${base}/login`, { headers: { 'x-forwarded-for': ip } });
  const rendered = page.body.match(/name="csrfToken" value="([^"]+)"/)?.[1];
  const cookieName = Object.keys(Object.fromEntries([page.headers['set-cookie'] ?? []].flat().map((c) => [c.split('=')[0], 1]))).find((n) =>
    n.includes('csrf-token'),
  );
  const csrfCookie = cookieName ? cookieOf(page, cookieName) : undefined;
  return async (username: string): Promise<{ good: boolean; status: number }> => {
    const h = { 'x-forwarded-for': ip };
    let token = rendered;
    let cookie = cookieName && csrfCookie ? `${cookieName}=${csrfCookie}` : '';
    if (!rendered) {
      await request(`${base}/api/auth/providers`, { headers: h });
      const csrf = await request(`${base}/api/auth/csrf`, { headers: { ...h, cookie } });
      token = JSON.parse(csrf.body).csrfToken;
      const name = [csrf.headers['set-cookie'] ?? []].flat()[0]?.split(';')[0];
      if (name) cookie = name;
    }
    const body = new URLSearchParams({ username, password: DEMO_PASSWORD, csrfToken: token ?? '', callbackUrl: `${base}/`, json: 'true' }).toString();
    const r = await request(`${base}/api/auth/callback/credentials`, {
      method: 'POST',
      headers: { ...h, cookie, 'content-type': 'application/x-www-form-urlencoded', 'content-length': String(Buffer.byteLength(body)) },
      body,
    });
    const sid = cookieOf(r, SESSION_COOKIE);
    if (!rendered && sid) await request(`${base}/api/auth/session`, { headers: { ...h, cookie: `${cookie}; ${SESSION_COOKIE}=${sid}` } });
    return { good: r.status === 200 && !!sid, status: r.status };
  };
}

const tdb = await createThrowawayDatabase({ label: 'bench' });
if (!tdb.url) throw new Error('npm run bench needs PostgreSQL: set TEST_DATABASE_URL or BENCH_DATABASE_URL');
const handle = openDatabase({ url: tdb.url, dataDir: tdb.dataDir, poolSize: 4 });
let server: Awaited<ReturnType<typeof startServer>> | null = null;
const rows: string[] = [];
const notes: string[] = [];
try {
  console.log('Generating the large organisation…');
  await runMigrations(handle);
  const genStart = performance.now();
  const size = await generateLargeOrg(handle.db);
  const genSeconds = (performance.now() - genStart) / 1000;

  console.log('In-process measurements…');
  const leaf = await findAccount(handle.db, { username: BENCH_ACCOUNTS.viewed }, { columns: 'credentials' });
  if (!leaf) throw new Error('bench account missing');
  const roundTrip = await timeIt(() => handle.db.execute(sql`select 1`), 300);
  const policyTime = await timeIt(() => loadEffectivePolicy(handle.db, leaf.nodePath, leaf.credentialPolicyId), 300);
  const contextTime = await timeIt(() => loadSignInContext(handle.db, BENCH_ACCOUNTS.viewed), 300);
  // The scheduled work's read of every active account with its policy (once: it runs a few times a day).
  const sweepStart = performance.now();
  const governed = await governedAccounts(handle.db);
  const sweepMs = performance.now() - sweepStart;
  const H = await hashRate();

  if (!buildIsFresh()) build();
  const secret = randomBytes(24).toString('base64url');
  server = await startServer({
    port: await freePort(),
    // The scheduled work is timed on its own (in-process table); here it would only add noise.
    env: { DATABASE_URL: tdb.url, DATA_DIR: tdb.dataDir, NEXTAUTH_SECRET: secret, TRUSTED_PROXIES: '127.0.0.1,::1', JOBS_INTERVAL_SECONDS: '0' },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  const base = server.url.replace('localhost', '127.0.0.1');
  console.log(`Serving on ${base}; measuring…`);

  const manager = await findAccount(handle.db, { username: BENCH_ACCOUNTS.manager }, { columns: 'credentials' });
  const { id: managerSid } = await createSession(handle.db, {
    accountId: manager!.id,
    stage: 'active',
    idleMinutes: 240,
    absoluteMinutes: 1440,
    ip: '198.51.100.1',
    userAgent: 'bench',
    limit: 0,
  });
  const asManager = { cookie: `${SESSION_COOKIE}=${managerSid}`, 'x-forwarded-for': '198.51.100.1' };

  const R = await load(
    async () => {
      const r = await request(`${base}/api/v1/health`);
      return { good: r.status === 200, status: r.status };
    },
    CLIENTS,
    SECONDS,
  );
  const cookieApi = await load(
    async () => {
      const r = await request(`${base}/api/session/keepalive`, { method: 'POST', headers: asManager });
      return { good: r.status === 200, status: r.status };
    },
    CLIENTS,
    SECONDS,
  );
  const apiBasic = await load(
    async (c) => {
      const r = await request(`${base}/api/v1/me`, {
        headers: { authorization: basic(BENCH_ACCOUNTS.api, DEMO_PASSWORD), 'x-forwarded-for': `198.51.100.${20 + c}` },
      });
      return { good: r.status === 200, status: r.status };
    },
    CLIENTS,
    SECONDS,
  );
  const clients = await Promise.all(Array.from({ length: CLIENTS }, (_, c) => signInClient(base, `198.51.100.${40 + c}`)));
  const signIns = await load(
    (c) => (clients[c] as (u: string) => Promise<{ good: boolean; status: number }>)(BENCH_ACCOUNTS.signIn[c] as string),
    CLIENTS,
    SECONDS,
  );
  // A throttled source: wrong passwords from one address until it is refused, then its 429s per second.
  const attacker = { 'x-forwarded-for': '203.0.113.66', authorization: basic('no.such.account', 'wrong') };
  for (let i = 0; i < 50; i++) if ((await request(`${base}/api/v1/me`, { headers: attacker })).status === 429) break;
  const throttled = await load(
    async () => {
      const r = await request(`${base}/api/v1/me`, { headers: attacker });
      return { good: r.status === 429, status: r.status };
    },
    CLIENTS,
    SECONDS,
  );

  // Per-request enforcement: one client, p50 of a cookie-checked route over the no-check route.
  const [healthLat, checkedLat] = (await pairedLatencies(
    [() => request(`${base}/api/v1/health`), () => request(`${base}/api/session/keepalive`, { method: 'POST', headers: asManager })],
    600,
    20,
  )) as [{ p50: number; p95: number }, { p50: number; p95: number }];

  const pages: [string, string][] = [
    ['Overview', '/'],
    ['Security page', '/users/setup/security'],
    ['Credential policies page', '/users/setup/credential-policies'],
    ['User list', '/users'],
    ['Account page', `/users/${BENCH_ACCOUNTS.viewed}`],
    ['Sign-in log', '/users/setup/sign-in-log'],
    ['Audit log', '/users/setup/audit-log'],
    ['Hierarchy', '/users/setup/hierarchy'],
    ['Locked accounts', '/users/setup/locked-accounts'],
    ['Expiring passwords', '/users/setup/expiring-passwords'],
  ];
  const pageRows: { name: string; path: string; p50: number; p95: number; bytes: number }[] = [];
  for (const [name, p] of pages) {
    const first: Reply = await request(`${base}${p}`, { headers: asManager });
    if (first.status !== 200) {
      notes.push(`${name} (${p}) answered ${first.status}; not measured.`);
      continue;
    }
    const l = await latencies(() => request(`${base}${p}`, { headers: asManager }), 30);
    pageRows.push({ name, path: p, p50: l.p50, p95: l.p95, bytes: first.body.length });
  }
  const viewed = await findAccount(handle.db, { username: BENCH_ACCOUNTS.viewed }, { columns: 'credentials' });
  const { id: changeSid } = await createSession(handle.db, {
    accountId: viewed!.id,
    stage: 'change_password',
    idleMinutes: 240,
    absoluteMinutes: 1440,
    ip: '198.51.100.2',
    userAgent: 'bench',
    limit: 0,
  });
  const jsLogin = await firstLoadJs(base, '/login');
  const jsChange = await firstLoadJs(base, '/login/change-password', { cookie: `${SESSION_COOKIE}=${changeSid}`, 'x-forwarded-for': '198.51.100.2' });
  if (jsChange.status !== 200) notes.push(`/login/change-password answered ${jsChange.status}`);

  const L = 1 / (1 / H + 1 / R.perSecond);
  const overhead = checkedLat.p50 - healthLat.p50;
  const met = (ok: boolean) => (ok ? '**met**' : '**not met**');
  const ratio = (a: number, b: number) => `${f2(a / b)} ×`;
  const target = (what: string, value: string, ok: boolean, cause: string) => rows.push(`| ${what} | ${value} | ${met(ok)} | ${cause} |`);
  const cause = (k: string, ok: boolean) => (ok ? (CAUSES[`${k}.met`] ?? '') : (CAUSES[k] ?? 'not analysed'));

  const ok1 = signIns.perSecond >= 0.8 * L;
  target('console sign-ins/s ≥ 0.8 × L', `${f0(signIns.perSecond)}/s = ${ratio(signIns.perSecond, L)} L`, ok1, cause('signin', ok1));
  const ok2 = apiBasic.perSecond >= 0.8 * cookieApi.perSecond;
  target(
    'API Basic calls/s ≥ 0.8 × cookie calls/s',
    `${f0(apiBasic.perSecond)}/s = ${ratio(apiBasic.perSecond, cookieApi.perSecond)}`,
    ok2,
    cause('basic', ok2),
  );
  const ok3 = throttled.perSecond >= 0.7 * R.perSecond;
  target(
    '429 answers/s ≥ 0.7 × no-check route',
    `${f0(throttled.perSecond)}/s = ${ratio(throttled.perSecond, R.perSecond)}`,
    ok3,
    cause('throttle', ok3),
  );
  const ok4 = overhead < 1;
  target('per-request enforcement < 1 ms p50', `${f2(overhead)} ms (${f2(checkedLat.p50)} − ${f2(healthLat.p50)})`, ok4, cause('enforce', ok4));
  const ok5 = policyTime.p50 < 1;
  target('effective-policy resolution < 1 ms', `${f2(policyTime.p50)} ms p50, ${f2(policyTime.p95)} ms p95`, ok5, cause('policy', ok5));
  for (const p of pageRows) {
    const ok = p.p95 < 100;
    target(
      `${p.name} (\`${p.path}\`) < 100 ms p95`,
      `${f0(p.p50)} ms p50, ${f0(p.p95)} ms p95, ${f0(p.bytes / 1024)} KB HTML`,
      ok,
      cause(`page:${p.path}`, ok),
    );
  }
  for (const [pg, js] of [
    ['/login', jsLogin],
    ['/login/change-password', jsChange],
  ] as const) {
    const ok = js.brotli < 120 * 1024;
    target(
      `\`${pg}\` first-load JS < 120 KB compressed`,
      `${f0(js.brotli / 1024)} KB brotli, ${f0(js.gzip / 1024)} KB gzip, ${js.files} files`,
      ok,
      cause(`js:${pg}`, ok),
    );
  }

  const throughput = [
    ['bare Argon2id verify (m=19456, t=2, p=1), H', H, ''],
    ['console sign-in (as /login posts it)', signIns.perSecond, `${ratio(signIns.perSecond, H)} H, ${ratio(signIns.perSecond, L)} L`],
    [
      'API call, HTTP Basic (`GET /api/v1/me`)',
      apiBasic.perSecond,
      `${ratio(apiBasic.perSecond, H)} H, ${ratio(apiBasic.perSecond, cookieApi.perSecond)} cookie`,
    ],
    ['API call, session cookie (`POST /api/session/keepalive`)', cookieApi.perSecond, `${ratio(cookieApi.perSecond, R.perSecond)} R`],
    ['throttled source, 429 answers (`GET /api/v1/me`)', throttled.perSecond, `${ratio(throttled.perSecond, R.perSecond)} R`],
    ['no-check route (`GET /api/v1/health`), R', R.perSecond, ''],
    ['L = 1 / (1/H + 1/R)', L, ''],
  ] as const;
  const unexpected = { signIns: signIns.other, apiBasic: apiBasic.other, cookieApi: cookieApi.other, throttled: throttled.other };
  for (const [k, v] of Object.entries(unexpected)) if (Object.keys(v).length) notes.push(`${k}: other answers ${JSON.stringify(v)}`);

  const cpu = os.cpus()[0]?.model ?? 'unknown CPU';
  const loadAtEnd = os.loadavg();
  const report = `# Benchmarks

Measured by \`npm run bench\` (scripts/bench.ts) in **one run**: every figure below comes from the same
run, against \`next start\` (production build) on PostgreSQL, so ratios are what count; the machine is
shared, so absolute figures move with its load.

- Date: ${new Date().toISOString()}
- Machine: ${os.cpus().length} × ${cpu} (nproc ${os.availableParallelism()}), ${(os.totalmem() / 2 ** 30).toFixed(1)} GiB RAM, Node ${process.version}
- Load average (1/5/15 min): at start ${loadAtStart.map(f2).join(' / ')}, at end ${loadAtEnd.map(f2).join(' / ')}
- Data: ${size.nodes} nodes (sys → hcs → ${'20'} providers → resellers → customers → sites), ${size.accounts} accounts,
  credential policies at provider, reseller and customer level, ${size.signIns.toLocaleString('en')} sign-in and ${size.audits.toLocaleString('en')} audit rows over a year;
  generated in ${f0(genSeconds)} s (scripts/bench/large-org.ts)
- Load: ${CLIENTS} parallel clients, keep-alive, ${SECONDS} s per row after 1 s warm-up; pages: one client, 30 requests after 3

## Throughput

| what | per second | ratio |
| --- | ---: | --- |
${throughput.map(([w, n, r]) => `| ${w} | ${f0(n)} | ${r} |`).join('\n')}

## Targets

| target | this run | | cause / what was done |
| --- | --- | --- | --- |
${rows.join('\n')}

## In-process (bench process → PostgreSQL)

| operation | p50 ms | p95 ms |
| --- | ---: | ---: |
| one round trip (\`select 1\`), the floor of any query | ${f2(roundTrip.p50)} | ${f2(roundTrip.p95)} |
| effective policy of an account at a site (5 levels deep) | ${f2(policyTime.p50)} | ${f2(policyTime.p95)} |
| sign-in context: account and config version (policy and settings from the per-instance cache) | ${f2(contextTime.p50)} | ${f2(contextTime.p95)} |
| scheduled work's read: ${governed.length.toLocaleString('en')} active accounts with their policies, once | ${f0(sweepMs)} | |
| \`GET /api/v1/health\` (one \`select 1\`), one client | ${f2(healthLat.p50)} | ${f2(healthLat.p95)} |
| \`POST /api/session/keepalive\` (the data layer's session check), one client, alternating with health | ${f2(checkedLat.p50)} | ${f2(checkedLat.p95)} |
${notes.length ? `\n## Notes\n\n${notes.map((n) => `- ${n}`).join('\n')}\n` : ''}\n${ANALYSIS}\n`;
  fs.writeFileSync(path.join(process.cwd(), 'docs', 'benchmarks.md'), report);
  console.log(report);
} finally {
  await server?.stop();
  await handle.close();
  await tdb.drop();
}
process.exit(0);
