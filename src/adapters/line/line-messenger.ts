import { setTimeout as sleep } from 'node:timers/promises';
import { Pool } from 'undici';
import { LineApiError, type CallFailure } from '../../app/line-api-error';
import type { Messenger, ProfileLanguage, ProfileReader, ReplyReceipt } from '../../app/ports';
import type { LineApiLimits } from '../../config';
import { CallSlots } from './call-slots';
import { LineCircuit } from './line-circuit';
import { encodeReplyBody } from './reply-body';

/** The reply endpoint, https://developers.line.biz/en/reference/messaging-api/#send-reply-message */
const REPLY_PATH = '/v2/bot/message/reply';
/** https://developers.line.biz/en/reference/messaging-api/#get-profile */
const PROFILE_PATH = '/v2/bot/profile/';
/** Enough for a blip; past this LINE is down, and each retry only holds a socket longer. */
const MAX_ATTEMPTS = 5;
const FIRST_BACKOFF_MS = 200;
const MAX_BACKOFF_MS = 5_000;
/**
 * A retry is planned only if it would start at least this long before the reply's deadline: its timer may fire
 * late on a busy machine, and a retry that slips past the deadline is never sent (and would hide the real cause).
 */
const RETRY_HEADROOM_MS = 100;
/** Failures in a row (no answer, a reset, 5xx, 429) after which calls to LINE stop but for one probe a period. */
const CIRCUIT_FAILURES_TO_OPEN = 5;
const CIRCUIT_PROBE_EVERY_MS = 1_000;
/** LINE's answer to a reply token used already or expired (developers.line.biz, messaging-api error messages). */
const USED_REPLY_TOKEN = 'Invalid reply token';
/** Failures after which LINE may have taken the call: it was sent and the answer never came, or the socket broke. */
const SENT_THEN_LOST = new Set(['ETIMEDOUT', 'ECONNRESET', 'UND_ERR_SOCKET', 'EPIPE']);

export interface LineMessenger extends Messenger, ProfileReader {
  /** Closes the pooled connections; a call still in flight (its event already given up on) is aborted. */
  close(): Promise<void>;
}

type CallResult = { readonly ok: true; readonly requestId?: string } | { readonly ok: false; readonly failure: Failure };
type Failure = CallFailure & { readonly code: LineApiError['code']; readonly retryAfterMs?: number };

/**
 * Messenger over LINE's reply endpoint, with what the SDK's client lacks (@line/bot-sdk 11's `lib/http-fetch.ts`
 * calls the global `fetch` with no signal and no agent). No call of a reply, retries included, starts later than
 * `replyDeadlineMs` after the reply began, so a reply takes at most that plus `callTimeoutMs`. Calls share a pool
 * of at most `maxConnections` sockets, so a burst or an outage cannot exhaust file descriptors; waiting for one is
 * bounded by the reply's deadline only, and each call is aborted `callTimeoutMs` after it was sent (neither the
 * wait for a socket nor the deadline cuts it shorter), so a hanging LINE API frees its socket and a slow one is
 * not cut off while LINE has the reply. 5xx, 429, timeouts and network failures are retried with backoff (or
 * after `Retry-After`) while the deadline allows, other 4xx never. While LINE keeps failing, calls wait in a
 * circuit breaker (line-circuit.ts) instead of piling up. A retry cannot send a reply twice: LINE accepts a reply
 * token once; a retry refused for a used token after a call that got no answer means that call most likely
 * delivered it (`maybeDelivered`).
 */
