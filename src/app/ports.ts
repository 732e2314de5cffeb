import type { messagingApi } from '@line/bot-sdk';
import type { Session } from '../core/conversation/session';

/** All the app asks of the outside world. Adapters implement these; tests and the preview swap them. */

/** Where sessions live between events. Keys are hashed user ids, never raw ones. */
export interface SessionStore {
  get(key: string): Promise<Session | undefined>;
  set(key: string, session: Session): Promise<void>;
  delete(key: string): Promise<void>;
}

/** Sends a reply to LINE. Rejects with a LineApiError. */
export interface Messenger {
  reply(replyToken: string, messages: messagingApi.Message[]): Promise<void>;
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
