import { randomUUID } from 'node:crypto';
import { EventEmitter, once } from 'node:events';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { checkLineLimits } from '../../src/core/check-line-limits';
import { validateReplyRequest } from './line-openapi-validator';
import { until } from './until';

export interface RecordedReply {
  readonly path: string;
  readonly authorization: string | undefined;
  readonly body: { replyToken: string; messages: Record<string, unknown>[] };
}

/** How the fake answers a reply call, as the real API sometimes does. */
export type Behaviour =
  /** Checks the call as LINE would and answers 200, 400 or 401. */
  | { readonly kind: 'accept' }
  /** The same, after a pause. */
  | { readonly kind: 'delay'; readonly ms: number }
  /** 200 and its headers at once (the reply is sent), the body only after `ms`. */
  | { readonly kind: 'slow-body'; readonly ms: number }
  /** This status with LINE's error body, and `Retry-After` if given (seconds or an HTTP date). */
  | { readonly kind: 'status'; readonly status: number; readonly retryAfter?: string }
  /** Reads the call and never answers; the socket stays open until the client gives up. */
  | { readonly kind: 'hang' }
  /** Holds the call until `release()`, then handles it as `accept` (unless its client has gone meanwhile). */
  | { readonly kind: 'hold' }
  /** Takes the reply at once (it is sent, the token used) and answers 200 only after `ms`: LINE answering late. */
  | { readonly kind: 'late'; readonly ms: number }
  /** Reads the call and resets the connection (the client sees ECONNRESET). */
  | { readonly kind: 'reset' };

/** One call as the fake saw it, whatever it answered. */
export interface RecordedCall {
  readonly behaviour: Behaviour['kind'];
  readonly replyToken: string | undefined;
  /** When it arrived (performance.now()). */
  readonly at: number;
}

/** How the fake answers GET /v2/bot/profile/{userId} for one user. */
export type FakeProfile = { readonly language?: string } | { readonly failWith: number } | 'hang';

export interface FakeLineApi {
  readonly baseUrl: string;
  /** Replies LINE accepted, in arrival order. */
  readonly replies: RecordedReply[];
  /** Bodies LINE rejected, with why. */
  readonly rejected: { body: unknown; problems: string[] }[];
  /** Every call to the reply endpoint, in arrival order, with how it was answered. */
  readonly calls: RecordedCall[];
  /** Sockets open now, and the most ever open at once. */
  readonly sockets: { readonly open: number; readonly peak: number };
  /** Answers the next `times` calls this way (then goes back to what it did before), or every call from now on. */
  behave(behaviour: Behaviour, options?: { times?: number }): void;
  /** Answers every held call (see `hold`) now. */
  release(): void;
  /** Profile requests, in arrival order (the user id from the path, and the auth header). */
  readonly profileRequests: { userId: string; authorization: string | undefined }[];
  /** Sets what getProfile answers for this user; by default a profile with `language: "ja"`. */
  setProfile(userId: string, profile: FakeProfile): void;
  /** Resolves once `count` replies have been accepted. */
  waitForReplies(count: number, timeoutMs?: number): Promise<RecordedReply[]>;
  /** Resolves once `condition` holds, checked after each call and each socket closing. */
  waitFor(description: string, condition: () => boolean, timeoutMs?: number): Promise<void>;
  close(): Promise<void>;
}

/**
 * A loopback stand-in for api.line.me that rejects what LINE would: a wrong token, a used reply token, a body that
 * breaks the OpenAPI schema or LINE's documented limits. So an over-limit message fails the tests, not production.
 * `behave` makes it fail the ways the real one can: 5xx, 429 with Retry-After, hanging, resetting.
 */
