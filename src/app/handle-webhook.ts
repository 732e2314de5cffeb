import { setMaxListeners } from 'node:events';
import type { webhook } from '@line/bot-sdk';
import type { BotEvent } from '../core/conversation/bot-event';
import { claimedSessions } from './claimed-sessions';
import type { Answer, ChatSessions, Converse } from './converse';
import { describeError } from './describe-error';
import { ClaimLostError } from './event-claims';
import { KeyedQueue } from './keyed-queue';
import { LineApiError } from './line-api-error';
import {
  NO_METRICS,
  type ClaimFound,
  type Clock,
  type EventClaims,
  type Logger,
  type Messenger,
  type Metrics,
  type ProfileReader,
  type SessionStore,
} from './ports';
import { SESSION_PREFIX } from './session-store';
import { StoreUnavailableError } from './store-error';
import { toBotEvent, type RoutedEvent } from './to-bot-event';

export interface WebhookHandlerDeps {
  readonly converse: Converse;
  /** Shared by the replicas when the store is (Redis), so a redelivery to another replica runs once too. */
  readonly claims: EventClaims;
  /** LINE users' sessions, for a step that has to load again after losing a save to another replica. */
  readonly sessions: SessionStore;
  readonly sessionTtlMs: number;
  readonly messenger: Messenger;
  /** Where a new friend's language comes from; without it everyone starts in Japanese. */
  readonly profiles?: ProfileReader;
  readonly logger: Logger;
  readonly clock: Clock;
  /** One-way hash of a LINE user or group id: the only form that reaches the store and the logs. */
  readonly hashId: (id: string) => string;
  readonly metrics?: Metrics;
  /** Events taken and not finished at most; a webhook that would go beyond is refused whole. Unbounded if absent. */
  readonly maxEventsInFlight?: number;
}

export interface WebhookHandler {
  /**
   * Handles one webhook's events; resolves when each is answered, given up, or waiting for LINE to answer again.
   * Rejects, taking none of the events (LINE redelivers them after a non-2xx answer), with ShuttingDownError once
   * `close` has begun, or OverloadedError while too many events are in flight.
   */
  handleEvents(events: readonly webhook.Event[]): Promise<void>;
  /**
   * Takes no new events from now on, sends the replies still waiting for a person's earlier reply at once, and
   * waits up to `graceMs` for those in flight. Each still unfinished then is logged as lost with where it was
   * (LINE got 200 for it and will not redeliver), and their number returned.
   */
  close(graceMs: number): Promise<number>;
}

/** The handler is closing: no new event is taken. */
export class ShuttingDownError extends Error {
  readonly code = 'SHUTTING_DOWN';
  constructor() {
    super('shutting down: events are not taken; LINE redelivers them');
    this.name = 'ShuttingDownError';
  }
}

/** Too many events in flight on this replica: the webhook is refused whole, for LINE to redeliver. */
export class OverloadedError extends Error {
  readonly code = 'OVERLOADED';
  constructor() {
    super('too many events in flight: events are not taken; LINE redelivers them');
    this.name = 'OverloadedError';
  }
}

/** How often, at most, shedding is logged (with the count since the last line). */
const SHED_LOG_EVERY_MS = 10_000;
/** Looks at a claim held by another delivery again this long after its lease ends, then this many times at most. */
const BUSY_RECHECK_SLACK_MS = 50;
const BUSY_RECHECKS = 2;

/**
 * Claim owners: a random id for this process and a counter. Unique across replicas and deliveries like a UUID per
 * claim, at a fraction of its cost (a UUID from WebCrypto was ~1.5 % of an event's CPU, docs/benchmarks.md).
 */
const OWNER_PREFIX = globalThis.crypto.randomUUID();
let ownersIssued = 0;

function nextOwner(): string {
  ownersIssued += 1;
  return `${OWNER_PREFIX}.${ownersIssued.toString(36)}`;
}

/** An event taken and not finished: what the log says if shutdown has to leave it. */
interface InFlight {
  readonly event: string;
  readonly webhookEventId: string | undefined;
  /** The event's kind as counted (text, postback, follow…). */
  readonly counted: string;
  /** `waiting`: claimed and stepped (or waiting its turn), its reply not started; `replying`: the reply is under way. */
  stage: 'waiting' | 'replying';
}

/** An event stepped and ready to be answered. */
interface Prepared {
  readonly fields: Record<string, unknown>;
  readonly answer: Answer;
  readonly replyToken: string | undefined;
  readonly ticket: Ticket | undefined;
  readonly started: number;
}

