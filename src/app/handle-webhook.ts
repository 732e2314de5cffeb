import type { webhook } from '@line/bot-sdk';
import type { BotEvent } from '../core/conversation/bot-event';
import type { Converse } from './converse';
import { describeError } from './describe-error';
import { KeyedQueue } from './keyed-queue';
import { LineApiError } from './line-api-error';
import { NO_METRICS, type Clock, type EventDedupe, type Logger, type Messenger, type Metrics, type ProfileReader } from './ports';
import { StoreUnavailableError } from './store-error';
import { toBotEvent, type RoutedEvent } from './to-bot-event';

export interface WebhookHandlerDeps {
  readonly converse: Converse;
  /** Shared by the replicas when the store is (Redis), so a redelivery to another replica runs once too. */
  readonly dedupe: EventDedupe;
  readonly messenger: Messenger;
  /** Where a new friend's language comes from; without it everyone starts in Japanese. */
  readonly profiles?: ProfileReader;
  readonly logger: Logger;
  readonly clock: Clock;
  /** One-way hash of a LINE user or group id: the only form that reaches the store and the logs. */
  readonly hashId: (id: string) => string;
  readonly metrics?: Metrics;
}

export interface WebhookHandler {
  /**
   * Handles one webhook's events; resolves when all are done. Rejects only with ShuttingDownError, once `close`
   * has begun: the events are then not taken at all (LINE redelivers them after a non-2xx answer).
   */
  handleEvents(events: readonly webhook.Event[]): Promise<void>;
  /**
   * Takes no new events from now on, and waits up to `graceMs` for those in flight. Each still unfinished then is
   * logged as lost (LINE got 200 for it and will not redeliver), and their number returned.
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

/**
 * Dedupe → order → converse → reply, for each event. Events of one chat run one after another, in timestamp
 * order, even across webhooks; different chats run side by side. Duplicates (same webhookEventId) run once, on
 * every replica that shares the dedupe store.
 */
export function createWebhookHandler(deps: WebhookHandlerDeps): WebhookHandler {
  const chats = new KeyedQueue();
  /** Events taken and not finished, for the log if shutdown has to leave them. */
  const inFlight = new Set<{ readonly event: string; readonly webhookEventId: string | undefined }>();
  let closing = false;

  const enqueue = (event: webhook.Event): Promise<void> => {
    const routed = toBotEvent(event);
    if (!routed) {
      deps.logger.info({ event: event.type, outcome: 'ignored', webhookEventId: event.webhookEventId });
      (deps.metrics ?? NO_METRICS).countSkippedEvent('ignored');
      return Promise.resolve();
    }
    // Claimed at once, while earlier events of the chat may still run; awaited in its turn (and marked handled
    // now, so that a failure before then is not reported as an unhandled rejection).
    const claimed = claim(deps.dedupe, event.webhookEventId);
    void claimed.catch(() => undefined);
    const entry = { event: event.type, webhookEventId: event.webhookEventId };
    inFlight.add(entry);
    // LINE ids carry their kind (U…, C…, R…), so one queue keys users, groups and rooms apart.
    return chats.run(routed.chatId, () => handleOne(deps, event, routed, claimed)).finally(() => inFlight.delete(entry));
  };

  return {
    async handleEvents(events) {
      // Checked in the same turn as the events are queued, so `close` waits for every event taken before it.
      if (closing) throw new ShuttingDownError();
      const ordered = [...events].sort((a, b) => a.timestamp - b.timestamp);
      await Promise.all(ordered.map(enqueue));
    },
    async close(graceMs) {
      closing = true;
      let timer: NodeJS.Timeout | undefined;
      // setTimeout would fire at once for Infinity (it clamps delays beyond 2^31 - 1 ms to 1 ms).
      const graceOver = Number.isFinite(graceMs) ? new Promise<void>((resolve) => (timer = setTimeout(resolve, graceMs))) : undefined;
      await Promise.race([chats.drain(), ...(graceOver ? [graceOver] : [])]);
      clearTimeout(timer);
      for (const lost of inFlight) deps.logger.error({ ...lost, outcome: 'lost' }, 'shutdown grace period over: reply not sent');
      return inFlight.size;
    },
  };
}

async function handleOne(deps: WebhookHandlerDeps, event: webhook.Event, routed: RoutedEvent, claimed: Promise<Claim>): Promise<void> {
  const started = deps.clock.now();
  const fields: Record<string, unknown> = { event: event.type, webhookEventId: event.webhookEventId };
  try {
    const key = deps.hashId(routed.chatId);
    fields.user = key;
    const claim = await claimed;
    if (claim === 'duplicate') {
      deps.logger.info({ ...fields, outcome: 'duplicate' });
      (deps.metrics ?? NO_METRICS).countSkippedEvent('duplicate');
      return;
    }
    const botEvent = await withProfileLanguage(deps, routed, fields);
    const answer = await deps.converse({ key, keepsSession: routed.isUser }, botEvent, started);
    Object.assign(fields, {
      outcome: answer.outcome,
      result: answer.resultId,
      match: answer.match,
      session: answer.session,
      agency: answer.reportedAgencyId,
      locale: answer.locale,
    });
    if (claim === 'unchecked') fields.dedupe = 'unavailable';
    const receipt =
      answer.messages.length > 0 && routed.replyToken ? await deps.messenger.reply(routed.replyToken, answer.messages) : undefined;
    deps.logger.info({ ...fields, ...receipt, ms: deps.clock.now() - started });
  } catch (error) {
    const details = error instanceof LineApiError ? { code: error.code, ...error.details } : { code: 'INTERNAL' };
    deps.logger.error({ ...fields, ...details, err: describeError(error), ms: deps.clock.now() - started }, 'event failed');
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

/** `unchecked`: the store did not answer, and the event counts as new: better answered twice than never. */
type Claim = 'new' | 'duplicate' | 'unchecked';

async function claim(dedupe: EventDedupe, webhookEventId: string | undefined): Promise<Claim> {
  if (!webhookEventId) return 'new';
  try {
    return (await dedupe.claim(webhookEventId)) ? 'new' : 'duplicate';
  } catch (error) {
    if (error instanceof StoreUnavailableError) return 'unchecked';
    throw error;
  }
}
