import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { mkdtempSync, rmSync } from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { findFreePort } from './free-port';

/** The Debian package's binary; CI installs it (.ci/run). */
const REDIS_SERVER = process.env.REDIS_SERVER_BIN ?? 'redis-server';
const READY_LINE = 'Ready to accept connections';
const START_TIMEOUT_MS = 10_000;

export interface RedisServer {
  readonly port: number;
  readonly url: string;
  /** The running server's process id (for its CPU time in benchmarks). */
  readonly pid: number | undefined;
  /** Stops the server. With `keepData`, it saves to its own folder first, so `start()` brings the data back. */
  stop(options?: { keepData?: boolean }): Promise<void>;
  /** Starts it again on the same port (after `stop`). */
  start(): Promise<void>;
  /** Freezes the process (SIGSTOP): connected, but answering nothing, like an overloaded Redis. */
  freeze(): void;
  thaw(): void;
  /** Stops the server and removes its folder. */
  close(): Promise<void>;
}

/**
 * A real redis-server of this test's own, on a free loopback port, without persistence unless asked. Each test file
 * starts its own and stops it in afterAll.
 */
export async function startRedisServer(): Promise<RedisServer> {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'bot-redis-'));
  let port = await findFreePort();
  let child: ChildProcess | undefined;

  const launch = async () => {
    const args = ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no', '--dir', dir];
    const started = spawn(REDIS_SERVER, args, { stdio: ['ignore', 'pipe', 'pipe'] });
    child = started;
    let output = '';
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`redis-server did not start:\n${output}`)), START_TIMEOUT_MS);
      const onData = (chunk: Buffer) => {
        output += chunk.toString();
        if (output.includes(READY_LINE)) {
          clearTimeout(timer);
          started.stdout.off('data', onData);
          resolve();
        }
      };
      started.stdout.on('data', onData);
      started.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
      started.once('exit', (code) => {
        clearTimeout(timer);
        reject(new Error(`redis-server exited with ${code}:\n${output}`));
      });
    });
    started.removeAllListeners('exit');
  };

  const stop = async (options: { keepData?: boolean } = {}) => {
    const running = child;
    child = undefined;
    if (!running || running.exitCode !== null) return;
    const exited = once(running, 'exit');
    running.kill('SIGCONT');
    // With `--save ''` a SIGTERM exits without saving: to keep the data, SAVE first (dump.rdb in `dir`).
    if (options.keepData) await sendCommand(port, ['SAVE']);
    running.kill('SIGTERM');
    await exited;
  };

  // Retry on a port taken between finding it and binding it.
  for (let attempt = 1; ; attempt += 1) {
    try {
      await launch();
      break;
    } catch (error) {
      if (attempt === 3) throw error;
      port = await findFreePort();
    }
  }

  return {
    get port() {
      return port;
    },
    get pid() {
      return child?.pid;
    },
    get url() {
      return `redis://127.0.0.1:${port}`;
    },
    stop,
    start: launch,
    freeze: () => child?.kill('SIGSTOP'),
    thaw: () => child?.kill('SIGCONT'),
    async close() {
      await stop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** Sends one command in RESP and waits for the first line of its answer. */
async function sendCommand(port: number, args: string[]): Promise<string> {
  const socket = net.connect(port, '127.0.0.1');
  await once(socket, 'connect');
  socket.write(`*${args.length}\r\n${args.map((a) => `$${Buffer.byteLength(a)}\r\n${a}\r\n`).join('')}`);
  const [chunk] = (await once(socket, 'data')) as [Buffer];
  socket.destroy();
  return chunk.toString().split('\r\n')[0] ?? '';
}