/** This delivery's claim on its event. */
interface Ticket {
  readonly webhookEventId: string;
  readonly owner: string;
}

/**
 * Claim → order → converse → reply → confirm, for each event. Events of one chat are stepped one after another,
 * in timestamp order, even across webhooks, and their replies go out in the same order; different chats run side
 * by side. Each event is claimed before its step and the claim made final only once LINE took the reply (or
 * refused it for good), so a duplicate runs once on every replica sharing the store, and a delivery whose reply
 * failed for now, or whose replica died, is handled by the next delivery of the event.
 */
export function createWebhookHandler(deps: WebhookHandlerDeps): WebhookHandler {
  const metrics = deps.metrics ?? NO_METRICS;
  const steps = new KeyedQueue();
  const replies = new KeyedQueue();
  const inFlight = new Set<InFlight>();
  let closing = false;
  // A signal, not a promise: waits on it remove their listener when they end, so none piles up until shutdown.
  // Every person with a reply waiting for an earlier one listens meanwhile: no listener limit.
  const closingNow = new AbortController();
  setMaxListeners(0, closingNow.signal);
  const shed = { loggedAt: Number.NEGATIVE_INFINITY, since: 0 };
  /** Event ids this process handles now, with when that ends: a second delivery of one waits for it, not its lease. */
  const handling = new Map<string, Promise<void>>();

  const enqueue = (event: webhook.Event): Promise<void> => {
    const routed = toBotEvent(event);
    if (!routed) {
      deps.logger.info({ event: event.type, outcome: 'ignored', webhookEventId: event.webhookEventId });
      metrics.countSkippedEvent('ignored');
      return Promise.resolve();
    }
    const entry: InFlight = { event: event.type, webhookEventId: event.webhookEventId, counted: routed.botEvent.type, stage: 'waiting' };
    inFlight.add(entry);
    const id = event.webhookEventId;
    const earlier = id === undefined ? undefined : handling.get(id);
    // LINE ids carry their kind (U…, C…, R…), so one queue keys users, groups and rooms apart.
    const prepared = steps.run(routed.chatId, () => prepare(deps, event, routed, { closing: closingNow.signal, earlier }));
    let handOff: () => void = () => undefined;
    const handedOff = new Promise<void>((resolve) => (handOff = resolve));
    const replied = replies.run(
      routed.chatId,
      async () => {
        const ready = await prepared;
        if (!ready) return;
        entry.stage = 'replying';
        await deliver(deps, ready, handOff);
      },
      closingNow.signal,
    );
    const finish = () => {
      inFlight.delete(entry);
      if (id !== undefined && handling.get(id) === finished) handling.delete(id);
      handOff();
    };
    const finished: Promise<void> = replied.then(finish, finish);
    if (id !== undefined && !earlier) handling.set(id, finished);
    return handedOff;
  };

  return {
    async handleEvents(events) {
      // Checked in the same turn as the events are queued, so `close` waits for every event taken before it.
      if (closing) throw new ShuttingDownError();
      if (deps.maxEventsInFlight !== undefined && inFlight.size + events.length > deps.maxEventsInFlight) {
        metrics.countShedEvents(events.length);
        shed.since += events.length;
        const now = deps.clock.now();
        if (now - shed.loggedAt >= SHED_LOG_EVERY_MS) {
          deps.logger.warn(
            { code: 'OVERLOADED', shed: shed.since, inFlight: inFlight.size, maxEventsInFlight: deps.maxEventsInFlight },
            'too many events in flight: webhooks refused with 503 for LINE to redeliver',
          );
          shed.loggedAt = now;
          shed.since = 0;
        }
        throw new OverloadedError();
      }
      const ordered = [...events].sort((a, b) => a.timestamp - b.timestamp);
      await Promise.all(ordered.map(enqueue));
    },
    async close(graceMs) {
      closing = true;
      closingNow.abort();
      let timer: NodeJS.Timeout | undefined;
      // setTimeout would fire at once for Infinity (it clamps delays beyond 2^31 - 1 ms to 1 ms).
      const graceOver = Number.isFinite(graceMs) ? new Promise<void>((resolve) => (timer = setTimeout(resolve, graceMs))) : undefined;
      await Promise.race([Promise.all([steps.drain(), replies.drain()]), ...(graceOver ? [graceOver] : [])]);
      clearTimeout(timer);
      for (const { stage, counted, ...lost } of inFlight) {
        const reason = stage === 'replying' ? 'reply-in-flight' : 'not-replied-yet';
        deps.logger.error({ ...lost, outcome: 'lost', reason }, 'shutdown grace period over: reply not sent');
        metrics.countUnanswered(counted, 'lost');
      }
      return inFlight.size;
    },
  };
}

