/**
 * LINE Messaging API limits we must stay within, encoded once; check-line-limits.ts checks rendered messages
 * against them (at start-up, by `npm run validate`, and on every reply the tests' fake LINE API receives).
 * Lengths are in UTF-16 code units, as LINE counts text (JavaScript `string.length`). LINE counts action labels
 * in grapheme clusters, never more than UTF-16 units, so checking those in units is the stricter reading.
 * @see https://developers.line.biz/en/reference/messaging-api/
 * @see https://developers.line.biz/en/docs/messaging-api/text-character-count/
 */
export const LINE_LIMITS = {
  /** @see https://developers.line.biz/en/reference/messaging-api/#send-reply-message */
  messagesPerReply: 5,
  /** @see https://developers.line.biz/en/reference/messaging-api/#text-message */
  textLength: 5000,
  /** @see https://developers.line.biz/en/reference/messaging-api/#items-object */
  quickReplyItems: 13,
  /** @see https://developers.line.biz/en/reference/messaging-api/#action-object-label-spec */
  quickReplyLabel: 20,
  flexButtonLabel: 40,
  /** @see https://developers.line.biz/en/reference/messaging-api/#postback-action */
  postbackData: 300,
  displayText: 300,
  /** @see https://developers.line.biz/en/reference/messaging-api/#uri-action */
  uriLength: 1000,
  /** @see https://developers.line.biz/en/reference/messaging-api/#flex-message */
  altText: 1500,
  /** @see https://developers.line.biz/en/reference/messaging-api/#f-carousel */
  carouselBubbles: 12,
  /** Bytes of the bubble's or carousel's JSON (UTF-8). */
  bubbleJsonBytes: 30 * 1000,
  carouselJsonBytes: 50 * 1000,
  /** @see https://developers.line.biz/en/reference/messaging-api/#f-icon */
  imageUrlLength: 2000,
  /** @see https://developers.line.biz/en/reference/messaging-api/#rich-menu-object */
  richMenu: {
    minWidth: 800,
    maxWidth: 2500,
    minHeight: 250,
    minAspectRatio: 1.45,
    maxImageBytes: 1024 * 1024,
    maxAreas: 20,
    chatBarText: 14,
    name: 300,
    /** @see https://developers.line.biz/en/reference/messaging-api/#action-object-label-spec */
    label: 20,
  },
} as const;

/** URI schemes LINE accepts in a URI action. */
export const LINE_URI_SCHEMES = ['http:', 'https:', 'line:', 'tel:'] as const;

/** Cuts a string to at most `max` UTF-16 units without splitting a surrogate pair, marking the cut with '…'. */
export function truncateText(text: string, max: number): string {
  if (text.length <= max) return text;
  let end = max - 1;
  const last = text.charCodeAt(end - 1);
  if (last >= 0xd800 && last <= 0xdbff) end -= 1;
  return `${text.slice(0, end)}…`;
}
