import { spawn, type ChildProcess, type SpawnOptions } from 'node:child_process';
import { once } from 'node:events';
import http from 'node:http';
import { performance } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';

// The bot takes its port from PORT and does not report it back when logging is silent, so the bench picks one.
export { findFreePort } from '../test/helpers/free-port';

/** One GET /healthz; resolves with the status, or undefined while nothing listens. */
function probeHealth(port: number): Promise<number | undefined> {
  return new Promise((resolve) => {
    const request = http.get({ host: '127.0.0.1', port, path: '/healthz', agent: false }, (response) => {
      response.resume();
      resolve(response.statusCode);
    });
    request.on('error', () => resolve(undefined));
  });
}

/** Polls /healthz every `everyMs` until it answers 200; resolves with performance.now() of that answer. */
export async function waitForHealthy(port: number, options: { everyMs: number; timeoutMs: number; child: ChildProcess }): Promise<number> {
  const deadline = performance.now() + options.timeoutMs;
  for (;;) {
    if (options.child.exitCode !== null) throw new Error(`the process exited with ${options.child.exitCode} before it was healthy`);
    const status = await probeHealth(port);
    if (status === 200) return performance.now();
    if (performance.now() > deadline) throw new Error(`no 200 from /healthz on port ${port} within ${options.timeoutMs} ms`);
    await sleep(options.everyMs);
  }
}

export interface NodeChild {
  readonly child: ChildProcess;
  readonly pid: number;
  /** SIGTERM, then SIGKILL if it has not exited after `graceMs`. Resolves once it has exited. */
  stop(graceMs?: number): Promise<void>;
}

/**
 * Starts `node [flags] script` with the given environment, optionally pinned to one CPU with taskset (which execs
 * node, so the pid is node's). stdout is dropped, or piped with `pipeStdout` (to read the log); stderr is passed
 * through so a crash is visible.
 */
export function startNode(options: {
  script: string;
  args?: readonly string[];
  nodeFlags: readonly string[];
  env: NodeJS.ProcessEnv;
  cwd: string;
  cpu?: number | undefined;
  ipc?: boolean;
  pipeStdout?: boolean;
}): NodeChild {
  const nodeArgs = [...options.nodeFlags, options.script, ...(options.args ?? [])];
  const [command, args] =
    options.cpu === undefined ? [process.execPath, nodeArgs] : ['taskset', ['-c', String(options.cpu), process.execPath, ...nodeArgs]];
  const spawnOptions: SpawnOptions = {
    cwd: options.cwd,
    env: options.env,
    stdio: options.ipc ? ['ignore', 'inherit', 'inherit', 'ipc'] : ['ignore', options.pipeStdout ? 'pipe' : 'ignore', 'inherit'],
  };
  const child = spawn(command, args, spawnOptions);
  if (child.pid === undefined) throw new Error(`could not start ${options.script}`);
  const exited = child.exitCode !== null ? Promise.resolve() : once(child, 'exit').then(() => undefined);
  return {
    child,
    pid: child.pid,
    async stop(graceMs = 5_000) {
      if (child.exitCode !== null || child.signalCode !== null) return;
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
      await exited;
      clearTimeout(timer);
    },
  };
}

/** Calls `onLine` with each JSON line the child writes to stdout (its pino log); needs `pipeStdout`. */
export function readLogLines(child: ChildProcess, onLine: (line: Record<string, unknown>) => void): void {
  let pending = '';
  child.stdout?.on('data', (chunk: Buffer) => {
    pending += chunk.toString();
    const lines = pending.split('\n');
    pending = lines.pop() ?? '';
    for (const text of lines) if (text.startsWith('{')) onLine(JSON.parse(text) as Record<string, unknown>);
  });
}
