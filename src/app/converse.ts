import type { messagingApi } from '@line/bot-sdk';
import type { BotEvent } from '../core/conversation/bot-event';
import type { Engine } from '../core/conversation/engine';
import { step, type Outcome, type StepResult } from '../core/conversation/step';
import type { RenderReply } from '../core/render/render-reply';
import type { SessionStore } from './ports';

/** Whose conversation an event belongs to. */
export interface Chat {
  /** The store key: a hashed LINE id, never a raw one. */
  readonly key: string;
  /** One-to-one chats keep a session; groups and rooms get a one-off answer and keep nothing. */
  readonly keepsSession: boolean;
}

export interface Answer {
  readonly messages: messagingApi.Message[];
  readonly outcome: Outcome;
  readonly resultId?: string | undefined;
  /** What typed text was understood as and how well (for the log line; never the text). */
  readonly match?: StepResult['match'];
}

/** The one entry into the conversation: what to answer this chat for this event. */
export type Converse = (chat: Chat, event: BotEvent) => Promise<Answer>;

/**
 * load → step → save → render, shared by the LINE webhook and the browser preview so both answer alike; each
 * passes its own store. Callers keep one chat's events in order.
 */
export function createConverse(deps: { engine: Engine; render: RenderReply; store: SessionStore }): Converse {
  return async (chat, event) => {
    const saved = chat.keepsSession ? await deps.store.get(chat.key) : undefined;
    const result = step(deps.engine, saved, event);
    if (chat.keepsSession) {
      await (result.session ? deps.store.set(chat.key, result.session) : deps.store.delete(chat.key));
    }
    return { messages: deps.render(result.reply), outcome: result.outcome, resultId: result.resultId, match: result.match };
  };
}
