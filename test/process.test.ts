import { execFileSync, spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { EventEmitter, once } from 'node:events';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import http from 'node:http';
import net, { type Socket } from 'node:net';
import path from 'node:path';
import { createClient } from 'redis';
import { startFakeLineApi, type FakeLineApi } from './helpers/fake-line-api';
import { startRedisServer } from './helpers/redis-server';
import { lineEvents, newUserId } from './helpers/line-events';
import { sign } from './helpers/sign';
import { encodePostback } from '../src/core/postback';
import { CHANNEL_ACCESS_TOKEN, CHANNEL_SECRET, ROOT } from './helpers/test-bot';

/** The built bot as an operator runs it: `node dist/src/main.js` with its environment. */
const MAIN = path.join(ROOT, 'dist/src/main.js');

beforeAll(() => {
  execFileSync(process.execPath, [path.join(ROOT, 'node_modules/typescript/bin/tsc'), '-p', 'tsconfig.build.json'], { cwd: ROOT });
}, 60_000);

interface Started {
  readonly child: ChildProcess;
  /** Everything it wrote to stdout and stderr so far. */
  output(): string;
  /** Resolves with the first match of `pattern` in its output, as soon as it is written. */
  waitForOutput(pattern: RegExp): Promise<RegExpExecArray>;
}

function start(env: Record<string, string>, cwd = ROOT): Started {
  const child = spawn(process.execPath, [MAIN], { cwd, env: { PATH: process.env.PATH ?? '', ...env } });
  let output = '';
  const written = new EventEmitter();
  const append = (chunk: Buffer) => {
    output += chunk.toString();
    written.emit('output');
  };
  child.stdout?.on('data', append);
  child.stderr?.on('data', append);
  const waitForOutput = (pattern: RegExp) =>
    new Promise<RegExpExecArray>((resolve, reject) => {
      const check = () => {
        const match = pattern.exec(output);
        if (!match) return;
        written.off('output', check);
        child.off('exit', exited);
        resolve(match);
      };
      const exited = () => {
        written.off('output', check);
        reject(new Error(`the bot exited before writing ${pattern}:\n${output}`));
      };
      written.on('output', check);
      child.once('exit', exited);
      check();
    });
  return { child, output: () => output, waitForOutput };
}

async function waitForPort(started: Started): Promise<number> {
  const [, port] = await started.waitForOutput(/"port":(\d+)/);
  return Number(port);
}

describe('the bot as a process', () => {
  let fake: FakeLineApi;
  beforeEach(async () => {
    fake = await startFakeLineApi({ channelAccessToken: CHANNEL_ACCESS_TOKEN });
  });
  afterEach(() => fake.close());

  it('answers a signed follow, and on SIGTERM finishes the reply in flight before exiting 0', async () => {
    const bot = start({
      LINE_CHANNEL_SECRET: CHANNEL_SECRET,
      LINE_CHANNEL_ACCESS_TOKEN: CHANNEL_ACCESS_TOKEN,
      LINE_API_BASE_URL: fake.baseUrl,
      PORT: '0',
    });
    const { child, output } = bot;
    const port = await waitForPort(bot);
    expect(output()).toContain('PUBLIC_BASE_URL is not set');
    expect(output()).toContain('no card links the first-step pages');
    fake.behave({ kind: 'hold' });
    const body = JSON.stringify({ destination: 'U1', events: [lineEvents.follow(newUserId())] });
    const response = await fetch(`http://127.0.0.1:${port}/webhook`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-line-signature': sign(body, CHANNEL_SECRET) },
      body,
    });
    expect(response.status).toBe(200);
    await fake.waitFor('the reply call', () => fake.calls.length === 1);
    child.kill('SIGTERM');
    await bot.waitForOutput(/shutting down/);
    fake.release();
    const [code] = await once(child, 'exit');
    expect(code).toBe(0);
    expect(fake.replies).toHaveLength(1);
    expect(output()).not.toContain(CHANNEL_SECRET);
    expect(output()).not.toContain(CHANNEL_ACCESS_TOKEN);
  });

  it('serves /metrics on METRICS_PORT only, counting the events it answered', async () => {
    const bot = start({
      LINE_CHANNEL_SECRET: CHANNEL_SECRET,
      LINE_CHANNEL_ACCESS_TOKEN: CHANNEL_ACCESS_TOKEN,
      LINE_API_BASE_URL: fake.baseUrl,
      PORT: '0',
      METRICS_PORT: '0',
      HOST: '127.0.0.1',
    });
    try {
      const port = await waitForPort(bot);
      const metricsPort = Number((await bot.waitForOutput(/"metricsPort":(\d+)/))[1]);
      expect(metricsPort).not.toBe(port);
      const body = JSON.stringify({ destination: 'U1', events: [lineEvents.follow(newUserId())] });
      const headers = { 'content-type': 'application/json', 'x-line-signature': sign(body, CHANNEL_SECRET) };
      expect((await fetch(`http://127.0.0.1:${port}/webhook`, { method: 'POST', headers, body })).status).toBe(200);
      expect((await fetch(`http://127.0.0.1:${port}/metrics`)).status).toBe(404);
      const scraped = await (await fetch(`http://127.0.0.1:${metricsPort}/metrics`)).text();
      expect(scraped).toContain('linebot_events_total{event="follow",outcome="greeted"} 1');
      expect(scraped).toContain('linebot_webhook_responses_total{status="200"} 1');
      expect(scraped).toMatch(/^linebot_sessions 1$/m);
    } finally {
      bot.child.kill('SIGTERM');
      await once(bot.child, 'exit');
    }
  });

  it('refuses to start on a bad configuration, listing every problem without secrets', async () => {
    const { child, output } = start({ LINE_CHANNEL_SECRET: 'very-secret-value', PORT: 'eighty' });
    const [code] = await once(child, 'exit');
    expect(code).toBe(1);
    expect(output()).toContain('PORT:');
    expect(output()).toContain('LINE_CHANNEL_ACCESS_TOKEN: required');
    expect(output()).not.toContain('very-secret-value');
  });

  it('fails closed in production: no LINE credentials and no PREVIEW=1 → refuses to start', async () => {
    const { child, output } = start({ NODE_ENV: 'production', PORT: '0' });
    const [code] = await once(child, 'exit');
    expect(code).toBe(1);
    expect(output()).toContain('LINE_CHANNEL_SECRET, LINE_CHANNEL_ACCESS_TOKEN: required when NODE_ENV=production');
  });

  it('serves only the preview in production when PREVIEW=1 says so, on the HOST given', async () => {
    const bot = start({ NODE_ENV: 'production', PREVIEW: '1', HOST: '127.0.0.1', PORT: '0' });
    const { child, output } = bot;
    try {
      const port = await waitForPort(bot);
      expect(output()).toContain('"host":"127.0.0.1"');
      expect((await fetch(`http://127.0.0.1:${port}/healthz`)).status).toBe(200);
      expect((await fetch(`http://127.0.0.1:${port}/webhook`, { method: 'POST' })).status).toBe(503);
    } finally {
      child.kill('SIGTERM');
      await once(child, 'exit');
    }
  });

  it('refuses to start on a content mistake, naming the file', async () => {
    const { child, output } = start({ PORT: '0' }, path.join(ROOT, 'test'));
    const [code] = await once(child, 'exit');
    expect(code).toBe(1);
    expect(output()).toContain('flows/triage.yaml: cannot be read (ENOENT)');
  });
});

