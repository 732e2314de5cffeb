import type { webhook } from '@line/bot-sdk';
import type { Converse } from './converse';
import { KeyedQueue } from './keyed-queue';
import { LineApiError } from './line-api-error';
import type { Clock, EventDedupe, Logger, Messenger } from './ports';
import { StoreUnavailableError } from './store-error';
import { toBotEvent, type RoutedEvent } from './to-bot-event';

export interface WebhookHandlerDeps {
  readonly converse: Converse;
  /** Shared by the replicas when the store is (Redis), so a redelivery to another replica runs once too. */
  readonly dedupe: EventDedupe;
  readonly messenger: Messenger;
  readonly logger: Logger;
  readonly clock: Clock;
  /** One-way hash of a LINE user or group id: the only form that reaches the store and the logs. */
  readonly hashId: (id: string) => string;
}

export interface WebhookHandler {
  /** Handles one webhook's events; resolves when all are done. Never rejects. */
  handleEvents(events: readonly webhook.Event[]): Promise<void>;
  /** Resolves when all work in flight has finished (for shutdown). */
  drain(): Promise<void>;
}

/**
 * Dedupe → order → converse → reply, for each event. Events of one chat run one after another, in timestamp
 * order, even across webhooks; different chats run side by side. Duplicates (same webhookEventId) run once, on
 * every replica that shares the dedupe store.
 */
export function createWebhookHandler(deps: WebhookHandlerDeps): WebhookHandler {
  const chats = new KeyedQueue();

  const enqueue = (event: webhook.Event): Promise<void> => {
    const routed = toBotEvent(event);
    if (!routed) {
      deps.logger.info({ event: event.type, outcome: 'ignored', webhookEventId: event.webhookEventId });
      return Promise.resolve();
    }
    // Claimed at once, while earlier events of the chat may still run; awaited in its turn (and marked handled
    // now, so that a failure before then is not reported as an unhandled rejection).
    const claimed = claim(deps.dedupe, event.webhookEventId);
    void claimed.catch(() => undefined);
    // LINE ids carry their kind (U…, C…, R…), so one queue keys users, groups and rooms apart.
    return chats.run(routed.chatId, () => handleOne(deps, event, routed, claimed));
  };

  return {
    async handleEvents(events) {
      const ordered = [...events].sort((a, b) => a.timestamp - b.timestamp);
      await Promise.all(ordered.map(enqueue));
    },
    drain: () => chats.drain(),
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
      return;
    }
    const answer = await deps.converse({ key, keepsSession: routed.isUser }, routed.botEvent, started);
    Object.assign(fields, { outcome: answer.outcome, result: answer.resultId, match: answer.match, session: answer.session });
    if (claim === 'unchecked') fields.dedupe = 'unavailable';
    const receipt =
      answer.messages.length > 0 && routed.replyToken ? await deps.messenger.reply(routed.replyToken, answer.messages) : undefined;
    deps.logger.info({ ...fields, ...receipt, ms: deps.clock.now() - started });
  } catch (error) {
    const details = error instanceof LineApiError ? { code: error.code, ...error.details } : { code: 'INTERNAL' };
    deps.logger.error({ ...fields, ...details, err: describe(error), ms: deps.clock.now() - started }, 'event failed');
  }
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

/** The error's name and message only: a stack or cause could carry request bodies. */
function describe(error: unknown): string {
  return error instanceof Error ? `${error.name}: ${error.message}` : String(error);
}