export async function startFakeLineApi(options: { channelAccessToken: string }): Promise<FakeLineApi> {
  const replies: RecordedReply[] = [];
  const rejected: { body: unknown; problems: string[] }[] = [];
  const calls: RecordedCall[] = [];
  const usedTokens = new Set<string>();
  const profiles = new Map<string, FakeProfile>();
  const profileRequests: FakeLineApi['profileRequests'] = [];
  const sockets = { open: 0, peak: 0 };
  const changed = new EventEmitter();
  const timers = new Set<NodeJS.Timeout>();
  let standing: Behaviour = { kind: 'accept' };
  const queued: { behaviour: Behaviour; left: number }[] = [];
  const held: (() => void)[] = [];

  const later = (ms: number, run: () => void) => {
    const timer = setTimeout(() => {
      timers.delete(timer);
      run();
    }, ms);
    timers.add(timer);
  };
  const nextBehaviour = (): Behaviour => {
    const head = queued[0];
    if (!head) return standing;
    head.left -= 1;
    if (head.left === 0) queued.shift();
    return head.behaviour;
  };

  // Compile the OpenAPI validator now: compiling it on the first call would make that call slow enough to time out.
  validateReplyRequest({ replyToken: 'warm-up', messages: [] });
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const answer = (status: number, body: object, headers: Record<string, string> = {}) => {
        res.writeHead(status, { 'content-type': 'application/json', 'x-line-request-id': randomUUID(), ...headers });
        res.end(JSON.stringify(body));
      };
      const profilePath = /^\/v2\/bot\/profile\/([^/?]+)$/.exec(req.url ?? '');
      if (profilePath?.[1] && req.method === 'GET') {
        const userId = decodeURIComponent(profilePath[1]);
        profileRequests.push({ userId, authorization: req.headers.authorization });
        if (req.headers.authorization !== `Bearer ${options.channelAccessToken}`) return answer(401, { message: 'invalid token' });
        const profile = profiles.get(userId) ?? { language: 'ja' };
        if (profile === 'hang') return; // never answers; close() ends the connection
        if ('failWith' in profile) return answer(profile.failWith, { message: 'Not found' });
        return answer(200, { displayName: 'テスト', userId, ...(profile.language && { language: profile.language }) });
      }
      if (req.url !== '/v2/bot/message/reply' || req.method !== 'POST') return answer(404, { message: 'Not found' });
      if (req.headers.authorization !== `Bearer ${options.channelAccessToken}`) {
        return answer(401, { message: 'Authentication failed due to the following reason: invalid token' });
      }
      const body = JSON.parse(Buffer.concat(chunks).toString('utf8')) as RecordedReply['body'];
      const behaviour = nextBehaviour();
      calls.push({ behaviour: behaviour.kind, replyToken: body.replyToken, at: performance.now() });
      changed.emit('change');
      const accept = (send: (status: number, body: object) => void) => {
        const problems = [...validateReplyRequest(body), ...checkLineLimits(body)];
        if (problems.length > 0) {
          rejected.push({ body, problems });
          return send(400, { message: 'The request body has errors', details: problems.map((message) => ({ message })) });
        }
        if (usedTokens.has(body.replyToken)) return send(400, { message: 'Invalid reply token' });
        usedTokens.add(body.replyToken);
        replies.push({ path: req.url ?? '', authorization: req.headers.authorization, body });
        send(200, { sentMessages: body.messages.map(() => ({ id: randomUUID() })) });
        changed.emit('change');
      };
      switch (behaviour.kind) {
        case 'accept':
          return accept(answer);
        case 'delay':
          return later(behaviour.ms, () => accept(answer));
        case 'slow-body':
          return accept((status, json) => {
            res.writeHead(status, { 'content-type': 'application/json', 'x-line-request-id': randomUUID() });
            res.flushHeaders();
            later(behaviour.ms, () => res.end(JSON.stringify(json)));
          });
        case 'status':
          return answer(
            behaviour.status,
            { message: behaviour.status === 429 ? 'The API rate limit has been exceeded. Try again later.' : 'An error occurred in the server.' },
            behaviour.retryAfter === undefined ? {} : { 'retry-after': behaviour.retryAfter },
          );
        case 'hang':
          return undefined;
        case 'hold':
          // A client that died while LINE held its call: LINE never got to handle it.
          held.push(() => (req.socket.destroyed ? undefined : accept(answer)));
          return undefined;
        case 'late':
          return accept((status, json) => later(behaviour.ms, () => answer(status, json)));
        case 'reset':
          return req.socket.resetAndDestroy();
      }
    });
  });
  server.on('connection', (socket) => {
    sockets.open += 1;
    sockets.peak = Math.max(sockets.peak, sockets.open);
    socket.on('close', () => {
      sockets.open -= 1;
      changed.emit('change');
    });
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address() as AddressInfo;

  const waitFor = async (description: string, condition: () => boolean, timeoutMs = 5000): Promise<void> => {
    await until(condition, {
      description: `fake LINE API: ${description}`,
      explain: () => `calls: ${calls.length}, replies: ${replies.length}, rejected: ${JSON.stringify(rejected.map((r) => r.problems))}`,
      timeoutMs,
      changes: changed,
    });
  };

  return {
    baseUrl: `http://127.0.0.1:${port}`,
    replies,
    rejected,
    calls,
    profileRequests,
    setProfile(userId, profile) {
      profiles.set(userId, profile);
    },
    sockets,
    behave(behaviour, { times } = {}) {
      if (times === undefined) {
        standing = behaviour;
        queued.length = 0;
      } else {
        queued.push({ behaviour, left: times });
      }
    },
    release() {
      for (const answerNow of held.splice(0)) answerNow();
    },
    async waitForReplies(count, timeoutMs) {
      await waitFor(`${count} replies`, () => replies.length >= count, timeoutMs);
      return replies;
    },
    waitFor,
    async close() {
      for (const timer of timers) clearTimeout(timer);
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
