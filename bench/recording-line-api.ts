import { once } from 'node:events';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { performance } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';
import { fromReplyToken } from './build-workload';

/** What the fake saw of the replies to one pool of events. Times are `performance.now()` of this process. */
export interface ReplyLog {
  /** When the reply to event i arrived (fully read), or 0 if it has not. */
  readonly arrivedAt: Float64Array;
  /** Size of each reply body in bytes. */
  readonly bytes: Uint32Array;
  /** Replies whose token had already been answered: a bot replying twice to one event. */
  duplicates: number;
  /** Requests that were not a well-formed, authorised reply to a token of this pool, nor a profile read. */
  rejected: number;
  /**
   * Profile reads (`GET /v2/bot/profile/{userId}`): a bot greeting a new friend (a follow) in their LINE app's
   * language asks for it first. Answered as LINE does, with a profile in Japanese.
   */
  profileReads: number;
}

export interface RecordingLineApi {
  readonly baseUrl: string;
  /** Starts a fresh log for a pool of `events` events, with LINE answering after `delayMs`. */
  reset(options: { events: number; delayMs: number }): ReplyLog;
  close(): Promise<void>;
}

/**
 * A loopback stand-in for `POST /v2/bot/message/reply` that only records when each reply arrives and answers as LINE
 * does (200 with one sent message id per message), at once or after a fixed delay that models the round trip to
 * api.line.me. Unlike test/helpers/fake-line-api.ts it does not validate messages: that costs CPU that belongs to
 * neither bot, and the test suite already proves the messages valid.
 */
export async function startRecordingLineApi(options: { channelAccessToken: string }): Promise<RecordingLineApi> {
  const expectedAuthorization = `Bearer ${options.channelAccessToken}`;
  let log: ReplyLog = { arrivedAt: new Float64Array(0), bytes: new Uint32Array(0), duplicates: 0, rejected: 0, profileReads: 0 };
  let delayMs = 0;
  /** Answers held back by the delay: closing waits for them, or the bot would see its reply fail. */
  let pending = 0;

  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const arrived = performance.now();
      const answer = (status: number, body: string) => {
        res.writeHead(status, { 'content-type': 'application/json', 'x-line-request-id': 'bench' });
        res.end(body);
      };
      const userId = readProfileRead(req, expectedAuthorization);
      const reply = userId === undefined ? readReply(req, Buffer.concat(chunks), expectedAuthorization) : undefined;
      let status = 200;
      let body = '';
      const index = reply && fromReplyToken(reply.replyToken);
      if (userId !== undefined) {
        log.profileReads += 1;
        body = JSON.stringify({ userId, displayName: 'bench', language: 'ja' });
      } else if (!reply || index === undefined || index >= log.arrivedAt.length) {
        log.rejected += 1;
        status = reply ? 400 : 401;
        body = JSON.stringify({ message: reply ? 'Invalid reply token' : 'Authentication failed' });
      } else if (log.arrivedAt[index] !== 0) {
        log.duplicates += 1;
        status = 400;
        body = JSON.stringify({ message: 'Invalid reply token' });
      } else {
        log.arrivedAt[index] = arrived;
        log.bytes[index] = reply.size;
        body = JSON.stringify({ sentMessages: Array.from({ length: reply.messageCount }, (_, i) => ({ id: `${index}${i}` })) });
      }
      if (delayMs > 0) {
        pending += 1;
        setTimeout(() => {
          pending -= 1;
          answer(status, body);
        }, delayMs);
      } else {
        answer(status, body);
      }
    });
  });
  server.keepAliveTimeout = 30_000;
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address() as AddressInfo;

  return {
    baseUrl: `http://127.0.0.1:${port}`,
    reset(next) {
      delayMs = next.delayMs;
      log = { arrivedAt: new Float64Array(next.events), bytes: new Uint32Array(next.events), duplicates: 0, rejected: 0, profileReads: 0 };
      return log;
    },
    async close() {
      for (let waited = 0; pending > 0 && waited < 2_000; waited += 10) await sleep(10);
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

/** The user id of an authorised `GET /v2/bot/profile/{userId}`, or undefined for any other request. */
function readProfileRead(req: http.IncomingMessage, expectedAuthorization: string): string | undefined {
  const match = /^\/v2\/bot\/profile\/(U[0-9a-f]{32})$/.exec(req.url ?? '');
  if (req.method !== 'GET' || !match || req.headers.authorization !== expectedAuthorization) return undefined;
  return match[1];
}

function readReply(
  req: http.IncomingMessage,
  raw: Buffer,
  expectedAuthorization: string,
): { replyToken: unknown; messageCount: number; size: number } | undefined {
  if (req.method !== 'POST' || req.url !== '/v2/bot/message/reply') return undefined;
  if (req.headers.authorization !== expectedAuthorization) return undefined;
  let parsed: unknown;
  try {
    parsed = JSON.parse(raw.toString('utf8'));
  } catch (error) {
    if (error instanceof SyntaxError) return undefined;
    throw error;
  }
  if (typeof parsed !== 'object' || parsed === null || !('replyToken' in parsed) || !('messages' in parsed)) return undefined;
  const messages = parsed.messages;
  if (!Array.isArray(messages) || messages.length === 0 || messages.length > 5) return undefined;
  return { replyToken: parsed.replyToken, messageCount: messages.length, size: raw.length };
}
