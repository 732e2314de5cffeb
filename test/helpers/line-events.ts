import { randomBytes } from 'node:crypto';
import type { webhook } from '@line/bot-sdk';

/** Builders for webhook events shaped exactly as LINE sends them (see test/vendor/line-openapi/webhook.yml). */

let clock = 1_767_000_000_000;

export function newEventId(): string {
  return randomBytes(13).toString('hex').toUpperCase().slice(0, 26);
}

function base(userId: string) {
  clock += 1;
  return {
    mode: 'active' as const,
    timestamp: clock,
    source: { type: 'user' as const, userId },
    webhookEventId: newEventId(),
    deliveryContext: { isRedelivery: false },
  };
}

const token = () => randomBytes(16).toString('hex');

export const lineEvents = {
  follow: (userId: string): webhook.FollowEvent => ({ ...base(userId), type: 'follow', replyToken: token(), follow: { isUnblocked: false } }),
  unfollow: (userId: string): webhook.UnfollowEvent => ({ ...base(userId), type: 'unfollow' }),
  text: (userId: string, text: string): webhook.MessageEvent => ({
    ...base(userId),
    type: 'message',
    replyToken: token(),
    message: { type: 'text', id: newEventId(), text, quoteToken: token() },
  }),
  postback: (userId: string, data: string): webhook.PostbackEvent => ({
    ...base(userId),
    type: 'postback',
    replyToken: token(),
    postback: { data },
  }),
  /** Every non-text message type LINE sends to a bot, with the fields each requires. */
  otherMessages: (userId: string): [string, webhook.MessageEvent][] => {
    const message = (content: webhook.MessageContent): webhook.MessageEvent => ({ ...base(userId), type: 'message', replyToken: token(), message: content });
    const provider = { type: 'line' as const };
    return [
      ['sticker', message({ type: 'sticker', id: '1', packageId: '446', stickerId: '1988', stickerResourceType: 'STATIC', quoteToken: 'q' })],
      ['image', message({ type: 'image', id: '2', contentProvider: provider, quoteToken: 'q' })],
      ['video', message({ type: 'video', id: '3', contentProvider: provider, quoteToken: 'q' })],
      ['audio', message({ type: 'audio', id: '4', contentProvider: provider })],
      ['file', message({ type: 'file', id: '5', fileName: 'a.pdf', fileSize: 10 })],
      ['location', message({ type: 'location', id: '6', latitude: 35.68, longitude: 139.76, address: '東京都' })],
    ];
  },
  inGroup: (groupId: string, text: string): webhook.MessageEvent => ({
    ...base('Uignored'),
    source: { type: 'group', groupId, userId: 'U0000000000000000000000000000000a' },
    type: 'message',
    replyToken: token(),
    message: { type: 'text', id: newEventId(), text, quoteToken: token() },
  }),
  inRoom: (roomId: string): webhook.JoinEvent => ({
    ...base('Uignored'),
    source: { type: 'room', roomId },
    type: 'join',
    replyToken: token(),
  }),
};

export function newUserId(): string {
  return `U${randomBytes(16).toString('hex')}`;
}
