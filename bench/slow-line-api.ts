import { once } from 'node:events';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { performance } from 'node:perf_hooks';

/** What the slow LINE API saw. Times are `performance.now()` of this process. */
export interface SlowLineStats {
  /** Reply calls whose body arrived. */
  calls: number;
  /** When each reply token was first received: LINE has the reply from then on, whatever happens to its answer. */
  readonly received: Map<string, number>;
  /** Calls carrying a token received before, answered 400 "Invalid reply token" as LINE does. */
  usedTokenCalls: number;
  /** Calls whose caller hung up before the answer was due: LINE had the reply (or the refusal), the bot never heard. */
  abortedBeforeAnswer: number;
  /** Sockets the bot opened to it: at most at once, and in all. */
  readonly sockets: { open: number; peak: number; opened: number };
}

export interface SlowLineApi {
  readonly baseUrl: string;
  readonly stats: SlowLineStats;
  close(): Promise<void>;
}

/**
 * A loopback `POST /v2/bot/message/reply` that takes each reply token once, on arrival, and answers every call
 * `delayMs` later: 200 for a token it had not seen, 400 `Invalid reply token` for one it had (a retry of a call it
 * already took). Any other path is 404 at once. Messages are not validated (the test suite does that).
 */
export async function startSlowLineApi(options: { delayMs: number }): Promise<SlowLineApi> {
  const stats: SlowLineStats = { calls: 0, received: new Map(), usedTokenCalls: 0, abortedBeforeAnswer: 0, sockets: { open: 0, peak: 0, opened: 0 } };
  const timers = new Set<NodeJS.Timeout>();
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      if (req.method !== 'POST' || req.url !== '/v2/bot/message/reply') {
        res.writeHead(404).end();
        return;
      }
      stats.calls += 1;
      const token = readReplyToken(Buffer.concat(chunks));
      const fresh = token !== undefined && !stats.received.has(token);
      if (fresh) stats.received.set(token, performance.now());
      else stats.usedTokenCalls += 1;
      let hungUp = false;
      res.on('close', () => (hungUp = !res.writableFinished));
      const timer = setTimeout(() => {
        timers.delete(timer);
        if (hungUp) {
          stats.abortedBeforeAnswer += 1;
          return;
        }
        res.writeHead(fresh ? 200 : 400, { 'content-type': 'application/json', 'x-line-request-id': 'bench' });
        res.end(fresh ? '{"sentMessages":[]}' : '{"message":"Invalid reply token"}');
      }, options.delayMs);
      timers.add(timer);
    });
  });
  server.on('connection', (socket) => {
    stats.sockets.opened += 1;
    stats.sockets.open += 1;
    stats.sockets.peak = Math.max(stats.sockets.peak, stats.sockets.open);
    socket.on('close', () => (stats.sockets.open -= 1));
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  return {
    baseUrl: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    stats,
    async close() {
      for (const timer of timers) clearTimeout(timer);
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    },
  };
}

function readReplyToken(body: Buffer): string | undefined {
  try {
    const parsed: unknown = JSON.parse(body.toString());
    return typeof parsed === 'object' && parsed !== null && 'replyToken' in parsed && typeof parsed.replyToken === 'string' ? parsed.replyToken : undefined;
  } catch {
    return undefined;
  }
}
