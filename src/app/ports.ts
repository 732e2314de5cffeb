import type { messagingApi } from '@line/bot-sdk';
import type { BotEvent } from '../core/conversation/bot-event';
import type { Session } from '../core/conversation/session';
import type { LocalizedOutcome } from '../core/conversation/step-in-language';
import type { CallFailure } from './line-api-error';

/** All the app asks of the outside world. Adapters implement these; tests and the preview swap them. */

/**
 * A key-value store with expiry and compare-and-set: all the app needs to keep sessions and seen event ids, in
 * process memory or shared by replicas (Redis). Small on purpose, like grammY's `StorageAdapter`, so that another
 * backend is one file. Expiry is the store's job; values are opaque strings. Every method may reject when the
 * backend is unreachable or slow (bounded by its own timeout); callers decide how to carry on without it.
 */
export interface StorageAdapter {
  /** The value, or undefined when there is none or it expired. */
  read(key: string): Promise<string | undefined>;
  /**
   * Replaces `expected` (what `read` gave; undefined: no value) by `value`, which then expires `ttlMs` later.
   * Resolves false, changing nothing, when the key no longer holds `expected`: another writer came first.
   */
  write(key: string, expected: string | undefined, value: string, ttlMs: number): Promise<boolean>;
  /** Deletes the key if it still holds `expected`; false when it holds something else. */
  delete(key: string, expected: string): Promise<boolean>;
}

/** A person's session as read, with what `save` needs to detect that another event changed it meanwhile. */
export interface LoadedSession {
  readonly key: string;
  /** Undefined when there is none, it expired, or the stored value was unreadable (see `dropped`). */
  readonly session: Session | undefined;
  /** Set when a stored value was dropped: corrupt, or written by an unknown schema version. */
  readonly dropped?: 'unreadable';
  /** The stored value exactly as read: the revision `save` compares against. */
  readonly revision: string | undefined;
}

/** Where sessions live between events. Keys are hashed user ids, never raw ones. */
export interface SessionStore {
  load(key: string): Promise<LoadedSession>;
  /**
   * Stores `next` (null deletes) if the session is still as loaded. Resolves false, changing nothing, when another
   * event of the same person was saved first (another replica): load again and redo the step.
   */
  save(loaded: LoadedSession, next: Session | null): Promise<boolean>;
}

/**
 * What claiming an event found. `new`: nobody handled it yet (or a claim lapsed before its step was saved), with
 * the chat's stored session as read in the same step; `replay`: an earlier delivery stepped the session and then
 * failed or died before LINE took its reply: step again from `prior` (the session it stepped from), do not step
 * the saved one twice; `done`: the reply went out (or failed for good); `busy`: another delivery holds a live claim.
 */
export type ClaimFound =
  | { readonly kind: 'new'; readonly session: string | undefined }
  | { readonly kind: 'replay'; readonly prior: string | undefined }
  | { readonly kind: 'done' }
  | { readonly kind: 'busy'; readonly leaseLeftMs: number };

/** What saving a claimed event's step did: saved with the claim, the session changed meanwhile, or the claim was lost. */
export type SteppedSave = 'saved' | 'conflict' | 'claim-lost';

/**
 * Claims on webhook events, so each is answered once across replicas (on every replica sharing the store) and
 * none is lost: a claim is pending, with a short lease, while its event is handled, and final only once the reply
 * was taken by LINE (or failed for a reason a retry cannot fix). A claim whose lease lapsed (its replica died) or
 * that was given back (its reply failed for now) is taken by the next delivery of the event. `owner` tells this
 * delivery's claim from another's. Keys are webhookEventIds and session storage keys, never raw user ids.
 */
export interface EventClaims {
  /** Claims the event; with `sessionKey`, reads that session in the same step (one round trip on Redis). */
  claim(webhookEventId: string, owner: string, sessionKey: string | undefined): Promise<ClaimFound>;
  /**
   * Saves a step and notes on the claim the session it stepped from, in one step: the session at `sessionKey`
   * becomes `next` (undefined deletes it) if it still holds `expected`, and only while `owner` holds the claim.
   */
  saveStepped(
    webhookEventId: string,
    owner: string,
    session: { readonly key: string; readonly expected: string | undefined; readonly next: string | undefined; readonly ttlMs: number },
  ): Promise<SteppedSave>;
  /** `done`: the claim is final (a redelivery is a duplicate); `retry`: given back now, for the next delivery. */
  settle(webhookEventId: string, owner: string, how: 'done' | 'retry'): Promise<void>;
}