/** Claims the event and steps the conversation; logs and returns undefined when there is nothing to send. */
async function prepare(deps: WebhookHandlerDeps, event: webhook.Event, routed: RoutedEvent, waits: ClaimWaits): Promise<Prepared | undefined> {
  const started = deps.clock.now();
  const fields: Record<string, unknown> = { event: event.type, webhookEventId: event.webhookEventId };
  try {
    const key = deps.hashId(routed.chatId);
    fields.user = key;
    const claimed = await claim(deps, event.webhookEventId, routed.isUser ? key : undefined, waits);
    if (claimed.kind === 'duplicate') {
      deps.logger.info({ ...fields, outcome: 'duplicate', ...(claimed.busy && { claim: 'busy' }) });
      (deps.metrics ?? NO_METRICS).countSkippedEvent('duplicate');
      return undefined;
    }
    const botEvent = await withProfileLanguage(deps, routed, fields);
    let sessions: ChatSessions | undefined;
    if (claimed.kind === 'claimed' && routed.isUser) {
      sessions = claimedSessions({ claims: deps.claims, store: deps.sessions, found: claimed.found, ...claimed.ticket, key, ttlMs: deps.sessionTtlMs });
    }
    const answer = await deps.converse({ key, keepsSession: routed.isUser }, botEvent, started, sessions);
    const match = answer.match && { target: answer.match.target, score: answer.match.score };
    // Why typed text was answered so: the classifier's intents, probabilities and band, never the text or its n-grams.
    if (answer.match?.classified) {
      deps.logger.debug({ webhookEventId: event.webhookEventId, target: answer.match.target, classified: answer.match.classified }, 'typed text classified');
    }
    Object.assign(fields, {
      outcome: answer.outcome,
      result: answer.resultId,
      match,
      session: answer.session,
      agency: answer.reportedAgencyId,
      locale: answer.locale,
    });
    if (claimed.kind === 'unchecked') fields.dedupe = 'unavailable';
    if (claimed.kind === 'claimed' && claimed.found.kind === 'replay') fields.claim = 'replay';
    return { fields, answer, replyToken: routed.replyToken, ticket: claimed.kind === 'claimed' ? claimed.ticket : undefined, started };
  } catch (error) {
    if (error instanceof ClaimLostError) {
      deps.logger.info({ ...fields, outcome: 'duplicate', claim: 'lost' });
      (deps.metrics ?? NO_METRICS).countSkippedEvent('duplicate');
      return undefined;
    }
    deps.logger.error({ ...fields, code: 'INTERNAL', err: describeError(error), ms: deps.clock.now() - started }, 'event failed');
    return undefined;
  }
}

/**
 * Sends the reply and settles the claim by how it went: final when LINE took it (or may have: a used token after
 * a call that got no answer) or refused it for good; given back when a later delivery could still succeed.
 */
async function deliver(deps: WebhookHandlerDeps, prepared: Prepared, onParked: () => void): Promise<void> {
  const { fields, answer, ticket, started } = prepared;
  const metrics = deps.metrics ?? NO_METRICS;
  const settle = async (how: 'done' | 'retry') => {
    if (!ticket) return;
    try {
      await deps.claims.settle(ticket.webhookEventId, ticket.owner, how);
    } catch (error) {
      // The pending claim then lapses by itself: a redelivery after its lease is answered.
      if (!(error instanceof StoreUnavailableError)) throw error;
      fields.dedupe = 'unavailable';
    }
  };
  try {
    if (answer.messages.length === 0 || !prepared.replyToken) {
      await settle('done');
      metrics.countStep(answer.counted);
      deps.logger.info({ ...fields, ms: deps.clock.now() - started });
      return;
    }
    let receipt;
    try {
      receipt = await deps.messenger.reply(prepared.replyToken, answer.messages, { onParked });
    } catch (error) {
      if (!(error instanceof LineApiError)) throw error;
      await settle(error.final ? 'done' : 'retry');
      metrics.countUnanswered(answer.counted.event, 'reply-failed');
      deps.logger.error(
        { ...fields, step: answer.outcome, outcome: 'reply-failed', code: error.code, ...error.details, ms: deps.clock.now() - started },
        error.final ? 'reply refused by LINE' : 'reply failed: a redelivery of the event will be answered',
      );
      return;
    }
    await settle('done');
    if (receipt.maybeDelivered) {
      metrics.countUnanswered(answer.counted.event, 'maybe-delivered');
      deps.logger.warn(
        { ...fields, step: answer.outcome, outcome: 'maybe-delivered', ...receipt, ms: deps.clock.now() - started },
        'reply token refused as used after a call that got no answer: the reply most likely arrived',
      );
      return;
    }
    metrics.countStep(answer.counted);
    deps.logger.info({ ...fields, ...receipt, ms: deps.clock.now() - started });
  } catch (error) {
    deps.logger.error({ ...fields, code: 'INTERNAL', err: describeError(error), ms: deps.clock.now() - started }, 'event failed');
  }
}

