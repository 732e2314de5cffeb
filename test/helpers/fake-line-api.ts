import { randomUUID } from 'node:crypto';
import { once } from 'node:events';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { checkLineLimits } from './check-line-limits';
import { validateReplyRequest } from './line-openapi-validator';

export interface RecordedReply {
  readonly path: string;
  readonly authorization: string | undefined;
  readonly body: { replyToken: string; messages: Record<string, unknown>[] };
}

export interface FakeLineApi {
  readonly baseUrl: string;
  /** Replies LINE accepted, in arrival order. */
  readonly replies: RecordedReply[];
  /** Bodies LINE rejected, with why. */
  readonly rejected: { body: unknown; problems: string[] }[];
  /** Makes every following reply wait, or fail with a status, as the real API sometimes does. */
  behave(options: { delayMs?: number; failWith?: number }): void;
  /** Resolves once `count` replies have been accepted. */
  waitForReplies(count: number, timeoutMs?: number): Promise<RecordedReply[]>;
  close(): Promise<void>;
}

/**
 * A loopback stand-in for api.line.me that rejects what LINE would: a wrong token, a used reply token, a body that
 * breaks the OpenAPI schema or LINE's documented limits. So an over-limit message fails the tests, not production.
 */
export async function startFakeLineApi(options: { channelAccessToken: string }): Promise<FakeLineApi> {
  const replies: RecordedReply[] = [];
  const rejected: { body: unknown; problems: string[] }[] = [];
  const usedTokens = new Set<string>();
  let behaviour: { delayMs?: number; failWith?: number } = {};
  const waiters: (() => void)[] = [];

  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const answer = (status: number, body: object) => {
        res.writeHead(status, { 'content-type': 'application/json', 'x-line-request-id': randomUUID() });
        res.end(JSON.stringify(body));
      };
      const respond = () => {
        if (req.url !== '/v2/bot/message/reply' || req.method !== 'POST') return answer(404, { message: 'Not found' });
        if (req.headers.authorization !== `Bearer ${options.channelAccessToken}`) {
          return answer(401, { message: 'Authentication failed due to the following reason: invalid token' });
        }
        if (behaviour.failWith) return answer(behaviour.failWith, { message: 'The API rate limit has been exceeded. Try again later.' });
        const body = JSON.parse(Buffer.concat(chunks).toString('utf8')) as RecordedReply['body'];
        const problems = [...validateReplyRequest(body), ...checkLineLimits(body)];
        if (problems.length > 0) {
          rejected.push({ body, problems });
          return answer(400, { message: 'The request body has errors', details: problems.map((message) => ({ message })) });
        }
        if (usedTokens.has(body.replyToken)) return answer(400, { message: 'Invalid reply token' });
        usedTokens.add(body.replyToken);
        replies.push({ path: req.url, authorization: req.headers.authorization, body });
        waiters.splice(0).forEach((wake) => wake());
        return answer(200, { sentMessages: body.messages.map(() => ({ id: randomUUID() })) });
      };
      if (behaviour.delayMs) setTimeout(respond, behaviour.delayMs);
      else respond();
    });
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address() as AddressInfo;

  return {
    baseUrl: `http://127.0.0.1:${port}`,
    replies,
    rejected,
    behave(next) {
      behaviour = next;
    },
    async waitForReplies(count, timeoutMs = 5000) {
      const deadline = Date.now() + timeoutMs;
      while (replies.length < count) {
        const remaining = deadline - Date.now();
        if (remaining <= 0) throw new Error(`expected ${count} replies, got ${replies.length} (rejected: ${JSON.stringify(rejected.map((r) => r.problems))})`);
        await new Promise<void>((resolve) => {
          const timer = setTimeout(resolve, remaining);
          waiters.push(() => {
            clearTimeout(timer);
            resolve();
          });
        });
      }
      return replies;
    },
    async close() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