export function createLineMessenger(options: {
  channelAccessToken: string;
  baseURL: string;
  limits: LineApiLimits;
  /** How long a new friend's greeting may wait for their profile's language (one call, never retried). */
  profileTimeoutMs: number;
  /** Told when calls to LINE stop (it keeps failing) and start again, with how many replies waited. */
  onCircuitChange?: (open: boolean, waited: number) => void;
}): LineMessenger {
  const { limits } = options;
  const url = new URL(REPLY_PATH, options.baseURL);
  // One Pool for LINE's one origin: an Agent drops its pool for an origin whose sockets all closed (as aborted
  // calls leave it) and starts another while the old one still drains, so its cap is not kept under an outage.
  // bodyTimeout also ends a response body that stalls after its status arrived (the call already counts as done).
  const pool = new Pool(url.origin, { connections: limits.maxConnections, bodyTimeout: limits.callTimeoutMs });
  const authorization = `Bearer ${options.channelAccessToken}`;
  const headers = { authorization, 'content-type': 'application/json' };

  const slots = new CallSlots(limits.maxConnections);
  const circuit = new LineCircuit({
    failuresToOpen: CIRCUIT_FAILURES_TO_OPEN,
    probeEveryMs: CIRCUIT_PROBE_EVERY_MS,
    onChange: (open, waited) => options.onCircuitChange?.(open, waited),
  });

  /** One call: waits for the circuit and a socket until `deadline` aborts, then `callTimeoutMs` for LINE's answer. */
  const call = async (body: Buffer, deadline: AbortSignal, deadlineAt: number, onParked: (() => void) | undefined): Promise<CallResult> => {
    // A call that waited for a socket while the circuit opened goes back to wait in the circuit, socket freed.
    for (;;) {
      let probe: boolean;
      try {
        probe = await circuit.permit(deadline, onParked);
      } catch {
        return { ok: false, failure: { code: 'LINE_API_DOWN', cause: 'CIRCUIT_OPEN' } };
      }
      try {
        await slots.acquire(deadline);
      } catch {
        return { ok: false, failure: { code: 'LINE_API_TIMEOUT', cause: 'NO_FREE_CONNECTION' } };
      }
      if (probe || !circuit.isOpen) break;
      slots.release();
    }
    if (performance.now() >= deadlineAt) {
      slots.release();
      return { ok: false, failure: { code: 'LINE_API_TIMEOUT', cause: 'NO_FREE_CONNECTION' } };
    }
    // A call sent gets its whole timeout, even past the reply's deadline (which bounds only when the last call may
    // start): cut off early, a call LINE took and would have answered is logged as failed and counted against LINE.
    const abort = new AbortController();
    const timer = setTimeout(() => abort.abort(), limits.callTimeoutMs);
    try {
      const response = await pool.request({ path: url.pathname, method: 'POST', headers, body, signal: abort.signal });
      // LINE has answered: from here a slow body is not a timeout.
      clearTimeout(timer);
      const requestId = headerOf(response.headers, 'x-line-request-id');
      if (response.statusCode === 429 || response.statusCode >= 500) circuit.failed();
      else circuit.succeeded();
      if (response.statusCode >= 200 && response.statusCode < 300) {
        await response.body.dump();
        return { ok: true, requestId };
      }
      return {
        ok: false,
        failure: {
          code: 'LINE_API_STATUS',
          status: response.statusCode,
          requestId,
          // The status and request id are what matter; a body that stalls or breaks off only loses LINE's wording.
          lineMessage: readLineMessage(await response.body.text().catch(() => '')),
          retryAfterMs: readRetryAfter(headerOf(response.headers, 'retry-after')),
        },
      };
    } catch (error) {
      circuit.failed();
      if (abort.signal.aborted) return { ok: false, failure: { code: 'LINE_API_TIMEOUT', cause: 'ETIMEDOUT' } };
      return { ok: false, failure: { code: 'LINE_API_UNREACHABLE', cause: causeCode(error) } };
    } finally {
      clearTimeout(timer);
      slots.release();
    }
  };

  return {
    async reply(replyToken, messages, replyOptions): Promise<ReplyReceipt> {
      const deadlineAt = performance.now() + limits.replyDeadlineMs;
      const deadline = new AbortController();
      const deadlineTimer = setTimeout(() => deadline.abort(), limits.replyDeadlineMs);
      let parked = false;
      const onParked = () => {
        if (parked) return;
        parked = true;
        replyOptions?.onParked?.();
      };
      const body = encodeReplyBody(replyToken, messages);
      const earlier: CallFailure[] = [];
      try {
        for (let attempt = 1; ; attempt += 1) {
          const result = await call(body, deadline.signal, deadlineAt, onParked);
          if (result.ok) return { requestId: result.requestId, attempts: attempt, ...(earlier.length > 0 && { earlier }) };
          const { code, retryAfterMs, ...failure } = result.failure;
          if (failure.status === 400 && failure.lineMessage === USED_REPLY_TOKEN && earlier.some((e) => e.cause && SENT_THEN_LOST.has(e.cause))) {
            return { requestId: failure.requestId, attempts: attempt, earlier, maybeDelivered: true };
          }
          const wait = retryAfterMs ?? backoff(attempt);
          const retryable = code !== 'LINE_API_DOWN' && (failure.status === undefined || failure.status === 429 || failure.status >= 500);
          if (!retryable || attempt >= MAX_ATTEMPTS || performance.now() + wait + RETRY_HEADROOM_MS > deadlineAt) {
            throw new LineApiError(code, describeFailure(code, failure), { ...failure, attempts: attempt, ...(earlier.length > 0 && { earlier }) });
          }
          earlier.push(failure);
          await sleep(wait);
        }
      } finally {
        clearTimeout(deadlineTimer);
      }
    },
    /**
     * The profile's `language` only (never the name, picture or status message), over the same capped pool as the
     * replies. Any failure or a slow answer reads as "no language": the greeting goes out in Japanese, at most
     * `profileTimeoutMs` late; while calls to LINE are stopped (it keeps failing), at once.
     */
    async readLanguage(userId): Promise<ProfileLanguage> {
      if (circuit.isOpen) return { ok: false, reason: 'error', cause: 'CIRCUIT_OPEN' };
      const abort = new AbortController();
      const timer = setTimeout(() => abort.abort(), options.profileTimeoutMs);
      try {
        const path = `${PROFILE_PATH}${encodeURIComponent(userId)}`;
        const response = await pool.request({ path, method: 'GET', headers: { authorization }, signal: abort.signal });
        const requestId = headerOf(response.headers, 'x-line-request-id');
        if (response.statusCode < 200 || response.statusCode >= 300) {
          await response.body.dump();
          return { ok: false, reason: 'error', status: response.statusCode, requestId };
        }
        const profile: unknown = await response.body.json();
        const language = typeof profile === 'object' && profile !== null && 'language' in profile ? profile.language : undefined;
        return typeof language === 'string' ? { ok: true, language } : { ok: true };
      } catch (error) {
        if (abort.signal.aborted) return { ok: false, reason: 'timeout' };
        if (error instanceof SyntaxError) return { ok: false, reason: 'error' };
        return { ok: false, reason: 'error', cause: causeCode(error) };
      } finally {
        clearTimeout(timer);
      }
    },
    close: () => pool.destroy(),
  };
}

