import type { webhook } from '@line/bot-sdk';
import { assertNever } from '../../core/errors';

/** What a person on the preview page did: what a person in LINE does, with the fields the conversation reads. */
export type PreviewAction =
  | { readonly type: 'follow' }
  | { readonly type: 'unfollow' }
  | { readonly type: 'text'; readonly text: string }
  | { readonly type: 'postback'; readonly data: string }
  | { readonly type: 'sticker' };

/**
 * The preview never replies through LINE, so nothing reads its events' ids and tokens: a fixed placeholder keeps
 * them LINE-shaped without pretending to be LINE's.
 */
const PLACEHOLDER_ID = 'preview';

/**
 * The webhook event LINE would send for the page's action, so the preview reaches the conversation through the
 * same `toBotEvent` as /webhook (a sticker is any non-text message, as in LINE).
 * @see https://developers.line.biz/en/reference/messaging-api/#webhook-event-objects
 */
export function toPreviewWebhookEvent(action: PreviewAction, userId: string, timestamp: number): webhook.Event {
  const base = {
    source: { type: 'user', userId },
    timestamp,
    mode: 'active',
    webhookEventId: PLACEHOLDER_ID,
    deliveryContext: { isRedelivery: false },
  } as const;
  switch (action.type) {
    case 'follow':
      return { ...base, type: 'follow', replyToken: PLACEHOLDER_ID, follow: { isUnblocked: false } };
    case 'unfollow':
      return { ...base, type: 'unfollow' };
    case 'text':
      return { ...base, type: 'message', message: { type: 'text', id: PLACEHOLDER_ID, text: action.text, quoteToken: PLACEHOLDER_ID } };
    case 'postback':
      return { ...base, type: 'postback', postback: { data: action.data } };
    case 'sticker':
      // LINE's own basic sticker (package 446), the one its sticker docs use.
      return {
        ...base,
        type: 'message',
        message: { type: 'sticker', id: PLACEHOLDER_ID, packageId: '446', stickerId: '1988', stickerResourceType: 'STATIC', quoteToken: PLACEHOLDER_ID },
      };
    default:
      return assertNever(action);
  }
}
