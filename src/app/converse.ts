import type { messagingApi } from '@line/bot-sdk';
import type { BotEvent } from '../core/conversation/bot-event';
import type { Session } from '../core/conversation/session';
import { stepInLanguage, type LocalizedEngine, type LocalizedStepResult } from '../core/conversation/step-in-language';
import type { Locale } from '../core/locale/locale';
import type { RenderReply } from '../core/render/render-reply';
import { toCountedStep } from './count-step';
import type { CountedStep, LoadedSession, SessionStore } from './ports';
import { StoreUnavailableError } from './store-error';

/** Whose conversation an event belongs to. */
export interface Chat {
  /** The store key: a hashed LINE id, never a raw one. */
  readonly key: string;
  /** One-to-one chats keep a session; groups and rooms get a one-off answer and keep nothing. */
  readonly keepsSession: boolean;
}

export interface Answer {
  readonly messages: messagingApi.Message[];
  readonly outcome: LocalizedStepResult['outcome'];
  readonly resultId?: string | undefined;
  /** What typed text was understood as and how well (for the log line; never the text). */
  readonly match?: LocalizedStepResult['match'];
  /** The agency whose card got 「情報がちがう？」 (for the log line and a counter; no text, no user). */
  readonly reportedAgencyId?: string | undefined;
  /** The language the answer is in. */
  readonly locale: Locale;
  /** What happened to the session, for the log line; absent when all went as usual. */
  readonly session?: SessionNote | undefined;
  /** What the operator counts once the answer reached the person (see Metrics.countStep). */
  readonly counted: CountedStep;
}

/**
 * Where one event's step reads and saves the chat's session, when not straight in the store: a claimed webhook
 * event reads it with its claim and saves it with a note on the claim (see EventClaims).
 */
export interface ChatSessions {
  load(): Promise<LoadedSession>;
  /** As SessionStore.save. */
  save(loaded: LoadedSession, next: Session | null): Promise<boolean>;
  /**
   * A redelivery replaying a step an earlier delivery already saved: a lost save is then expected (the saved
   * session is this step's or a later one's) and the answer goes out without stepping again.
   */
  readonly replay?: boolean;
}

/**
 * `unavailable`: the store did not answer, so the event was answered without the person's place and nothing was
 * saved; `unreadable`: a stored value was corrupt or of an unknown schema version and was replaced; `conflict`:
 * other events of the same person kept winning the save, and this one's step was not kept.
 */
export type SessionNote = 'unavailable' | 'unreadable' | 'conflict';

/**
 * The one entry into the conversation: what to answer this chat for this event at `instant` (ms since the epoch,
 * from the Clock), which decides the opening hours the cards show.
 */
export type Converse = (chat: Chat, event: BotEvent, instant: number, sessions?: ChatSessions) => Promise<Answer>;

/**
 * How often one event is stepped again after another replica saved the same person's session first. Two events of
 * one person racing is rare; several in a row means something is wrong, and the answer goes out anyway.
 */
const SAVE_ATTEMPTS = 4;

/**
 * load → step → save → render, shared by the LINE webhook and the browser preview so both answer alike; each
 * passes its own store (and only LINE's passes metrics: preview users are not the account's users). Callers keep
 * one chat's events in order within a process; across replicas the save is a compare-and-set on the session as
 * loaded, and the loser steps again on the winner's session, so no step is lost or applied to a stale place. When
 * the store fails the event is still answered, as from no session (crisis words, typed options of the first
 * question and every button work), and nothing is saved over the person's place.
 */
export function createConverse(deps: { engine: LocalizedEngine; render: RenderReply; sessions: SessionStore }): Converse {
  const step = stepInLanguage;
  return async (chat, event, instant, chatSessions) => {
    /** The answer to `event` stepped from `from`, counted once, whatever attempt it took. */
    const answer = (from: Session | undefined, result: LocalizedStepResult, session?: SessionNote): Answer => {
      return {
        counted: toCountedStep(deps.engine.flow, from, event, result),
        messages: deps.render(result.reply, instant, result.locale),
        outcome: result.outcome,
        resultId: result.resultId,
        match: result.match,
        ...(result.reportedAgencyId && { reportedAgencyId: result.reportedAgencyId }),
        locale: result.locale,
        ...(session && { session }),
      };
    };
    if (!chat.keepsSession) return answer(undefined, step(deps.engine, undefined, event));
    const sessions = chatSessions ?? { load: () => deps.sessions.load(chat.key), save: (loaded, next) => deps.sessions.save(loaded, next) };
    let note: SessionNote | undefined;
    for (let attempt = 1; ; attempt += 1) {
      const loaded = await orUnavailable(sessions.load());
      if (!loaded) return answer(undefined, step(deps.engine, undefined, event), 'unavailable');
      if (loaded.dropped) note = loaded.dropped;
      const result = step(deps.engine, loaded.session, event);
      const saved = await orUnavailable(sessions.save(loaded, result.session));
      if (saved === undefined) return answer(loaded.session, result, 'unavailable');
      if (saved || sessions.replay) return answer(loaded.session, result, note);
      if (attempt === SAVE_ATTEMPTS) return answer(loaded.session, result, 'conflict');
    }
  };
}

/** The store's answer, or undefined when it is unavailable. */
async function orUnavailable<T>(call: Promise<T>): Promise<T | undefined> {
  try {
    return await call;
  } catch (error) {
    if (error instanceof StoreUnavailableError) return undefined;
    throw error;
  }
}