/**
 * A new friend's follow carries their LINE app's language, read within the reader's time bound; a failure or a
 * hang is logged and the person is greeted in Japanese.
 */
async function withProfileLanguage(deps: WebhookHandlerDeps, routed: RoutedEvent, fields: Record<string, unknown>): Promise<BotEvent> {
  if (routed.botEvent.type !== 'follow' || !routed.isUser || !deps.profiles) return routed.botEvent;
  const profile = await deps.profiles.readLanguage(routed.chatId);
  if (!profile.ok) {
    fields.profile = profile.reason;
    if (profile.status !== undefined) fields.profileStatus = profile.status;
    if (profile.requestId) fields.profileRequestId = profile.requestId;
    if (profile.cause) fields.profileCause = profile.cause;
    return routed.botEvent;
  }
  return profile.language === undefined ? routed.botEvent : { ...routed.botEvent, language: profile.language };
}

/**
 * `claimed`: this delivery handles the event; `duplicate`: another did or does (`busy`: it still held its claim
 * after waiting for its lease to end); `unchecked`: the store did not answer, and the event counts as new (better
 * answered twice than never); `unclaimed`: it has no webhookEventId to claim.
 */
type Claimed =
  | { readonly kind: 'claimed'; readonly ticket: Ticket; readonly found: Extract<ClaimFound, { kind: 'new' | 'replay' }> }
  | { readonly kind: 'duplicate'; readonly busy?: boolean }
  | { readonly kind: 'unchecked' }
  | { readonly kind: 'unclaimed' };

/** What a claim held by another delivery is waited for with. */
interface ClaimWaits {
  /** Shutdown began: stop waiting. */
  readonly closing: AbortSignal;
  /** When this process's own earlier delivery of the same event ends, if it is handling one. */
  readonly earlier: Promise<void> | undefined;
}

/**
 * Claims the event. A claim another delivery holds is looked at again when that delivery ends, if it is this
 * process's own, or else when its lease ends: by then it finished (a duplicate) or its replica died or gave it
 * back (this one handles it). Shutdown stops the wait.
 */
async function claim(deps: WebhookHandlerDeps, webhookEventId: string | undefined, sessionKey: string | undefined, waits: ClaimWaits): Promise<Claimed> {
  if (!webhookEventId) return { kind: 'unclaimed' };
  const owner = nextOwner();
  try {
    for (let look = 0; ; look += 1) {
      const found = await deps.claims.claim(webhookEventId, owner, sessionKey === undefined ? undefined : SESSION_PREFIX + sessionKey);
      if (found.kind === 'done') return { kind: 'duplicate' };
      if (found.kind !== 'busy') return { kind: 'claimed', ticket: { webhookEventId, owner }, found };
      if (look === BUSY_RECHECKS) return { kind: 'duplicate', busy: true };
      if (waits.closing.aborted) return { kind: 'duplicate', busy: true };
      let timer: NodeJS.Timeout | undefined;
      let stop: () => void = () => undefined;
      const stopped = await Promise.race([
        waits.earlier?.then(() => false) ??
          new Promise<false>((resolve) => (timer = setTimeout(() => resolve(false), found.leaseLeftMs + BUSY_RECHECK_SLACK_MS))),
        new Promise<true>((resolve) => {
          stop = () => resolve(true);
          waits.closing.addEventListener('abort', stop, { once: true });
        }),
      ]);
      clearTimeout(timer);
      waits.closing.removeEventListener('abort', stop);
      if (stopped) return { kind: 'duplicate', busy: true };
    }
  } catch (error) {
    if (error instanceof StoreUnavailableError) return { kind: 'unchecked' };
    throw error;
  }
}