describe('shutdown on SIGTERM', () => {
  let fake: FakeLineApi;
  beforeEach(async () => {
    fake = await startFakeLineApi({ channelAccessToken: CHANNEL_ACCESS_TOKEN });
  });
  afterEach(() => fake.close());

  const startLineBot = async (env: Record<string, string> = {}) => {
    const bot = start({
      LINE_CHANNEL_SECRET: CHANNEL_SECRET,
      LINE_CHANNEL_ACCESS_TOKEN: CHANNEL_ACCESS_TOKEN,
      LINE_API_BASE_URL: fake.baseUrl,
      HOST: '127.0.0.1',
      PORT: '0',
      ...env,
    });
    return { ...bot, port: await waitForPort(bot) };
  };
  const signed = (events: unknown[]) => {
    const body = JSON.stringify({ destination: 'U1', events });
    return { body, headers: { 'content-type': 'application/json', 'x-line-signature': sign(body, CHANNEL_SECRET) } };
  };
  /** One HTTP request over `agent` (node:http, so keep-alive and the Connection header are visible). */
  const call = (port: number, agent: http.Agent, method: string, path: string, body?: { body: string; headers: Record<string, string> }) =>
    new Promise<{ status: number; headers: http.IncomingHttpHeaders; socket: Socket; text: string }>((resolve, reject) => {
      const req = http.request({ host: '127.0.0.1', port, method, path, agent, headers: body?.headers }, (res) => {
        const socket = res.socket;
        let text = '';
        res.on('data', (chunk: Buffer) => (text += chunk.toString()));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, socket, text }));
      });
      req.on('error', reject);
      req.end(body?.body);
    });

  it('answers 503 to health checks and new webhooks, closes keep-alive connections, finishes the reply in flight, exits 0', async () => {
    const bot = await startLineBot();
    const keepAlive = new http.Agent({ keepAlive: true, maxSockets: 1 });
    try {
      const before = await call(bot.port, keepAlive, 'GET', '/healthz');
      expect(before.status).toBe(200);
      const idleClosed = once(before.socket, 'close');
      // LINE holds the reply until the test has seen the shutdown: LINE got its 200, the reply is on its way.
      fake.behave({ kind: 'hold' });
      expect((await call(bot.port, keepAlive, 'POST', '/webhook', signed([lineEvents.follow(newUserId())]))).status).toBe(200);
      await fake.waitFor('the reply call', () => fake.calls.length === 1);
      bot.child.kill('SIGTERM');
      await bot.waitForOutput(/shutting down/);
      await idleClosed;
      for (const path of ['/healthz', '/readyz']) {
        const during = await call(bot.port, keepAlive, 'GET', path);
        expect([path, during.status, during.headers.connection]).toEqual([path, 503, 'close']);
      }
      const late = await call(bot.port, keepAlive, 'POST', '/webhook', signed([lineEvents.follow(newUserId())]));
      expect([late.status, JSON.parse(late.text).code, late.headers.connection]).toEqual([503, 'SHUTTING_DOWN', 'close']);
      fake.release();
      const [code] = await once(bot.child, 'exit');
      expect(code).toBe(0);
      expect(fake.replies).toHaveLength(1);
      expect(bot.output()).toContain('"msg":"stopped"');
      expect(bot.output()).not.toContain('"outcome":"lost"');
    } finally {
      keepAlive.destroy();
    }
  });

  it('answers 503 to a webhook still being received when SIGTERM came, and takes none of its events', async () => {
    const bot = await startLineBot();
    const { body, headers } = signed([lineEvents.follow(newUserId())]);
    const socket = net.connect(bot.port, '127.0.0.1');
    await once(socket, 'connect');
    const head = Object.entries({ ...headers, host: 'bot', 'content-length': String(Buffer.byteLength(body)) })
      .map(([name, value]) => `${name}: ${value}`)
      .join('\r\n');
    socket.write(`POST /webhook HTTP/1.1\r\n${head}\r\n\r\n${body.slice(0, 10)}`);
    bot.child.kill('SIGTERM');
    await bot.waitForOutput(/shutting down/);
    let answer = '';
    socket.on('data', (chunk: Buffer) => (answer += chunk.toString()));
    socket.end(body.slice(10));
    await once(socket, 'close');
    expect(answer).toMatch(/^HTTP\/1\.1 503 /);
    expect(answer).toContain('SHUTTING_DOWN');
    const [code] = await once(bot.child, 'exit');
    expect(code).toBe(0);
    expect(fake.calls).toHaveLength(0);
  });

  it('accounts for every event that got 200: a reply given up is logged as failed, with why, before the exit', async () => {
    // LINE hangs; one person's 8 events, each given up by 0.7 s (no call starts after 0.4 s, each is cut off after
    // 0.3 s); SIGTERM at once, 0.8 s of grace.
    const bot = await startLineBot({ LINE_API_TIMEOUT_MS: '300', LINE_REPLY_DEADLINE_MS: '400', SHUTDOWN_GRACE_MS: '800' });
    fake.behave({ kind: 'hang' });
    const userId = newUserId();
    const events = Array.from({ length: 8 }, () => lineEvents.text(userId, '1'));
    const response = await fetch(`http://127.0.0.1:${bot.port}/webhook`, { method: 'POST', ...signed(events) });
    expect(response.status).toBe(200);
    bot.child.kill('SIGTERM');
    const [code] = await once(bot.child, 'exit');
    expect(code).toBe(0);
    const lines = bot.output().split('\n').filter((line) => line.startsWith('{')).map((line) => JSON.parse(line) as Record<string, unknown>);
    for (const event of events) {
      const logged = lines.filter((l) => l.webhookEventId === event.webhookEventId);
      expect(logged).toEqual([expect.objectContaining({ level: 50, outcome: expect.stringMatching(/^(reply-failed|lost)$/) })]);
      expect(logged[0]?.code ?? logged[0]?.reason).toEqual(expect.any(String));
    }
  });

  it('at SIGTERM sends the replies of a person’s events still waiting their turn: 12 events, each answered', async () => {
    // LINE takes 1 s for each reply: one after another the 12 would need 12 s, and the grace period is 4 s.
    const bot = await startLineBot({ LINE_API_TIMEOUT_MS: '1500', LINE_REPLY_DEADLINE_MS: '2000', SHUTDOWN_GRACE_MS: '4000' });
    fake.behave({ kind: 'delay', ms: 1000 });
    const userId = newUserId();
    const events = Array.from({ length: 12 }, () => lineEvents.postback(userId, encodePostback({ action: 'crisis' })));
    const response = await fetch(`http://127.0.0.1:${bot.port}/webhook`, { method: 'POST', ...signed(events) });
    expect(response.status).toBe(200);
    await fake.waitFor('the first reply call', () => fake.calls.length >= 1);
    bot.child.kill('SIGTERM');
    const [code] = await once(bot.child, 'exit');
    expect(code).toBe(0);
    expect(fake.replies.map((r) => r.body.replyToken).sort()).toEqual(events.map((e) => e.replyToken).sort());
    expect(bot.output()).not.toContain('"outcome":"lost"');
  });

  it('closes its Redis connection and exits 0', async () => {
    const redis = await startRedisServer();
    const admin = createClient({ url: redis.url });
    await admin.connect();
    const bot = await startLineBot({ REDIS_URL: redis.url });
    try {
      const follow = await fetch(`http://127.0.0.1:${bot.port}/webhook`, { method: 'POST', ...signed([lineEvents.follow(newUserId())]) });
      expect(follow.status).toBe(200);
      await fake.waitForReplies(1);
      const clients = async () => (await admin.sendCommand(['CLIENT', 'LIST'])) as string;
      expect((await clients()).trim().split('\n').length).toBeGreaterThan(1);
      bot.child.kill('SIGTERM');
      const [code] = await once(bot.child, 'exit');
      expect(code).toBe(0);
      expect((await clients()).trim().split('\n')).toHaveLength(1);
    } finally {
      await admin.close();
      await redis.close();
    }
  });
});

