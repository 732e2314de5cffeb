import { LINE_LIMITS, LINE_URI_SCHEMES } from './line-limits';

/**
 * The limits LINE enforces on a reply that its OpenAPI schema does not encode, checked on rendered messages:
 * counts, lengths, JSON sizes, component placement, URL schemes. Returns "path: problem" strings (JSON-pointer
 * paths into the reply, `/messages/2/contents/contents/0/...`); empty when LINE would take the reply.
 * Pure: used at start-up on every result the content can render, and by the tests' fake LINE API on every reply.
 */
export function checkLineLimits(body: { messages?: unknown }): string[] {
  const problems: string[] = [];
  const messages = Array.isArray(body.messages) ? (body.messages as Record<string, unknown>[]) : [];
  if (messages.length > LINE_LIMITS.messagesPerReply) {
    problems.push(`/messages: ${messages.length} messages (max ${LINE_LIMITS.messagesPerReply})`);
  }
  messages.forEach((message, index) => {
    const at = `/messages/${index}`;
    if (message.type === 'text') {
      const text = String(message.text ?? '');
      if (text.length === 0 || text.length > LINE_LIMITS.textLength) problems.push(`${at}/text: length ${text.length} (max ${LINE_LIMITS.textLength})`);
    }
    if (message.type === 'flex') {
      const altText = String(message.altText ?? '');
      if (altText.length === 0 || altText.length > LINE_LIMITS.altText) problems.push(`${at}/altText: length ${altText.length} (max ${LINE_LIMITS.altText})`);
      const contents = message.contents as Record<string, unknown>;
      const bytes = utf8Bytes(JSON.stringify(contents));
      if (contents.type === 'carousel') {
        const bubbles = contents.contents as unknown[];
        if (bubbles.length > LINE_LIMITS.carouselBubbles) problems.push(`${at}/contents: ${bubbles.length} bubbles (max ${LINE_LIMITS.carouselBubbles})`);
        if (bytes > LINE_LIMITS.carouselJsonBytes) problems.push(`${at}/contents: carousel is ${bytes} bytes (max ${LINE_LIMITS.carouselJsonBytes})`);
        bubbles.forEach((bubble, i) => checkBubble(bubble, `${at}/contents/contents/${i}`, problems));
      } else {
        if (bytes > LINE_LIMITS.bubbleJsonBytes) problems.push(`${at}/contents: bubble is ${bytes} bytes (max ${LINE_LIMITS.bubbleJsonBytes})`);
        checkBubble(contents, `${at}/contents`, problems);
      }
    }
    const quickReply = message.quickReply as { items?: { action?: Record<string, unknown> }[] } | undefined;
    const items = quickReply?.items ?? [];
    if (items.length > LINE_LIMITS.quickReplyItems) problems.push(`${at}/quickReply/items: ${items.length} items (max ${LINE_LIMITS.quickReplyItems})`);
    items.forEach((item, i) => {
      const path = `${at}/quickReply/items/${i}/action`;
      if (!item.action) problems.push(`${path}: missing`);
      else checkAction(item.action, path, LINE_LIMITS.quickReplyLabel, problems);
    });
  });
  return problems;
}

/** UTF-8 length of a string, as LINE measures a Flex message's JSON (the core has no Buffer). */
export function utf8Bytes(text: string): number {
  let bytes = 0;
  for (const char of text) {
    const code = char.codePointAt(0) ?? 0;
    bytes += code < 0x80 ? 1 : code < 0x800 ? 2 : code < 0x10000 ? 3 : 4;
  }
  return bytes;
}

function checkBubble(bubble: unknown, at: string, problems: string[]): void {
  walk(bubble, at, undefined, problems);
}

/** Walks the Flex tree, checking component placement, actions and image URLs. */
function walk(node: unknown, at: string, parentLayout: string | undefined, problems: string[]): void {
  if (Array.isArray(node)) {
    node.forEach((child, i) => walk(child, `${at}/${i}`, parentLayout, problems));
    return;
  }
  if (typeof node !== 'object' || node === null) return;
  const component = node as Record<string, unknown>;
  if (component.type === 'icon' && parentLayout !== 'baseline') problems.push(`${at}: icon outside a baseline box`);
  if (parentLayout === 'baseline' && !['icon', 'text', 'filler'].includes(String(component.type))) {
    problems.push(`${at}: ${String(component.type)} inside a baseline box`);
  }
  if (component.type === 'icon' || component.type === 'image') {
    const url = String(component.url);
    if (!url.startsWith('https://')) problems.push(`${at}/url: not https`);
    if (url.length > LINE_LIMITS.imageUrlLength) problems.push(`${at}/url: length ${url.length} (max ${LINE_LIMITS.imageUrlLength})`);
  }
  if (component.type === 'text' && !component.text && !component.contents) problems.push(`${at}/text: empty`);
  if (component.type === 'button' && component.action) {
    checkAction(component.action as Record<string, unknown>, `${at}/action`, LINE_LIMITS.flexButtonLabel, problems);
  }
  for (const [key, value] of Object.entries(component)) {
    if (key === 'action') continue;
    const layout = component.type === 'box' && key === 'contents' ? String(component.layout) : undefined;
    walk(value, `${at}/${key}`, layout, problems);
  }
}

function checkAction(action: Record<string, unknown>, at: string, maxLabel: number, problems: string[]): void {
  const label = String(action.label ?? '');
  if (label.length === 0 || label.length > maxLabel) problems.push(`${at}/label: length ${label.length} (max ${maxLabel})`);
  if (action.type === 'postback') {
    const data = String(action.data ?? '');
    if (data.length === 0 || data.length > LINE_LIMITS.postbackData) problems.push(`${at}/data: length ${data.length} (max ${LINE_LIMITS.postbackData})`);
    const displayText = String(action.displayText ?? '');
    if (displayText.length > LINE_LIMITS.displayText) problems.push(`${at}/displayText: length ${displayText.length} (max ${LINE_LIMITS.displayText})`);
  }
  if (action.type === 'uri') {
    for (const [key, uri] of [
      ['uri', action.uri],
      ['altUri/desktop', (action.altUri as { desktop?: unknown } | undefined)?.desktop],
    ] as const) {
      if (uri === undefined && key !== 'uri') continue;
      const value = String(uri ?? '');
      const scheme = /^[a-z]+:/.exec(value)?.[0];
      if (!scheme || !(LINE_URI_SCHEMES as readonly string[]).includes(scheme)) problems.push(`${at}/${key}: scheme not allowed`);
      if (value.length > LINE_LIMITS.uriLength) problems.push(`${at}/${key}: length ${value.length} (max ${LINE_LIMITS.uriLength})`);
    }
  }
}
