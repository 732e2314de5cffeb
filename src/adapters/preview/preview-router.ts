import { randomUUID } from 'node:crypto';
import type { messagingApi, webhook } from '@line/bot-sdk';
import express, { type Router } from 'express';
import { z } from 'zod';
import type { WebhookHandler } from '../../app/handle-webhook';
import type { Messenger } from '../../app/ports';
import { HttpError } from '../http/http-error';

/** What the page may do; each becomes the LINE webhook event a phone would have sent. */
const actionSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('follow') }),
  z.object({ type: z.literal('unfollow') }),
  z.object({ type: z.literal('text'), text: z.string().min(1).max(5000) }),
  z.object({ type: z.literal('postback'), data: z.string().min(1).max(300) }),
  z.object({ type: z.literal('sticker') }),
]);

const requestSchema = z.object({
  userId: z.string().regex(/^preview-[A-Za-z0-9-]{8,64}$/),
  action: actionSchema,
});

type PreviewAction = z.infer<typeof actionSchema>;

/** Replies kept by reply token until the page's request takes them. */
export interface CapturedReplies {
  take(replyToken: string): messagingApi.Message[];
}

/** The preview's Messenger: instead of sending to LINE, it hands the reply back to the page's request. */
export function createCapturingMessenger(): { messenger: Messenger; replies: CapturedReplies } {
  const byToken = new Map<string, messagingApi.Message[]>();
  return {
    messenger: {
      async reply(replyToken, messages) {
        byToken.set(replyToken, messages);
      },
    },
    replies: {
      take(replyToken) {
        const messages = byToken.get(replyToken) ?? [];
        byToken.delete(replyToken);
        return messages;
      },
    },
  };
}

/**
 * The browser preview: GET / serves a LINE-like chat page, and POST /preview/api/events turns each action into a
 * webhook event and runs it through the same handler, engine, renderer and limits as /webhook. Only the
 * Messenger differs: it hands the reply back to the page instead of sending it to LINE.
 */
export function createPreviewRouter(options: {
  handler: WebhookHandler;
  replies: CapturedReplies;
  staticDir: string;
}): Router {
  const { handler, replies } = options;
  const router = express.Router();
  router.post('/preview/api/events', express.json({ limit: '16kb' }), async (req, res) => {
    const parsed = requestSchema.safeParse(req.body);
    if (!parsed.success) throw new HttpError(400, 'BAD_PREVIEW_REQUEST', 'expected {userId: "preview-…", action}');
    const replyToken = randomUUID();
    await handler.handleEvents([toWebhookEvent(parsed.data.userId, parsed.data.action, replyToken)]);
    res.json({ messages: replies.take(replyToken) });
  });
  router.get('/', (_req, res) => res.sendFile('index.html', { root: options.staticDir }));
  router.use('/preview', express.static(options.staticDir, { index: false }));
  return router;
}

function toWebhookEvent(userId: string, action: PreviewAction, replyToken: string): webhook.Event {
  const base = {
    mode: 'active' as const,
    timestamp: Date.now(),
    source: { type: 'user' as const, userId },
    webhookEventId: randomUUID(),
    deliveryContext: { isRedelivery: false },
  };
  switch (action.type) {
    case 'follow':
      return { ...base, type: 'follow', replyToken, follow: { isUnblocked: false } };
    case 'unfollow':
      return { ...base, type: 'unfollow' };
    case 'text':
      return { ...base, type: 'message', replyToken, message: { type: 'text', id: randomUUID(), text: action.text, quoteToken: '' } };
    case 'postback':
      return { ...base, type: 'postback', replyToken, postback: { data: action.data } };
    case 'sticker':
      return {
        ...base,
        type: 'message',
        replyToken,
        message: { type: 'sticker', id: randomUUID(), packageId: '446', stickerId: '1988', stickerResourceType: 'STATIC', quoteToken: '' },
      };
  }
}
