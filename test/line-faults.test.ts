import diagnostics from 'node:diagnostics_channel';
import type { Socket } from 'node:net';
import type { Behaviour } from './helpers/fake-line-api';
import { lineEvents, newUserId } from './helpers/line-events';
import { startTestBot, type TestBot } from './helpers/test-bot';

/** Short limits, so a fault plays out in a second or two: each call 500 ms, a reply 2 s with its retries. */
const FAST = { LINE_API_TIMEOUT_MS: '500', LINE_REPLY_DEADLINE_MS: '2000' };

let t: TestBot;
beforeEach(async () => {
  t = await startTestBot(FAST);
});
afterEach(() => t.close());

/** Posts a follow and waits for the bot's one log line about it. */
async function followAndLog(bot: TestBot = t) {
  const event = lineEvents.follow(newUserId());
  expect((await bot.post([event])).status).toBe(200);
  const line = await bot.waitForLog(`the line for ${event.webhookEventId}`, (l) => l.webhookEventId === event.webhookEventId);
  return { event, line };
}

describe('a LINE API that fails for a moment: the reply is retried and arrives', () => {
  it.each<[string, Behaviour, number, Record<string, unknown>]>([
    ['500 twice', { kind: 'status', status: 500 }, 2, { status: 500, requestId: expect.any(String) }],
    ['503 once', { kind: 'status', status: 503 }, 1, { status: 503, requestId: expect.any(String) }],
    ['429 without Retry-After', { kind: 'status', status: 429 }, 1, { status: 429, lineMessage: expect.stringContaining('rate limit') }],
    ['a reset connection', { kind: 'reset' }, 1, { cause: 'ECONNRESET' }],
    ['a call that hangs (aborted, then retried)', { kind: 'hang' }, 1, { cause: 'ETIMEDOUT' }],
  ])('%s', async (_name, behaviour, times, failure) => {
    t.fake.behave(behaviour, { times });
    const { event, line } = await followAndLog();
    expect(line).toMatchObject({ level: 'info', outcome: 'greeted', attempts: times + 1, requestId: expect.any(String) });
    expect(line.earlier).toEqual(Array.from({ length: times }, () => expect.objectContaining(failure)));
    expect(t.fake.replies.map((r) => r.body.replyToken)).toEqual([event.replyToken]);
  });

  it('waits as long as Retry-After asks before retrying a 429', async () => {
    t.fake.behave({ kind: 'status', status: 429, retryAfter: '1' }, { times: 1 });
    const { line } = await followAndLog();
    expect(line).toMatchObject({ level: 'info', attempts: 2, earlier: [expect.objectContaining({ status: 429, requestId: expect.any(String) })] });
    const [first, second] = t.fake.calls;
    // A lower bound only: the bot may not retry sooner than asked (timer granularity aside).
    expect((second?.at ?? 0) - (first?.at ?? 0)).toBeGreaterThanOrEqual(990);
  });
});

describe('a LINE API that keeps failing: the reply gives up in time and says why', () => {
  it.each<[string, Behaviour, Record<string, unknown>, (calls: number) => boolean]>([
    ['400 (never retried)', { kind: 'status', status: 400 }, { code: 'LINE_API_STATUS', status: 400, requestId: expect.any(String), attempts: 1 }, (n) => n === 1],
    ['403 (never retried)', { kind: 'status', status: 403 }, { code: 'LINE_API_STATUS', status: 403, attempts: 1 }, (n) => n === 1],
    ['500 every time', { kind: 'status', status: 500 }, { code: 'LINE_API_STATUS', status: 500, requestId: expect.any(String) }, (n) => n >= 2 && n <= 5],
    ['429 asking for longer than the reply token lasts', { kind: 'status', status: 429, retryAfter: '120' }, { code: 'LINE_API_STATUS', status: 429, attempts: 1 }, (n) => n === 1],
    ['a reset every time', { kind: 'reset' }, { code: 'LINE_API_UNREACHABLE', cause: 'ECONNRESET' }, (n) => n >= 2 && n <= 5],
    ['a hang every time', { kind: 'hang' }, { code: 'LINE_API_TIMEOUT', cause: 'ETIMEDOUT' }, (n) => n >= 2 && n <= 5],
  ])('%s', async (_name, behaviour, logged, callsMade) => {
    t.fake.behave(behaviour);
    const { line } = await followAndLog();
    // The log says what happened to the person (no reply) and what the step was.
    expect(line).toMatchObject({ level: 'error', webhookEventId: expect.any(String), outcome: 'reply-failed', step: 'greeted', ...logged });
    expect(callsMade(t.fake.calls.length)).toBe(true);
    expect(line.attempts).toBe(t.fake.calls.length);
    // The bot keeps answering once LINE is back.
    t.fake.behave({ kind: 'accept' });
    expect((await followAndLog()).line).toMatchObject({ level: 'info', outcome: 'greeted', attempts: 1 });
  });

  it('logs ECONNREFUSED when nothing listens where the LINE API should be', async () => {
    const offline = await startTestBot({ ...FAST, LINE_API_BASE_URL: 'http://127.0.0.1:9' });
    try {
      const { line } = await followAndLog(offline);
      expect(line).toMatchObject({ level: 'error', code: 'LINE_API_UNREACHABLE', cause: 'ECONNREFUSED' });
    } finally {
      await offline.close();
    }
  });

  it('closes the socket of a call it gave up on', async () => {
    t.fake.behave({ kind: 'hang' });
    await followAndLog();
    await t.fake.waitFor('every socket closed', () => t.fake.sockets.open === 0);
  });
});

