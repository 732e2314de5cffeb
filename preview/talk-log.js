// @ts-check
/**
 * The talk log, as LINE's talk screen shows it: the person's words on the right with the read mark, the bot's
 * replies on the left (avatar and name once per reply), notices, the typing dots, and where the log is scrolled.
 */

import { h } from './element.js';
import { renderFlexMessage } from './flex-message.js';
import { renderReadMark, withTime } from './message-meta.js';

/** @typedef {import('./line-action.js').Json} Json */

const BOT_NAME = 'ネットトラブル相談窓口案内';

const log = /** @type {HTMLElement} */ (document.getElementById('log'));

/** Where the current exchange starts: the log scrolls so the person sees their own words, then the reply. */
let exchangeStart = /** @type {HTMLElement | null} */ (null);
/** @type {HTMLElement | null} */
let typingIndicator = null;

/** An empty log for a new conversation: only the date divider. */
export function clearLog() {
  log.replaceChildren(renderDateDivider());
  exchangeStart = null;
}

/**
 * While requests are under way the log is aria-busy (and the tests wait for it to clear).
 * @param {boolean} busy
 */
export function showBusy(busy) {
  log.setAttribute('aria-busy', busy ? 'true' : 'false');
}

/**
 * The person's own words, where the exchange starts.
 * @param {string} text
 */
export function showOwnText(text) {
  const row = h('div', { class: 'msg msg--user', 'data-testid': 'user-message' });
  // Read out as "あなた: … 既読 10:24"; CSS puts the read mark on the left, where LINE shows it.
  row.append(
    h('span', { class: 'visually-hidden' }, 'あなた:'),
    h('div', { class: 'msg__bubble msg__bubble--user', 'data-testid': 'user-text' }, text),
    renderReadMark(),
  );
  startExchange(row);
}

/** The person's sticker, where the exchange starts. */
export function showOwnSticker() {
  const row = h('div', { class: 'msg msg--user', 'data-testid': 'user-message' });
  row.append(h('div', { class: 'msg__sticker', 'data-testid': 'user-sticker', role: 'img', 'aria-label': 'あなた: スタンプ' }), renderReadMark());
  startExchange(row);
}

/** @param {HTMLElement} row */
function startExchange(row) {
  log.append(row);
  exchangeStart = row;
  scrollToExchange();
}

/**
 * Draws one reply the way LINE shows it: the avatar and name once, then each message. The caller scrolls once the
 * quick replies are in place (they change the log's height).
 * @param {Json[]} messages
 */
export function showReply(messages) {
  const nodes = messages.map((message, index) => renderBotMessage(message, index === 0));
  log.append(...nodes);
  // The reply is what the person waits for: a long one is read from its first line, their own words scrolled past.
  exchangeStart = nodes[0] ?? exchangeStart;
}

/**
 * Scrolls so the exchange starts at the top when it is taller than the screen, else to the bottom: while the reply
 * is on its way from the person's own words, once it is here from its first message, so a card's call button
 * near its top is on the first screen.
 */
export function scrollToExchange() {
  const bottom = log.scrollHeight - log.clientHeight;
  const start = exchangeStart;
  // Measured on screen, so it holds whatever the log's offset parent is (the log itself is position: relative).
  const target = start ? Math.min(bottom, start.getBoundingClientRect().top - log.getBoundingClientRect().top + log.scrollTop - 8) : bottom;
  log.scrollTop = Math.max(0, target);
}

/**
 * @param {Json} message
 * @param {boolean} first the first message of a reply shows the avatar and the name
 */
function renderBotMessage(message, first) {
  const row = h('div', { class: `msg msg--bot${first ? ' msg--first' : ''}`, 'data-testid': 'bot-message' });
  if (first) row.append(h('span', { class: 'msg__avatar', 'aria-hidden': 'true' }));
  const main = h('div', { class: 'msg__main' });
  if (first) main.append(h('p', { class: 'msg__name', 'aria-hidden': 'true' }, BOT_NAME));
  main.append(h('span', { class: 'visually-hidden' }, `${BOT_NAME}:`));
  switch (message?.type) {
    case 'text':
      main.append(withTime(h('div', { class: 'msg__bubble msg__bubble--bot', 'data-testid': 'bot-text' }, String(message.text ?? ''))));
      break;
    case 'flex':
      main.append(renderFlexMessage(message));
      break;
    default:
      main.append(
        withTime(
          h(
            'div',
            { class: 'msg__bubble msg__bubble--bot msg__bubble--unsupported', 'data-testid': 'bot-unsupported' },
            `［${String(message?.type)} メッセージ：プレビューでは表示できません］${message?.altText ? `\n${message.altText}` : ''}`,
          ),
        ),
      );
  }
  row.append(main);
  return row;
}

function renderDateDivider() {
  return h('p', { class: 'date-divider' }, h('span', {}, '今日'));
}

/**
 * A note from the preview itself (a failed request, an action it cannot do), never from the bot.
 * @param {string} text
 */
export function showNotice(text) {
  log.append(h('p', { class: 'notice', role: 'status', 'data-testid': 'notice' }, text));
  scrollToExchange();
}

export function showTyping() {
  if (typingIndicator) return;
  typingIndicator = h(
    'div',
    { class: 'msg msg--bot msg--typing', 'aria-hidden': 'true', 'data-testid': 'typing' },
    h('span', { class: 'msg__avatar' }),
    h('div', { class: 'msg__bubble msg__bubble--bot' }, h('span', { class: 'dots' }, h('i'), h('i'), h('i'))),
  );
  log.append(typingIndicator);
  scrollToExchange();
}

export function hideTyping() {
  typingIndicator?.remove();
  typingIndicator = null;
}