describe('npm run validate (the built dist/src/validate.js), without starting the server', () => {
  const VALIDATE = path.join(ROOT, 'dist/src/validate.js');
  /** A copy of the content folders, with one file changed by `edit`. */
  const contentCopy = (file: string, edit: (text: string) => string): string => {
    const dir = mkdtempSync(path.join(tmpdir(), 'validate-'));
    for (const folder of ['flows', 'data']) cpSync(path.join(ROOT, folder), path.join(dir, folder), { recursive: true });
    writeFileSync(path.join(dir, file), edit(readFileSync(path.join(dir, file), 'utf8')));
    return dir;
  };
  const run = (script: string, cwd: string) => {
    const result = spawnSync(process.execPath, [script], { cwd, env: { PATH: process.env.PATH ?? '', PORT: '0' }, encoding: 'utf8', timeout: 15_000, killSignal: 'SIGKILL' });
    return { code: result.status, stdout: result.stdout, stderr: result.stderr };
  };

  it('passes the project’s own content with a summary', () => {
    const { code, stdout } = run(VALIDATE, ROOT);
    expect(code).toBe(0);
    expect(stdout).toMatch(/^ok: \d+ questions, \d+ results, \d+ agencies, \d+ crisis hotlines/);
  });

  it.each([
    ['a next that leads nowhere', 'flows/triage.yaml', (t: string) => t.replace('next: talk', 'next: tlak'), 'questions.trouble.options[1].next'],
    ['an over-long label', 'flows/triage.yaml', (t: string) => t.replace('label: わからない', `label: ${'あ'.repeat(21)}`), 'label'],
    ['broken YAML', 'data/agencies.yaml', (t: string) => `${t}\n  - : : [`, 'invalid YAML'],
    ['a crisis line without a number', 'data/crisis.yaml', (t: string) => t.replace(/tel: .*/, 'tel: ""'), 'data/crisis.yaml'],
  ])('fails on %s with exactly the message start-up gives', (_name, file, edit, expected) => {
    const dir = contentCopy(file, edit);
    try {
      const validated = run(VALIDATE, dir);
      const started = run(MAIN, dir);
      expect(validated.code).toBe(1);
      expect(validated.stderr).toContain(file);
      expect(validated.stderr).toContain(expected);
      expect(started.code).toBe(1);
      expect(validated.stderr).toBe(started.stderr);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
