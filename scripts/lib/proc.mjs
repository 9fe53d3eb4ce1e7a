// Helpers shared by the demo and test launchers: run commands, start and stop `next start`.
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';

export const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..', '..');
const tsxCli = path.join(root, 'node_modules', 'tsx', 'dist', 'cli.mjs');
const nextCli = path.join(root, 'node_modules', 'next', 'dist', 'bin', 'next');

export function run(cmd, args, env = {}) {
  const r = spawnSync(cmd, args, { cwd: root, stdio: 'inherit', env: { ...process.env, ...env } });
  return r.status ?? 1;
}

function runOrExit(cmd, args, env = {}) {
  const status = run(cmd, args, env);
  if (status !== 0) {
    console.error(`\n${[cmd, ...args].join(' ')} failed (exit ${status})`);
    process.exit(status);
  }
}

export const tsx = (script, args = [], env = {}) => runOrExit(process.execPath, [tsxCli, script, ...args], env);

export function build(env = {}) {
  runOrExit(process.execPath, [nextCli, 'build'], { NEXT_TELEMETRY_DISABLED: '1', ...env });
}

/** True when .next holds a build newer than every source file. */
export function buildIsFresh() {
  const id = path.join(root, '.next', 'BUILD_ID');
  if (!fs.existsSync(id)) return false;
  const built = fs.statSync(id).mtimeMs;
  const newest = (p) => {
    if (!fs.existsSync(p)) return 0;
    const st = fs.statSync(p);
    if (!st.isDirectory()) return st.mtimeMs;
    return Math.max(0, ...fs.readdirSync(p).map((f) => newest(path.join(p, f))));
  };
  const sources = ['app', 'components', 'lib', 'public', 'proxy.ts', 'instrumentation.ts', 'next.config.mjs', 'package.json', 'postcss.config.mjs'];
  return sources.every((s) => newest(path.join(root, s)) < built);
}

export function freePort() {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address();
      srv.close(() => resolve(port));
    });
    srv.on('error', reject);
  });
}

/** Starts `next start` (a PID we own) and waits until /api/v1/health answers. */
export async function startServer({ port, env = {}, stdio = 'inherit', hostname }) {
  const args = [nextCli, 'start', '-p', String(port)];
  if (hostname) args.push('-H', hostname);
  const proc = spawn(process.execPath, args, {
    cwd: root,
    stdio,
    env: { ...process.env, NEXT_TELEMETRY_DISABLED: '1', NODE_ENV: 'production', NEXTAUTH_URL: `http://localhost:${port}`, ...env },
  });
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    if (proc.exitCode !== null) throw new Error(`next start exited with ${proc.exitCode}`);
    try {
      const res = await fetch(`http://127.0.0.1:${port}/api/v1/health`);
      if (res.ok) break;
    } catch {
      /* not up yet */
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  const stop = () =>
    new Promise((resolve) => {
      if (proc.exitCode !== null) return resolve();
      proc.once('exit', () => resolve());
      proc.kill('SIGTERM');
      setTimeout(() => proc.exitCode === null && proc.kill('SIGKILL'), 5000).unref();
    });
  return { proc, stop, url: `http://localhost:${port}` };
}