it('counts a reply LINE accepted as sent, even when its answer finishes after the call timeout', async () => {
  t.fake.behave({ kind: 'slow-body', ms: 400 });
  const { line } = await followAndLog();
  expect(line).toMatchObject({ level: 'info', outcome: 'greeted', attempts: 1 });
  expect(t.logs.filter((l) => l.code === 'LINE_API_TIMEOUT')).toEqual([]);
  expect(t.fake.calls).toHaveLength(1);
});

/** Sockets the bot opens to `port`, seen from the bot's side: undici reports each new connection on a diagnostics channel. */
function countClientSockets(port: number) {
  const counts = { open: 0, peak: 0, opened: 0 };
  const onConnected = (message: unknown) => {
    const { socket } = message as { socket: Socket };
    if (socket.remotePort !== port) return;
    counts.opened += 1;
    counts.open += 1;
    counts.peak = Math.max(counts.peak, counts.open);
    socket.once('close', () => (counts.open -= 1));
  };
  diagnostics.subscribe('undici:client:connected', onConnected);
  return { counts, stop: () => diagnostics.unsubscribe('undici:client:connected', onConnected) };
}

it('holds its sockets to LINE at the cap while LINE hangs under load, answers every webhook, and recovers', async () => {
  const capped = await startTestBot({ ...FAST, LINE_API_MAX_CONNECTIONS: '4' });
  const sockets = countClientSockets(Number(new URL(capped.fake.baseUrl).port));
  try {
    capped.fake.behave({ kind: 'hang' });
    const events = Array.from({ length: 100 }, () => lineEvents.follow(newUserId()));
    const batches = Array.from({ length: 10 }, (_, i) => events.slice(i * 10, i * 10 + 10));
    const responses = await Promise.all(batches.map((batch) => capped.post(batch)));
    expect(responses.map((r) => r.status)).toEqual(batches.map(() => 200));
    const failed = () => capped.logs.filter((l) => l.level === 'error' && l.outcome === 'reply-failed');
    await capped.waitForLog('100 replies given up', () => failed().length === 100, 10_000);
    // Aborted calls cost their sockets, so several were opened over the outage, but never more than 4 at once.
    expect(sockets.counts.peak).toBeLessThanOrEqual(4);
    expect(sockets.counts.opened).toBeGreaterThan(4);
    // Calls stopped once LINE kept failing: far fewer than one per event (then one probe a second).
    expect(capped.fake.calls.length).toBeLessThan(30);
    expect(failed().filter((l) => l.code === 'LINE_API_DOWN').length).toBeGreaterThan(50);
    await capped.fake.waitFor('every socket closed', () => capped.fake.sockets.open === 0);
    capped.fake.behave({ kind: 'accept' });
    expect((await followAndLog(capped)).line).toMatchObject({ level: 'info', outcome: 'greeted' });
  } finally {
    sockets.stop();
    await capped.close();
  }
});

