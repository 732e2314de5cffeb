import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import path from 'node:path';
import { createLogBook, type LogBook } from './recording-logger';
import { sign } from './sign';
import { CHANNEL_ACCESS_TOKEN, CHANNEL_SECRET, ROOT } from './test-bot';

/**
 * Compiles the bot into its own folder under dist/, so test files that build in parallel never run each other's
 * half-written output. Returns the path of its main.js.
 */
export function buildBot(folder: string): string {
  const outDir = path.join(ROOT, 'dist', folder);
  execFileSync(process.execPath, [path.join(ROOT, 'node_modules/typescript/bin/tsc'), '-p', 'tsconfig.build.json', '--outDir', outDir], {
    cwd: ROOT,
  });
  return path.join(outDir, 'src/main.js');
}

export interface BotProcess {
  readonly child: ChildProcess;
  readonly port: number;
  /** Its log, one parsed JSON line each (pino). */
  readonly logs: Record<string, unknown>[];
  /** Posts a signed webhook body with these events, as LINE does. */
  post(events: unknown[]): Promise<number>;
  waitForLog: LogBook['waitForLog'];
  stop(): Promise<void>;
}

/**
 * Starts `node <main>` with the test LINE channel (point LINE_API_BASE_URL at a fake), on a port of its choosing,
 * reading its content (flows/, data/) from `cwd`.
 */
export async function startBotProcess(main: string, env: Record<string, string>, options: { cwd?: string } = {}): Promise<BotProcess> {
  const child = spawn(process.execPath, [main], {
    cwd: options.cwd ?? ROOT,
    env: {
      PATH: process.env.PATH ?? '',
      LINE_CHANNEL_SECRET: CHANNEL_SECRET,
      LINE_CHANNEL_ACCESS_TOKEN: CHANNEL_ACCESS_TOKEN,
      PUBLIC_BASE_URL: 'https://bot.example.jp',
      PORT: '0',
      HOST: '127.0.0.1',
      ...env,
    },
  });
  // A child process starts slower than the bot in the test's own process.
  const { logs, add, waitForLog } = createLogBook({ defaultTimeoutMs: 15_000 });
  let pending = '';
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => {
    output += chunk.toString();
    pending += chunk.toString();
    const lines = pending.split('\n');
    pending = lines.pop() ?? '';
    for (const text of lines) {
      if (text.startsWith('{')) add(JSON.parse(text) as Record<string, unknown>);
    }
  });
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exited = once(child, 'exit').then(([code]) => {
    throw new Error(`the bot exited with ${String(code)} before it listened:\n${output}`);
  });
  const listened = waitForLog('listening', (line) => line.msg === 'listening');
  // Whichever loses the race rejects later, unheard.
  void exited.catch(() => undefined);
  void listened.catch(() => undefined);
  const listening = await Promise.race([listened, exited]);
  const port = Number(listening.port);
  return {
    child,
    port,
    logs,
    waitForLog,
    async post(events) {
      const body = JSON.stringify({ destination: 'U8e742f61d673b39c7fff3cecb7536ef0', events });
      const response = await fetch(`http://127.0.0.1:${port}/webhook`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-line-signature': sign(body, CHANNEL_SECRET) },
        body,
      });
      await response.arrayBuffer();
      return response.status;
    },
    async stop() {
      if (child.exitCode !== null || child.signalCode !== null) return;
      const gone = once(child, 'exit');
      child.kill('SIGTERM');
      await gone;
    },
  };
}
