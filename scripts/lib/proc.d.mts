import type { ChildProcess, StdioOptions } from 'node:child_process';

export const root: string;
export function run(cmd: string, args: string[], env?: Record<string, string>): number;
export function tsx(script: string, args?: string[], env?: Record<string, string>): void;
export function build(env?: Record<string, string>): void;
/** True when .next holds a build newer than every source file. */
export function buildIsFresh(): boolean;
export function freePort(): Promise<number>;
/** Starts `next start` (a PID we own) and waits until /api/v1/health answers. */
export function startServer(opts: {
  port: number;
  env?: Record<string, string | undefined>;
  stdio?: StdioOptions;
  hostname?: string;
}): Promise<{ proc: ChildProcess; stop: () => Promise<void>; url: string }>;
