import type { webhook } from '@line/bot-sdk';
import type { BotEvent } from '../core/conversation/bot-event';

/** Who an event belongs to and what it asks of the conversation; undefined when the bot has nothing to do. */
export interface RoutedEvent {
  readonly chatId: string;
  readonly isUser: boolean;
  readonly replyToken: string | undefined;
  readonly botEvent: BotEvent;
}

/**
 * Reduces a LINE event to a BotEvent. Standby events (another channel is answering) and events without a
 * source are dropped; in a group or room any event that can be replied to gets the one-to-one note.
 */
export function toBotEvent(event: webhook.Event): RoutedEvent | undefined {
  if (event.mode === 'standby' || !event.source) return undefined;
  const replyToken = 'replyToken' in event && typeof event.replyToken === 'string' ? event.replyToken : undefined;
  const source = event.source;
  if (source.type === 'group' || source.type === 'room') {
    const chatId = source.type === 'group' ? source.groupId : source.roomId;
    if (!replyToken || !chatId) return undefined;
    if (event.type !== 'join' && event.type !== 'message' && event.type !== 'postback') return undefined;
    const text = event.type === 'message' && event.message?.type === 'text' ? event.message.text : undefined;
    return { chatId, isUser: false, replyToken, botEvent: { type: 'in-group', ...(typeof text === 'string' && { text }) } };
  }
  if (source.type !== 'user' || !source.userId) return undefined;
  const botEvent = toUserEvent(event);
  return botEvent && { chatId: source.userId, isUser: true, replyToken, botEvent };
}

function toUserEvent(event: webhook.Event): BotEvent | undefined {
  switch (event.type) {
    case 'follow':
      return { type: 'follow' };
    case 'unfollow':
      return { type: 'unfollow' };
    // Webhook bodies are only loosely checked at the door, so read the fields we use defensively.
    case 'postback':
      return { type: 'postback', data: typeof event.postback?.data === 'string' ? event.postback.data : '' };
    case 'message':
      return event.message?.type === 'text' && typeof event.message.text === 'string'
        ? { type: 'text', text: event.message.text }
        : { type: 'other-message' };
    default:
      return undefined;
  }
}
