import { createHmac } from 'node:crypto';
import type { webhook } from '@line/bot-sdk';
import { assertNever } from '../src/core/errors';
import type { Flow } from '../src/core/flow/flow';
import { encodePostback, type Postback } from '../src/core/postback';
import { createSeededRandom } from '../src/core/seeded-random';

/** What one webhook event of the workload does, for the mix reported with each run. */
export const EVENT_KINDS = ['follow', 'tap', 'typed-number', 'typed-label', 'free-text', 'crisis', 'back', 'restart'] as const;
export type EventKind = (typeof EVENT_KINDS)[number];

/**
 * A pool of signed webhook requests, each carrying exactly one event, in the order they are to be sent.
 * Built before the clock starts, so the load generator only copies bytes while measuring.
 */
export interface Workload {
  readonly bodies: readonly Buffer[];
  /** `x-line-signature` of each body. */
  readonly signatures: readonly string[];
  /** Index into EVENT_KINDS of each event. */
  readonly kinds: Uint8Array;
  /** Index of the sending user (0 … users-1) of each event. */
  readonly userIndexes: Uint32Array;
  readonly users: number;
}

/** Free text that matches no option and no crisis word: answered by re-asking the question. */
const FREE_TEXTS = ['こんにちは', 'よくわかりません', 'ネットで悪口を書かれた', 'ありがとう'] as const;
/** A crisis phrase: answered with the crisis card from any state. */
const CRISIS_TEXT = 'もう死にたい';

/**
 * Reply tokens encode the event's position in the pool (32 hex digits, as long as LINE's), so the fake LINE API can
 * find when the event was sent without a lookup table, and every request in a run has its own token.
 */
export function toReplyToken(index: number): string {
  return index.toString(16).padStart(32, '0');
}

/** The pool index a reply token stands for, or undefined when the token is not one of ours. */
export function fromReplyToken(token: unknown): number | undefined {
  if (typeof token !== 'string' || !/^[0-9a-f]{32}$/.test(token)) return undefined;
  return Number.parseInt(token, 16);
}

/**
 * Builds `events` signed webhook bodies from `users` distinct user ids, each user walking real paths of the flow.
 *
 * Users take turns round-robin over a shuffled population, so two events of one user are `users` requests apart and
 * never in flight at once (LINE serialises a chat's events the same way in practice). Each user starts at a random
 * point of their cyclic script, so with 1,000 users most events meet a live session, and with 100,000 users most
 * events come from someone the bot has not seen yet in this process (a burst of new people).
 *
 * Deterministic for a given seed.
 */
export function buildWorkload(options: {
  flow: Flow;
  users: number;
  events: number;
  channelSecret: string;
  seed: number;
}): Workload {
  const { flow, users, events, channelSecret } = options;
  const random = createSeededRandom(options.seed);
  const userIds = Array.from({ length: users }, () => `U${randomHex(random, 32)}`);
  const scripts = userIds.map(() => new UserScript(flow, random));
  for (const script of scripts) {
    const skip = Math.floor(random() * 8);
    for (let i = 0; i < skip; i++) script.next();
  }
  const order = shuffle(Array.from({ length: users }, (_, i) => i), random);

  const bodies: Buffer[] = [];
  const signatures: string[] = [];
  const kinds = new Uint8Array(events);
  const userIndexes = new Uint32Array(events);
  const timestamp = Date.now();
  for (let index = 0; index < events; index++) {
    const user = order[index % users] ?? 0;
    const step = scripts[user]!.next();
    const event = toWebhookEvent(step, userIds[user]!, index, timestamp + index);
    const body = Buffer.from(JSON.stringify({ destination: 'U0123456789abcdef0123456789abcdef', events: [event] }));
    bodies.push(body);
    signatures.push(createHmac('sha256', channelSecret).update(body).digest('base64'));
    kinds[index] = EVENT_KINDS.indexOf(step.kind);
    userIndexes[index] = user;
  }
  return { bodies, signatures, kinds, userIndexes, users };
}

type Step =
  | { readonly kind: 'follow' }
  | { readonly kind: 'tap' | 'back' | 'restart'; readonly postback: Postback }
  | { readonly kind: 'typed-number' | 'typed-label' | 'free-text' | 'crisis'; readonly text: string };

/**
 * One person's endless use of the bot, tracking where the bot will be after each event: start (follow, or 最初から
 * from an earlier conversation), answer questions by tapping, typing the option's number or its label, now and then
 * type something else, press 戻る, or write a crisis word; after a result, leave or go back one step.
 */
class UserScript {
  private at: string | undefined;
  private history: string[] = [];

  constructor(
    private readonly flow: Flow,
    private readonly random: () => number,
  ) {}

  next(): Step {
    const { flow, random } = this;
    if (this.at === undefined) {
      this.enter(flow.start, []);
      return random() < 0.5 ? { kind: 'follow' } : { kind: 'restart', postback: { action: 'restart' } };
    }
    const question = flow.questions[this.at];
    if (!question) {
      // At a result: most people leave; some go back one step to look at another answer.
      if (random() < 0.7) {
        this.at = undefined;
        return this.next();
      }
      return this.back();
    }
    const r = random();
    if (r < 0.04) return { kind: 'free-text', text: pick(FREE_TEXTS, random) };
    if (r < 0.06) return { kind: 'crisis', text: CRISIS_TEXT };
    if (r < 0.12 && this.history.length > 0) return this.back();
    const position = Math.floor(random() * question.options.length);
    const option = question.options[position]!;
    this.enter(option.next, [...this.history, question.id]);
    const how = random();
    if (how < 0.65) return { kind: 'tap', postback: { action: 'choose', questionId: question.id, optionId: option.id } };
    if (how < 0.85) return { kind: 'typed-number', text: String(position + 1) };
    return { kind: 'typed-label', text: option.label };
  }

  private back(): Step {
    const from = this.at ?? this.flow.start;
    const previous = this.history.at(-1) ?? this.flow.start;
    this.enter(previous, this.history.slice(0, -1));
    return { kind: 'back', postback: { action: 'back', fromId: from } };
  }

  private enter(nodeId: string, history: string[]): void {
    this.at = nodeId;
    this.history = history;
  }
}

function toWebhookEvent(step: Step, userId: string, index: number, timestamp: number): webhook.Event {
  const replyToken = toReplyToken(index);
  const base = {
    mode: 'active' as const,
    timestamp,
    source: { type: 'user' as const, userId },
    webhookEventId: `01BENCH${index.toString(36).toUpperCase().padStart(19, '0')}`,
    deliveryContext: { isRedelivery: false },
    replyToken,
  };
  switch (step.kind) {
    case 'follow':
      return { ...base, type: 'follow', follow: { isUnblocked: false } };
    case 'tap':
    case 'back':
    case 'restart':
      return { ...base, type: 'postback', postback: { data: encodePostback(step.postback) } };
    case 'typed-number':
    case 'typed-label':
    case 'free-text':
    case 'crisis':
      return {
        ...base,
        type: 'message',
        message: { type: 'text', id: String(100_000_000_000 + index), text: step.text, quoteToken: `q${replyToken}` },
      };
    default:
      return assertNever(step);
  }
}

function randomHex(random: () => number, length: number): string {
  let out = '';
  while (out.length < length) out += Math.floor(random() * 16).toString(16);
  return out;
}

function pick<T>(items: readonly T[], random: () => number): T {
  return items[Math.floor(random() * items.length)]!;
}

function shuffle<T>(items: T[], random: () => number): T[] {
  for (let i = items.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [items[i], items[j]] = [items[j]!, items[i]!];
  }
  return items;
}
