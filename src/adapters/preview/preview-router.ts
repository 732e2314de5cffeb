import express, { type Router } from 'express';
import { z } from 'zod';
import type { Converse } from '../../app/converse';
import { KeyedQueue } from '../../app/keyed-queue';
import type { Clock, Logger } from '../../app/ports';
import { toBotEvent } from '../../app/to-bot-event';
import type { BotEvent } from '../../core/conversation/bot-event';
import { HttpError } from '../http/http-error';
import { toPreviewWebhookEvent } from './preview-webhook-event';

/** What the page may do: what a person in LINE does, with the fields the conversation reads. */
const actionSchema = z.discriminatedUnion('type', [
  /**
   * `language`: what the page's person has set as their LINE app's language (`?lang=`), as getProfile tells it, or
   * `ja-easy` for a person who would choose やさしい日本語: the first greeting is then in it.
   */
  z.object({ type: z.literal('follow'), language: z.string().regex(/^[A-Za-z]{2,3}([-_][A-Za-z0-9]{2,8})*$/).optional() }),
  z.object({ type: z.literal('unfollow') }),
  // LINE takes 5,000 characters whatever their width (5,000 emoji too): counted by code point, not UTF-16 unit.
  z.object({ type: z.literal('text'), text: z.string().min(1).refine((text) => countCodePoints(text) <= TEXT_MAX_CHARACTERS) }),
  z.object({ type: z.literal('postback'), data: z.string().min(1).max(300) }),
  z.object({ type: z.literal('sticker') }),
]);

/** The longest text message a person can send in LINE. */
const TEXT_MAX_CHARACTERS = 5000;
/**
 * Room for the longest text as JSON at its widest: an astral character escaped as two \uXXXX is 12 bytes, so 5,000
 * emoji are 60 kB; the rest of the request is small.
 */
const BODY_LIMIT = '64kb';

function countCodePoints(text: string): number {
  let count = 0;
  for (const _ of text) count += 1;
  return count;
}

/** An instant with its offset, to the minute or the second: "2027-01-11T22:30+09:00". */
const instantSchema = z.union([z.iso.datetime({ offset: true, precision: -1 }), z.iso.datetime({ offset: true })]);

const requestSchema = z.object({
  userId: z.string().regex(/^preview-[A-Za-z0-9-]{8,64}$/),
  action: actionSchema,
  /** The preview's 「時刻を指定」: answer as at this instant (opening hours on the cards). Only the preview may. */
  at: instantSchema.optional(),
});

/**
 * Without PUBLIC_BASE_URL the cards would carry no buttons to the first-step pages (LINE opens only absolute https
 * URLs). The preview's renderer puts this origin in their place instead, and the answer to the page swaps it for
 * the origin the page was loaded from, so the preview opens the pages this server serves.
 */
export const PREVIEW_PAGES_ORIGIN = 'https://first-step.preview.invalid';

/**
 * The browser preview: GET / serves a LINE-like chat page, and POST /preview/api/events answers each action with
 * the LINE messages the bot would reply, through the same `converse` as /webhook (engine, renderer, limits).
 * `converse` is given its own store by the caller, so preview users never touch LINE users' sessions. A request
 * may name the instant to answer at, so an operator sees the cards as on a holiday night; /webhook never can.
 */
export function createPreviewRouter(options: { converse: Converse; logger: Logger; clock: Clock; staticDir: string }): Router {
  const { converse, logger, clock } = options;
  // One page may send a tap before the previous answer is back; keep each preview user's actions in order.
  const users = new KeyedQueue();
  const router = express.Router();
  router.post('/preview/api/events', express.json({ limit: BODY_LIMIT }), async (req, res) => {
    const parsed = requestSchema.safeParse(req.body);
    if (!parsed.success) {
      throw new HttpError(400, 'BAD_PREVIEW_REQUEST', 'expected {userId: "preview-…", action, at?: "2027-01-11T22:30+09:00"}');
    }
    const { userId, action, at } = parsed.data;
    const started = clock.now();
    const instant = at === undefined ? started : Date.parse(at);
    const answer = await users.run(userId, () => converse({ key: userId, keepsSession: true }, toPreviewBotEvent(action, userId, instant), instant));
    logger.info({ preview: true, event: action.type, outcome: answer.outcome, result: answer.resultId, ms: clock.now() - started });
    // The answer's language too, so the page's language menu shows what the bot chose (on follow, from ?lang=).
    const json = JSON.stringify({ messages: answer.messages, locale: answer.locale });
    res.type('json').send(json.includes(PREVIEW_PAGES_ORIGIN) ? json.replaceAll(PREVIEW_PAGES_ORIGIN, `${req.protocol}://${req.get('host') ?? 'localhost'}`) : json);
  });
  router.get('/', (_req, res) => res.sendFile('index.html', { root: options.staticDir }));
  router.use('/preview', express.static(options.staticDir, { index: false }));
  return router;
}

/**
 * The page's action as LINE would deliver it, through the webhook's own `toBotEvent`. A follow carries the
 * language the page plays as the person's LINE app language, as the webhook takes it from their profile.
 */
function toPreviewBotEvent(action: z.infer<typeof actionSchema>, userId: string, instant: number): BotEvent {
  const routed = toBotEvent(toPreviewWebhookEvent(action, userId, instant));
  // Never happens: the preview's events are active, from a user, and every kind it sends is one the bot answers.
  if (!routed) throw new Error(`the preview's ${action.type} event was not routed to the conversation`);
  const { botEvent } = routed;
  return botEvent.type === 'follow' && action.type === 'follow' && action.language !== undefined ? { ...botEvent, language: action.language } : botEvent;
}
