import type { webhook } from '@line/bot-sdk';
import type { Engine } from '../core/conversation/engine';
import { step } from '../core/conversation/step';
import type { RenderReply } from '../core/render/render-reply';
import { LineApiError } from './line-api-error';
import type { Clock, Logger, Messenger, SessionStore } from './ports';
import { RecentIds } from './recent-ids';
import { toBotEvent, type RoutedEvent } from './to-bot-event';

export interface WebhookHandlerDeps {
  readonly engine: Engine;
  readonly render: RenderReply;
  readonly store: SessionStore;
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
 * load → step → render → save → reply, for each event. Events of one chat run one after another, in timestamp
 * order, even across webhooks; different chats run side by side. Duplicates (same webhookEventId) run once.
 */
export function createWebhookHandler(deps: WebhookHandlerDeps): WebhookHandler {
  const seen = new RecentIds(REMEMBERED_EVENT_IDS);
  const chains = new Map<string, Promise<void>>();
  const inFlight = new Set<Promise<void>>();

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
    // LINE ids carry their kind (U…, C…, R…), so one map keys users, groups and rooms apart.
    const key = routed.chatId;
    const run = (chains.get(key) ?? Promise.resolve()).then(() => handleOne(deps, event, routed));
    chains.set(key, run);
    inFlight.add(run);
    void run.finally(() => {
      inFlight.delete(run);
      if (chains.get(key) === run) chains.delete(key);
    });
    return run;
  };

  return {
    async handleEvents(events) {
      const ordered = [...events].sort((a, b) => a.timestamp - b.timestamp);
      await Promise.all(ordered.map(enqueue));
    },
    async drain() {
      await Promise.allSettled([...inFlight]);
    },
  };
}

async function handleOne(deps: WebhookHandlerDeps, event: webhook.Event, routed: RoutedEvent): Promise<void> {
  const started = deps.clock.now();
  const fields: Record<string, unknown> = { event: event.type, webhookEventId: event.webhookEventId };
  try {
    const key = deps.hashId(routed.chatId);
    fields.user = key;
    const saved = routed.isUser ? await deps.store.get(key) : undefined;
    const result = step(deps.engine, saved, routed.botEvent);
    if (routed.isUser) {
      await (result.session ? deps.store.set(key, result.session) : deps.store.delete(key));
    }
    Object.assign(fields, { outcome: result.outcome, result: result.resultId });
    const messages = deps.render(result.reply);
    if (messages.length > 0 && routed.replyToken) await deps.messenger.reply(routed.replyToken, messages);
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