describe('a LINE API that keeps failing: calls stop, waiting replies go out once it answers again', () => {
  it('opens after failures in a row, probes about once a second, and on the first answer sends every waiting reply', async () => {
    const slowDeadline = await startTestBot({ LINE_API_TIMEOUT_MS: '300', LINE_REPLY_DEADLINE_MS: '8000' });
    try {
      slowDeadline.fake.behave({ kind: 'status', status: 503 });
      // Five people: their replies fail in a row (retried, so more than five calls), and the calls stop.
      const first = Array.from({ length: 5 }, () => lineEvents.follow(newUserId()));
      expect((await slowDeadline.post(first)).status).toBe(200);
      await slowDeadline.waitForLog('the circuit opens', (l) => l.code === 'LINE_API_FAILING');
      // More people write while LINE is down: the webhook is answered without waiting for their replies.
      const waiting = Array.from({ length: 20 }, () => lineEvents.follow(newUserId()));
      expect((await slowDeadline.post(waiting)).status).toBe(200);
      const callsWhileOpen = slowDeadline.fake.calls.length;
      // LINE answers again: the next probe gets through and every waiting reply goes out.
      slowDeadline.fake.behave({ kind: 'accept' });
      await slowDeadline.waitForLog('the circuit closes', (l) => l.msg === 'LINE API answers again: waiting replies go out', 5_000);
      await slowDeadline.fake.waitForReplies(25, 5_000);
      for (const event of [...first, ...waiting]) {
        expect(slowDeadline.fake.replies.filter((r) => r.body.replyToken === event.replyToken)).toHaveLength(1);
      }
      // Calls made while open: the 20 new replies did not each call LINE and fail.
      expect(callsWhileOpen).toBeLessThan(20);
      expect(slowDeadline.logs.filter((l) => l.outcome === 'reply-failed')).toEqual([]);
    } finally {
      await slowDeadline.close();
    }
  });

  it('probes with a reply that has time left: under steady traffic the oldest waiting reply is always about to expire', async () => {
    // A 1.1 s reply deadline and a probe a second: with someone writing every 20 ms, the reply that waited longest
    // has under 50 ms left at each probe, too little to be sent, so probing with it never reached LINE again.
    const steady = await startTestBot({ LINE_API_TIMEOUT_MS: '200', LINE_REPLY_DEADLINE_MS: '1100' });
    let writing = true;
    const writeEvery20Ms = (async () => {
      while (writing) {
        await steady.post([lineEvents.follow(newUserId())]);
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
    })();
    try {
      steady.fake.behave({ kind: 'status', status: 503 });
      await steady.waitForLog('the circuit opens', (l) => l.code === 'LINE_API_FAILING');
      // Long enough for the waiting replies to span a whole deadline.
      await new Promise((resolve) => setTimeout(resolve, 1_500));
      steady.fake.behave({ kind: 'accept' });
      await steady.waitForLog('the circuit closes', (l) => l.msg === 'LINE API answers again: waiting replies go out', 4_000);
    } finally {
      writing = false;
      await writeEvery20Ms;
      await steady.close();
    }
  });
});

it('counts the call timeout from when a call is sent: calls waiting for the one connection are not aborted', async () => {
  // One connection; LINE answers each call in 300 ms; the call timeout is 500 ms, so the fifth call waits ~1.2 s for
  // the connection, longer than a call may take, and still may not be cut short.
  const single = await startTestBot({ LINE_API_TIMEOUT_MS: '500', LINE_REPLY_DEADLINE_MS: '5000', LINE_API_MAX_CONNECTIONS: '1' });
  try {
    single.fake.behave({ kind: 'delay', ms: 300 });
    const events = Array.from({ length: 5 }, () => lineEvents.follow(newUserId()));
    expect((await single.post(events)).status).toBe(200);
    await single.settle(events);
    const lines = events.map((e) => single.logs.find((l) => l.webhookEventId === e.webhookEventId));
    expect(lines).toEqual(events.map(() => expect.objectContaining({ level: 'info', outcome: 'greeted', attempts: 1 })));
    expect(single.fake.calls).toHaveLength(5);
  } finally {
    await single.close();
  }
});

it('gives a call sent late in the reply’s deadline its whole timeout: LINE took it, so it is not cut off and logged failed', async () => {
  // The first call gets 503 and Retry-After: 1, so the retry goes at 1 s, 0.5 s before the reply's deadline; LINE
  // takes it at once and answers 1 s later, past the deadline but within the call's 1.5 s.
  const late = await startTestBot({ LINE_API_TIMEOUT_MS: '1500', LINE_REPLY_DEADLINE_MS: '1500' });
  try {
    late.fake.behave({ kind: 'late', ms: 1000 });
    late.fake.behave({ kind: 'status', status: 503, retryAfter: '1' }, { times: 1 });
    const { event, line } = await followAndLog(late);
    expect(line).toMatchObject({ level: 'info', outcome: 'greeted', attempts: 2, earlier: [expect.objectContaining({ status: 503 })] });
    expect(late.fake.replies.filter((r) => r.body.replyToken === event.replyToken)).toHaveLength(1);
  } finally {
    await late.close();
  }
});

it('refuses a webhook with 503 when too many events are in flight, says so in the log, and takes webhooks again after', async () => {
  const bounded = await startTestBot({ ...FAST, MAX_EVENTS_IN_FLIGHT: '3' });
  try {
    bounded.fake.behave({ kind: 'hold' });
    const held = Array.from({ length: 3 }, () => lineEvents.follow(newUserId()));
    expect((await bounded.post(held)).status).toBe(200);
    const refused = lineEvents.follow(newUserId());
    const response = await bounded.post([refused]);
    expect([response.status, response.body.code]).toEqual([503, 'OVERLOADED']);
    expect(bounded.logs.filter((l) => l.code === 'OVERLOADED')).toEqual([expect.objectContaining({ level: 'warn', shed: 1, inFlight: 3, maxEventsInFlight: 3 })]);
    expect(bounded.logs.filter((l) => l.webhookEventId === refused.webhookEventId)).toEqual([]);
    bounded.fake.behave({ kind: 'accept' });
    bounded.fake.release();
    await bounded.settle(held);
    // LINE redelivers the refused webhook: it is taken now.
    expect((await bounded.post([refused])).status).toBe(200);
    await bounded.settle([refused]);
    expect(bounded.fake.replies.map((r) => r.body.replyToken)).toContain(refused.replyToken);
  } finally {
    await bounded.close();
  }
});
