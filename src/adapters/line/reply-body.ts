import type { messagingApi } from '@line/bot-sdk';

/**
 * Each frozen message's JSON, as UTF-8, made once: the renderer hands out the same frozen messages again and again
 * (render-reply.ts memoises every part), so most of a reply's bytes were made already. A message that is not frozen
 * could still change, and is serialised each time.
 */
const encoded = new WeakMap<messagingApi.Message, Buffer>();
const OPEN_MESSAGES = Buffer.from(',"messages":[');
const COMMA = Buffer.from(',');
const CLOSE = Buffer.from(']}');

function encodeMessage(message: messagingApi.Message): Buffer {
  const known = encoded.get(message);
  if (known) return known;
  const bytes = Buffer.from(JSON.stringify(message));
  if (Object.isFrozen(message)) encoded.set(message, bytes);
  return bytes;
}

/** The body of a reply call: the same bytes as `JSON.stringify({ replyToken, messages })`. */
export function encodeReplyBody(replyToken: string, messages: readonly messagingApi.Message[]): Buffer {
  const parts: Buffer[] = [Buffer.from(`{"replyToken":${JSON.stringify(replyToken)}`), OPEN_MESSAGES];
  messages.forEach((message, index) => {
    if (index > 0) parts.push(COMMA);
    parts.push(encodeMessage(message));
  });
  parts.push(CLOSE);
  return Buffer.concat(parts);
}
