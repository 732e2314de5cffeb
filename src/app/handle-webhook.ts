import type { webhook } from '@line/bot-sdk';
import type { Converse } from './converse';
import { KeyedQueue } from './keyed-queue';
import { LineApiError } from './line-api-error';
import type { Clock, Logger, Messenger } from './ports';
import { RecentIds } from './recent-ids';
import { toBotEvent, type RoutedEvent } from './to-bot-event';

export interface WebhookHandlerDeps {
  readonly converse: Converse;
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

const REMEMBERED_EVENT_IDS = 10_000;

/**
 * Dedupe → order → converse → reply, for each event. Events of one chat run one after another, in timestamp
 * order, even across webhooks; different chats run side by side. Duplicates (same webhookEventId) run once.
 */
export function createWebhookHandler(deps: WebhookHandlerDeps): WebhookHandler {
  const seen = new RecentIds(REMEMBERED_EVENT_IDS);
  const chats = new KeyedQueue();

  const enqueue = (event: webhook.Event): Promise<void> => {
    if (event.webhookEventId && !seen.add(event.webhookEventId)) {
      deps.logger.info({ event: event.type, outcome: 'duplicate', webhookEventId: event.webhookEventId });
      return Promise.resolve();
    }
    const routed = toBotEvent(event);
    if (!routed) {
      deps.logger.info({ event: event.type, outcome: 'ignored', webhookEventId: event.webhookEventId });
      return Promise.resolve();
    }
    // LINE ids carry their kind (U…, C…, R…), so one queue keys users, groups and rooms apart.
    return chats.run(routed.chatId, () => handleOne(deps, event, routed));
  };

  return {
    async handleEvents(events) {
      const ordered = [...events].sort((a, b) => a.timestamp - b.timestamp);
      await Promise.all(ordered.map(enqueue));
    },
    drain: () => chats.drain(),
  };
}

async function handleOne(deps: WebhookHandlerDeps, event: webhook.Event, routed: RoutedEvent): Promise<void> {
  const started = deps.clock.now();
  const fields: Record<string, unknown> = { event: event.type, webhookEventId: event.webhookEventId };
  try {
    const key = deps.hashId(routed.chatId);
    fields.user = key;
    const answer = await deps.converse({ key, keepsSession: routed.isUser }, routed.botEvent);
    Object.assign(fields, { outcome: answer.outcome, result: answer.resultId, match: answer.match });
    if (answer.messages.length > 0 && routed.replyToken) await deps.messenger.reply(routed.replyToken, answer.messages);
    deps.logger.info({ ...fields, ms: deps.clock.now() - started });
  } catch (error) {
    const details = error instanceof LineApiError ? { code: error.code, ...error.details } : { code: 'INTERNAL' };
    deps.logger.error({ ...fields, ...details, err: describe(error), ms: deps.clock.now() - started }, 'event failed');
  }
}

/** The error's name and message only: a stack or cause could carry request bodies. */
function describe(error: unknown): string {
  return error instanceof Error ? `${error.name}: ${error.message}` : String(error);
}