/** Exponential, with jitter so that replies failed together do not retry together. */
function backoff(attempt: number): number {
  const ceiling = Math.min(MAX_BACKOFF_MS, FIRST_BACKOFF_MS * 2 ** (attempt - 1));
  return ceiling / 2 + Math.random() * (ceiling / 2);
}

/** `Retry-After` is seconds or an HTTP date (RFC 9110 §10.2.3). */
function readRetryAfter(value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  if (/^\d+$/.test(value.trim())) return Number(value) * 1000;
  const at = Date.parse(value);
  return Number.isNaN(at) ? undefined : Math.max(0, at - Date.now());
}

function headerOf(headers: Record<string, string | string[] | undefined>, name: string): string | undefined {
  const value = headers[name];
  return Array.isArray(value) ? value[0] : value;
}

/** The socket or undici error code (ECONNREFUSED, ECONNRESET, UND_ERR_SOCKET…), never a message with data. */
function causeCode(error: unknown): string {
  for (let e: unknown = error; typeof e === 'object' && e !== null; e = (e as { cause?: unknown }).cause) {
    if ('code' in e && typeof e.code === 'string') return e.code;
  }
  return error instanceof Error ? error.name : 'UNKNOWN';
}

function describeFailure(code: LineApiError['code'], failure: CallFailure): string {
  switch (code) {
    case 'LINE_API_STATUS':
      return `LINE API answered ${failure.status}`;
    case 'LINE_API_TIMEOUT':
      return 'LINE API did not answer in time; the call was aborted';
    case 'LINE_API_UNREACHABLE':
      return `LINE API could not be reached (${failure.cause})`;
    case 'LINE_API_DOWN':
      return 'LINE API kept failing and did not answer again before the reply deadline; the reply was not sent';
  }
}

/** LINE's error body is {message, details?}; keep its message (it never holds what the user wrote). */
function readLineMessage(body: string): string | undefined {
  try {
    const parsed: unknown = JSON.parse(body);
    return typeof parsed === 'object' && parsed !== null && 'message' in parsed ? String(parsed.message).slice(0, 200) : undefined;
  } catch (error) {
    if (error instanceof SyntaxError) return undefined;
    throw error;
  }
}