/** Sends a reply to LINE. Rejects with a LineApiError. */
export interface Messenger {
  reply(replyToken: string, messages: messagingApi.Message[], options?: ReplyOptions): Promise<ReplyReceipt>;
}

export interface ReplyOptions {
  /**
   * Called once if the reply has to wait for LINE to answer again (calls to it stopped while it fails): nothing
   * more is known for a while, so whoever waits for the reply need not.
   */
  readonly onParked?: () => void;
}

/** What LINE said to a reply that went through, for the log. */
export interface ReplyReceipt {
  readonly requestId?: string | undefined;
  /** Calls it took; failures before the last are in `earlier`. */
  readonly attempts: number;
  readonly earlier?: readonly CallFailure[];
  /**
   * LINE refused the reply token as used after an earlier call of this reply got no answer: that call most
   * likely delivered the reply, so it is neither retried nor counted as failed.
   */
  readonly maybeDelivered?: true;
}

/** What reading a LINE profile's language gave: the language (absent when not shared), or why there is none. */
export type ProfileLanguage =
  | { readonly ok: true; readonly language?: string }
  | {
      readonly ok: false;
      readonly reason: 'timeout' | 'error';
      readonly status?: number;
      readonly requestId?: string | undefined;
      /** The socket or undici error code, when LINE could not be reached. */
      readonly cause?: string;
    };

/** Reads the language of a person's LINE app. Resolves within its own time bound and never rejects. */
export interface ProfileReader {
  readLanguage(userId: string): Promise<ProfileLanguage>;
}

/** Structured logging, pino-shaped. Never pass message text or raw user ids. */
export interface Logger {
  debug(fields: object, message?: string): void;
  info(fields: object, message?: string): void;
  warn(fields: object, message?: string): void;
  error(fields: object, message?: string): void;
}

export interface Clock {
  now(): number;
}

/**
 * What the operator counts. Every label value is one of the flow's own ids or a fixed set (event kinds, outcomes,
 * HTTP statuses): never a user id, a hash of one, or anything a person wrote.
 */
export interface Metrics {
  /** One event through the conversation of a LINE user, group or room. */
  countStep(step: CountedStep): void;
  /** A webhook event not run: already handled (same webhookEventId) or nothing to do (standby, unknown). */
  countSkippedEvent(reason: 'duplicate' | 'ignored'): void;
  /**
   * An event whose answer did not surely reach the person, by kind: its reply failed, it was lost at shutdown, or
   * LINE may have taken it (counted apart from countStep, which counts only answers LINE took).
   */
  countUnanswered(event: string, outcome: UnansweredOutcome): void;
  /** Events refused (503, for LINE to redeliver) because this replica holds too many already. */
  countShedEvents(count: number): void;
  /** Whether calls to LINE are stopped because it keeps failing (1) or flow (0). */
  setLineCircuitOpen(open: boolean): void;
  /** One reply call to LINE ended: its HTTP status, or 'timeout' / 'unreachable', and how long it took. */
  countLineReply(status: string, seconds: number): void;
  /** The HTTP status /webhook answered LINE with (200, 401 bad signature, 400 bad body, 413 too large...). */
  countWebhookAnswer(status: number): void;
  /** Reports the sessions held, read whenever the metrics are read. */
  observeSessions(read: () => number): void;
}

export type UnansweredOutcome = 'reply-failed' | 'lost' | 'maybe-delivered';

/** An event as counted: where it took the person in the flow, by the flow's ids. */
export interface CountedStep {
  readonly event: BotEvent['type'];
  readonly outcome: LocalizedOutcome;
  /** The result shown. */
  readonly resultId: string | undefined;
  /** A question shown afresh (not asked again after an answer the bot could not use). */
  readonly askedQuestionId: string | undefined;
  /** The question the person just answered, moving forward from it. */
  readonly answeredQuestionId: string | undefined;
  /** The entry of flows/understanding.yaml that typed text was taken as. */
  readonly understoodAs: string | undefined;
  readonly crisisCardShown: boolean;
  /** 「情報がちがう？」 tapped on this agency's card (an id of data/agencies.yaml). */
  readonly reportedAgencyId: string | undefined;
}

/** For tests and tools that do not count. */
export const NO_METRICS: Metrics = {
  countStep() {},
  countSkippedEvent() {},
  countUnanswered() {},
  countShedEvents() {},
  setLineCircuitOpen() {},
  countLineReply() {},
  countWebhookAnswer() {},
  observeSessions() {},
};
