// @ts-check
/**
 * The browser preview: a LINE-like talk screen that drives the bot through POST /preview/api/events.
 *
 * The server runs each action through the same handler, engine, renderer and LINE limits as /webhook and answers
 * with the LINE message objects it would have sent. This page only draws them the way LINE's app does: text
 * bubbles, Flex bubbles and carousels, and quick-reply chips. It never builds HTML from data: every string from
 * the server goes through textContent or a checked attribute, and links only carry schemes LINE itself accepts.
 *
 * Plain ES module, no build step, no external resources.
 */

import { previewTime } from './time-control.js';

const API_URL = '/preview/api/events';
const BOT_NAME = 'ネットトラブル相談窓口案内';
/** One browser tab is one LINE user: the id lives in sessionStorage, so a reload keeps it and a new tab does not. */
const USER_ID_KEY = 'net-trouble-preview:user-id';
/** The server accepts exactly this shape (see src/adapters/preview/preview-router.ts). */
const USER_ID_PATTERN = /^preview-[A-Za-z0-9-]{8,64}$/;
/**
 * `?lang=`: the language this person's LINE app is set to (ja, en, pt-BR…: the bot reads it on follow, as it reads
 * getProfile on LINE), or ja-easy for a person who would choose やさしい日本語 (no LINE app is set to it).
 */
const LANG_PATTERN = /^[A-Za-z]{2,3}([-_][A-Za-z0-9]{2,8})*$/;
/** The language buttons' postback data, as src/core/postback.ts writes it, and each language's own name. */
const LANGUAGE_BUTTONS = /** @type {const} */ ({
  ja: { data: 'a=lang&l=ja', name: '日本語' },
  'ja-easy': { data: 'a=lang&l=ja-easy', name: 'やさしいにほんご' },
  en: { data: 'a=lang&l=en', name: 'English' },
});
/** Show the "typing" dots only when a reply is slow, so fast replies do not flicker. */
const TYPING_DELAY_MS = 400;

/** @typedef {Record<string, any>} Json a LINE object as the server sent it; each field is checked where it is used */
/** @typedef {Readonly<Record<string, number>>} PxTable */

/**
 * LINE's Flex keywords in CSS pixels, as LINE's Flex Message Simulator draws them.
 * @see https://developers.line.biz/en/reference/messaging-api/#box
 * @see https://developers.line.biz/en/reference/messaging-api/#f-text
 * @type {PxTable}
 */
const SPACING_PX = { none: 0, xs: 2, sm: 4, md: 8, lg: 12, xl: 16, xxl: 20 };
/** @type {PxTable} */
const TEXT_SIZE_PX = {
  xxs: 11, xs: 13, sm: 14, md: 16, lg: 19, xl: 22, xxl: 29, '3xl': 35, '4xl': 48, '5xl': 74,
};
const ICON_SIZE_PX = TEXT_SIZE_PX;
const SEPARATOR_DEFAULT_COLOR = '#E0E2E6';
/** @type {Readonly<Record<string, string>>} */
const BUTTON_DEFAULT_COLOR = { primary: '#17C950', secondary: '#DCDFE5', link: '#42659A' };
/** @type {PxTable} */
const BORDER_WIDTH_PX = { none: 0, light: 0.5, normal: 1, medium: 2, semi_bold: 3, bold: 4 };
/** The space between a carousel's bubbles (style.css .flex-carousel gap). */
const CAROUSEL_GAP_PX = 9;

/** Colours in the only notation LINE accepts (#RRGGBB or #RRGGBBAA); anything else is ignored, never injected. */
const COLOR_PATTERN = /^#[0-9a-fA-F]{6}([0-9a-fA-F]{2})?$/;
const PX_PATTERN = /^\d+(\.\d+)?px$/;
const LENGTH_PATTERN = /^\d+(\.\d+)?(px|%)$/;
/** Schemes a URI action may open. `javascript:` and friends are never turned into links. */
const SAFE_URI_PATTERN = /^(https?:|tel:|mailto:|line:)/i;

const dom = {
  log: /** @type {HTMLElement} */ (document.getElementById('log')),
  quickReplies: /** @type {HTMLElement} */ (document.getElementById('quick-replies')),
  form: /** @type {HTMLFormElement} */ (document.getElementById('composer')),
  input: /** @type {HTMLInputElement} */ (document.getElementById('input')),
  send: /** @type {HTMLButtonElement} */ (document.getElementById('send')),
  sticker: /** @type {HTMLButtonElement} */ (document.getElementById('sticker')),
  restart: /** @type {HTMLButtonElement} */ (document.getElementById('restart')),
  language: /** @type {HTMLSelectElement} */ (document.getElementById('language')),
  richMenu: /** @type {HTMLElement} */ (document.getElementById('rich-menu')),
  richMenuPanel: /** @type {HTMLElement} */ (document.getElementById('rich-menu-panel')),
  richMenuBar: /** @type {HTMLButtonElement} */ (document.getElementById('rich-menu-bar')),
};

const state = {
  userId: loadUserId(),
  /** Bumped by 新しい会話, so replies to the old conversation that arrive late are dropped. */
  generation: 0,
  /** Actions are sent one at a time, in order, as LINE delivers one chat's events. */
  queue: Promise.resolve(),
  pending: 0,
  /** Where the current exchange starts: the page scrolls so the person sees their own words, then the reply. */
  exchangeStart: /** @type {HTMLElement | null} */ (null),
  /** The quick replies last received, put back when a send fails so the person can try again. */
  lastItems: /** @type {Json[]} */ ([]),
  /** The language the bot last answered in. */
  locale: /** @type {string | undefined} */ (undefined),
};

// ---------------------------------------------------------------------------------------------------------------
// Talking to the server

/** @returns {string} */
function loadUserId() {
  const stored = sessionStorage.getItem(USER_ID_KEY);
  if (stored && USER_ID_PATTERN.test(stored)) return stored;
  return saveNewUserId();
}

/** crypto.getRandomValues works on plain http too (a phone on the LAN), unlike crypto.randomUUID. */
function saveNewUserId() {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  const id = `preview-${Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('')}`;
  sessionStorage.setItem(USER_ID_KEY, id);
  return id;
}

/**
 * Queues one action for this tab's user and draws the reply when it comes.
 * @param {{type: string, [key: string]: unknown}} action
 * @param {{focusFirstChip?: boolean}} [options]
 */
function send(action, options = {}) {
  const userId = state.userId;
  const generation = state.generation;
  state.pending += 1;
  updateBusy();
  const job = state.queue.then(async () => {
    const typing = setTimeout(showTyping, TYPING_DELAY_MS);
    try {
      const response = await fetch(API_URL, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ userId, action, at: previewTime() }),
      });
      if (generation !== state.generation) return;
      if (!response.ok) {
        showNotice(`送信できませんでした（HTTP ${response.status}）。サーバーのログを確認してください。`);
        renderQuickReplies(state.lastItems);
        return;
      }
      const body = await response.json();
      const messages = Array.isArray(body?.messages) ? body.messages : [];
      showLanguage(body?.locale, action.type !== 'follow');
      renderReply(messages, options);
    } catch (error) {
      if (generation === state.generation) {
        showNotice('サーバーに接続できませんでした。npm start が動いているか確認してください。');
        renderQuickReplies(state.lastItems);
        console.error(error);
      }
    } finally {
      clearTimeout(typing);
      hideTyping();
      state.pending -= 1;
      updateBusy();
    }
  });
  state.queue = job;
  return job;
}

function updateBusy() {
  dom.log.setAttribute('aria-busy', state.pending > 0 ? 'true' : 'false');
}

/** Starts over as a new LINE user: the old one unfollows, the new one follows (and gets the greeting). */
function startNewConversation() {
  send({ type: 'unfollow' });
  state.generation += 1;
  state.userId = saveNewUserId();
  state.exchangeStart = null;
  state.lastItems = [];
  dom.log.replaceChildren(renderDateDivider());
  renderQuickReplies([]);
  dom.input.value = '';
  updateSendButton();
  followInLanguage();
}

/** The `?lang=` of this page, when it is a language tag (anything else is ignored). */
function readLang() {
  const lang = new URLSearchParams(window.location.search).get('lang');
  return lang !== null && LANG_PATTERN.test(lang) ? lang : undefined;
}

/** Follows as a person whose LINE app speaks `?lang=`: the bot greets in the language it picks from it. */
function followInLanguage() {
  const lang = readLang();
  send(lang ? { type: 'follow', language: lang } : { type: 'follow' });
}

/**
 * The header menu shows the language the bot answered in. A language chosen in the chat (a button, the menu, a
 * typed name) goes into `?lang=` too, so a reload greets in it; a follow leaves `?lang=` as the person gave it
 * (pt-BR stays pt-BR, answered in English).
 * @param {unknown} locale
 * @param {boolean} inAddress
 */
function showLanguage(locale, inAddress) {
  if (typeof locale !== 'string' || !Object.hasOwn(LANGUAGE_BUTTONS, locale)) return;
  dom.language.value = locale;
  const changed = locale !== state.locale;
  state.locale = locale;
  if (!changed || !inAddress) return;
  const url = new URL(window.location.href);
  url.searchParams.set('lang', locale);
  window.history.replaceState(null, '', url);
}

/** Switching the menu is what tapping a language button does: same place, other language. */
dom.language.addEventListener('change', () => {
  const locale = /** @type {keyof typeof LANGUAGE_BUTTONS} */ (dom.language.value);
  const button = LANGUAGE_BUTTONS[locale];
  if (!button) return;
  performAction({ type: 'postback', data: button.data, displayText: button.name }, {});
});

// ---------------------------------------------------------------------------------------------------------------
// What the person does

/**
 * Does what LINE does when an action is tapped (a quick-reply chip or a Flex button).
 * @param {Json} action a LINE action object
 * @param {{focusFirstChip?: boolean}} options
 */
function performAction(action, options) {
  switch (action?.type) {
    case 'postback': {
      const shown = typeof action.displayText === 'string' ? action.displayText : action.text;
      beginExchange(typeof shown === 'string' && shown !== '' ? renderUserText(shown) : null);
      send({ type: 'postback', data: String(action.data ?? '') }, options);
      return;
    }
    case 'message':
      beginExchange(renderUserText(String(action.text ?? '')));
      send({ type: 'text', text: String(action.text ?? '') }, options);
      return;
    case 'uri': {
      const uri = safeUri(action.uri);
      if (uri) window.open(uri, '_blank', 'noopener');
      return;
    }
    default:
      showNotice(`この操作（${String(action?.type)}）はプレビューでは使えません。`);
  }
}

/**
 * A sent message or tapped chip: LINE hides the quick replies at once and shows the person's words.
 * @param {HTMLElement | null} userMessage
 */
function beginExchange(userMessage) {
  renderQuickReplies([]);
  if (userMessage) {
    dom.log.append(userMessage);
    state.exchangeStart = userMessage;
    scrollToExchange();
  }
}

dom.form.addEventListener('submit', (event) => {
  event.preventDefault();
  const text = dom.input.value;
  if (text.trim() === '') return;
  dom.input.value = '';
  updateSendButton();
  beginExchange(renderUserText(text));
  send({ type: 'text', text });
});

dom.input.addEventListener('input', updateSendButton);

function updateSendButton() {
  dom.send.disabled = dom.input.value.trim() === '';
}

dom.sticker.addEventListener('click', () => {
  beginExchange(renderUserSticker());
  send({ type: 'sticker' });
});

dom.restart.addEventListener('click', startNewConversation);

// ---------------------------------------------------------------------------------------------------------------
// The talk log

/**
 * Draws one reply the way LINE shows it: the avatar and name once, then each message; the quick replies of the
 * last message (LINE only shows those) go above the input.
 * @param {Json[]} messages
 * @param {{focusFirstChip?: boolean}} options
 */
function renderReply(messages, options) {
  const nodes = messages.map((message, index) => renderBotMessage(message, index === 0));
  dom.log.append(...nodes);
  // The reply is what the person waits for: a long one is read from its first line, their own words scrolled past.
  state.exchangeStart = nodes[0] ?? state.exchangeStart;
  const last = messages.at(-1);
  const items = Array.isArray(last?.quickReply?.items) ? last.quickReply.items : [];
  state.lastItems = items;
  renderQuickReplies(items);
  scrollToExchange();
  const firstChip = dom.quickReplies.querySelector('button');
  if (options.focusFirstChip && firstChip) firstChip.focus({ preventScroll: true });
}

/**
 * Scrolls so the exchange starts at the top when it is taller than the screen, else to the bottom: while the reply
 * is on its way from the person's own words, once it is here from its first message, so a card's call button
 * near its top is on the first screen.
 */
function scrollToExchange() {
  const log = dom.log;
  const bottom = log.scrollHeight - log.clientHeight;
  const start = state.exchangeStart;
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

/** @param {string} text */
function renderUserText(text) {
  const row = h('div', { class: 'msg msg--user', 'data-testid': 'user-message' });
  // Read out as "あなた: … 既読 10:24"; CSS puts the read mark on the left, where LINE shows it.
  row.append(
    h('span', { class: 'visually-hidden' }, 'あなた:'),
    h('div', { class: 'msg__bubble msg__bubble--user', 'data-testid': 'user-text' }, text),
    renderReadMark(),
  );
  return row;
}

function renderUserSticker() {
  const row = h('div', { class: 'msg msg--user', 'data-testid': 'user-message' });
  row.append(h('div', { class: 'msg__sticker', 'data-testid': 'user-sticker', role: 'img', 'aria-label': 'あなた: スタンプ' }), renderReadMark());
  return row;
}

function renderReadMark() {
  return h('span', { class: 'msg__meta' }, h('span', { class: 'msg__read' }, '既読'), renderTime());
}

/** @param {HTMLElement} bubble */
function withTime(bubble) {
  return h('div', { class: 'msg__line' }, bubble, h('span', { class: 'msg__meta' }, renderTime()));
}

/** The time under a message: the instant the bot answers at, so a 時刻を指定 of 23:30 reads 23:30 (Japan time). */
function renderTime() {
  const at = previewTime();
  const now = at ? new Date(Date.parse(at)) : new Date();
  const shown = at ? new Date(now.getTime() + 9 * 60 * 60_000) : now;
  const [hours, minutes] = at ? [shown.getUTCHours(), shown.getUTCMinutes()] : [shown.getHours(), shown.getMinutes()];
  return h('time', { class: 'msg__time', datetime: now.toISOString() }, `${hours}:${String(minutes).padStart(2, '0')}`);
}

function renderDateDivider() {
  return h('p', { class: 'date-divider' }, h('span', {}, '今日'));
}

/** @param {string} text */
function showNotice(text) {
  dom.log.append(h('p', { class: 'notice', role: 'status', 'data-testid': 'notice' }, text));
  scrollToExchange();
}

/** @type {HTMLElement | null} */
let typingIndicator = null;
function showTyping() {
  if (typingIndicator) return;
  typingIndicator = h(
    'div',
    { class: 'msg msg--bot msg--typing', 'aria-hidden': 'true', 'data-testid': 'typing' },
    h('span', { class: 'msg__avatar' }),
    h('div', { class: 'msg__bubble msg__bubble--bot' }, h('span', { class: 'dots' }, h('i'), h('i'), h('i'))),
  );
  dom.log.append(typingIndicator);
  scrollToExchange();
}
function hideTyping() {
  typingIndicator?.remove();
  typingIndicator = null;
}

// ---------------------------------------------------------------------------------------------------------------
// Quick replies

/**
 * The chips above the input, as LINE shows them: one row that scrolls sideways. Each is a real button; a
 * keyboard press keeps the keyboard on the chips of the next question.
 * @param {Json[]} items LINE quick-reply items
 */
function renderQuickReplies(items) {
  const chips = items
    .filter((item) => item?.type === 'action' && item.action)
    .map((item) => {
      const action = item.action;
      const chip = h('button', { type: 'button', class: 'chip', 'data-testid': 'quick-reply' });
      const image = safeUri(item.imageUrl);
      if (image?.startsWith('https:')) chip.append(h('img', { class: 'chip__image', src: image, alt: '' }));
      chip.append(String(action.label ?? ''));
      chip.addEventListener('click', (event) => {
        // detail is 0 when Enter or Space pressed the button, 1+ for a pointer.
        performAction(action, { focusFirstChip: event.detail === 0 });
        if (event.detail === 0 && dom.quickReplies.childElementCount === 0) dom.input.focus({ preventScroll: true });
      });
      return chip;
    });
  dom.quickReplies.replaceChildren(...chips);
  dom.quickReplies.hidden = chips.length === 0;
  dom.quickReplies.scrollLeft = 0;
}

// ---------------------------------------------------------------------------------------------------------------
// The rich menu: https://developers.line.biz/en/docs/messaging-api/using-rich-menus/

/**
 * Draws the account's rich menu under the input, as LINE does: its image with a tap area over each of its areas,
 * and the chat bar (chatBarText) that folds it away and back. The menu is the one `npm run rich-menu` publishes.
 */
async function loadRichMenu() {
  const response = await fetch('/preview/api/rich-menu');
  if (!response.ok) return;
  const { menu, imageUrl } = await response.json();
  const width = Number(menu?.size?.width);
  const height = Number(menu?.size?.height);
  if (!(width > 0 && height > 0) || !Array.isArray(menu.areas)) return;
  const panel = dom.richMenuPanel;
  panel.style.aspectRatio = `${width} / ${height}`;
  // Served by this app only (src/adapters/preview/rich-menu-route.ts).
  const image = typeof imageUrl === 'string' && imageUrl.startsWith('/preview/') ? imageUrl : undefined;
  if (image) panel.append(h('img', { class: 'rich-menu__image', src: image, alt: '' }));
  for (const area of menu.areas) {
    const b = area?.bounds ?? {};
    const button = h('button', { type: 'button', class: 'rich-menu__area', 'aria-label': String(area?.action?.label ?? ''), 'data-testid': 'rich-menu-area' });
    Object.assign(button.style, {
      left: `${(100 * Number(b.x)) / width}%`,
      top: `${(100 * Number(b.y)) / height}%`,
      width: `${(100 * Number(b.width)) / width}%`,
      height: `${(100 * Number(b.height)) / height}%`,
    });
    button.addEventListener('click', (event) => performAction(area.action, { focusFirstChip: event.detail === 0 }));
    panel.append(button);
  }
  dom.richMenuBar.textContent = String(menu.chatBarText ?? '');
  dom.richMenuBar.addEventListener('click', () => {
    const open = dom.richMenuBar.getAttribute('aria-expanded') !== 'true';
    dom.richMenuBar.setAttribute('aria-expanded', String(open));
    panel.hidden = !open;
  });
  panel.hidden = menu.selected === false;
  dom.richMenuBar.setAttribute('aria-expanded', String(!panel.hidden));
  dom.richMenu.hidden = false;
}

// ---------------------------------------------------------------------------------------------------------------
// Flex Messages: https://developers.line.biz/en/docs/messaging-api/flex-message-elements/

/** @param {Json} message a LINE flex message */
function renderFlexMessage(message) {
  const container = message.contents;
  const wrapper = h('div', { class: 'flex-message', 'data-testid': 'flex-message' });
  if (container?.type === 'carousel') {
    wrapper.append(renderCarousel(container));
  } else if (container?.type === 'bubble') {
    wrapper.append(withTime(renderBubble(container, undefined)));
  } else {
    wrapper.append(h('div', { class: 'msg__bubble msg__bubble--bot' }, String(message.altText ?? '')));
  }
  return wrapper;
}

/**
 * A carousel: bubbles side by side, scrolled sideways, all as tall as the tallest (LINE does the same). A finger
 * swipes it; a mouse has no sideways swipe, so arrows (shown only where the pointer is fine, as LINE for PC does)
 * move it one card at a time.
 * @param {Json} carousel
 */
function renderCarousel(carousel) {
  /** @type {Json[]} */
  const bubbles = Array.isArray(carousel.contents) ? carousel.contents : [];
  const scroller = h('div', {
    class: 'flex-carousel',
    'data-testid': 'flex-carousel',
    role: 'group',
    'aria-label': `${bubbles.length}件のカード（横にスクロールできます）`,
  });
  bubbles.forEach((bubble, index) => scroller.append(renderBubble(bubble, `${index + 1}件目／${bubbles.length}件`)));
  const previous = renderCarouselArrow(scroller, -1, '前のカード');
  const next = renderCarouselArrow(scroller, 1, '次のカード');
  // Each arrow works while a card lies beyond its edge (snapping may stop a few pixels short of the scroll end).
  const update = () => {
    const last = scroller.lastElementChild;
    previous.disabled = scroller.scrollLeft <= 1;
    next.disabled = !last || last.getBoundingClientRect().right <= scroller.getBoundingClientRect().right + 1;
  };
  scroller.addEventListener('scroll', update, { passive: true });
  // Also fires once the carousel is first laid out, which is when its width is known.
  new ResizeObserver(update).observe(scroller);
  return h('div', { class: 'flex-carousel-frame' }, scroller, previous, next);
}

/**
 * @param {HTMLElement} scroller
 * @param {1 | -1} direction
 * @param {string} label
 */
function renderCarouselArrow(scroller, direction, label) {
  const button = /** @type {HTMLButtonElement} */ (
    h('button', { type: 'button', class: `carousel-arrow carousel-arrow--${direction > 0 ? 'next' : 'previous'}`, 'aria-label': label })
  );
  button.addEventListener('click', () => {
    const card = /** @type {HTMLElement | null} */ (scroller.querySelector('.flex-bubble'));
    const step = (card?.offsetWidth ?? scroller.clientWidth) + CAROUSEL_GAP_PX;
    const smooth = !matchMedia('(prefers-reduced-motion: reduce)').matches;
    scroller.scrollBy({ left: direction * step, behavior: smooth ? 'smooth' : 'auto' });
  });
  return button;
}

/**
 * @param {Json} bubble
 * @param {string | undefined} label for carousels: which card this is
 */
function renderBubble(bubble, label) {
  const size = typeof bubble.size === 'string' ? bubble.size : 'mega';
  const node = h('div', {
    class: `flex-bubble flex-bubble--${/^[a-z]+$/.test(size) ? size : 'mega'}`,
    'data-testid': 'flex-bubble',
    ...(label && { role: 'group', 'aria-label': label }),
  });
  let previous = false;
  for (const part of /** @type {const} */ (['header', 'hero', 'body', 'footer'])) {
    const block = bubble[part];
    if (!block) continue;
    const section = h('div', { class: `flex-bubble__${part}`, 'data-testid': `flex-${part}` });
    const style = bubble.styles?.[part];
    setColor(section, 'background-color', style?.backgroundColor);
    if (previous && style?.separator) {
      section.classList.add('has-separator');
      setColor(section, 'border-top-color', style.separatorColor);
    }
    section.append(renderComponent(block, 'vertical'));
    node.append(section);
    previous = true;
  }
  return node;
}

/**
 * One Flex component inside a box of `parentLayout`. Unknown components render as nothing, like old LINE apps.
 * @param {Json} component
 * @param {string} parentLayout 'vertical', 'horizontal' or 'baseline'
 * @returns {HTMLElement}
 */
function renderComponent(component, parentLayout) {
  let node;
  switch (component?.type) {
    case 'box':
      node = renderBox(component);
      break;
    case 'text':
      node = renderText(component);
      break;
    case 'icon':
      node = renderIcon(component);
      break;
    case 'button':
      node = renderButton(component);
      break;
    case 'separator':
      node = h('div', { class: `flex-separator flex-separator--${parentLayout === 'vertical' ? 'h' : 'v'}`, 'aria-hidden': 'true' });
      node.style.backgroundColor = COLOR_PATTERN.test(component.color ?? '') ? component.color : SEPARATOR_DEFAULT_COLOR;
      break;
    case 'image':
      node = renderImage(component);
      break;
    case 'filler':
      node = h('div', { class: 'flex-filler' });
      break;
    case 'spacer':
      node = h('div', { class: 'flex-spacer' });
      node.style.setProperty(parentLayout === 'vertical' ? 'height' : 'width', toPx(component.size, SPACING_PX, 'md'));
      break;
    default:
      node = h('div', { class: 'flex-unknown', hidden: '' });
  }
  applyFlex(node, component, parentLayout);
  return node;
}

/**
 * LINE's defaults: in a horizontal or baseline box every component but icons and separators takes flex 1; in a
 * vertical box flex 0 (its natural height).
 * @see https://developers.line.biz/en/docs/messaging-api/flex-message-layout/#component-width-and-height
 * @param {HTMLElement} node
 * @param {Json} component
 * @param {string} parentLayout
 */
function applyFlex(node, component, parentLayout) {
  const fixed = ['icon', 'separator', 'spacer'].includes(component?.type);
  const fallback = parentLayout !== 'vertical' && !fixed ? 1 : 0;
  const flex = Number.isInteger(component?.flex) && component.flex >= 0 ? component.flex : fallback;
  node.style.flex = flex > 0 ? `${flex} 1 0` : '0 0 auto';
}

/** @param {Json} box */
function renderBox(box) {
  const layout = ['vertical', 'horizontal', 'baseline'].includes(box.layout) ? box.layout : 'vertical';
  const node = h('div', { class: `flex-box flex-box--${layout}` });
  /** @type {Json[]} */
  const contents = Array.isArray(box.contents) ? box.contents : [];
  contents.forEach((child, index) => {
    const childNode = renderComponent(child, layout);
    // A child's margin wins over its box's spacing; spacing only goes between children.
    const gap = child?.margin ?? (index > 0 ? box.spacing : undefined);
    if (gap !== undefined) childNode.style.setProperty(layout === 'vertical' ? 'margin-top' : 'margin-left', toPx(gap, SPACING_PX, 'none'));
    node.append(childNode);
  });
  setColor(node, 'background-color', box.backgroundColor);
  setColor(node, 'border-color', box.borderColor);
  if (box.borderWidth) {
    node.style.borderStyle = 'solid';
    node.style.borderWidth = toPx(box.borderWidth, BORDER_WIDTH_PX, 'none');
  }
  if (typeof box.cornerRadius === 'string') node.style.borderRadius = toPx(box.cornerRadius, SPACING_PX, 'none');
  const paddings = { paddingAll: 'padding', paddingTop: 'padding-top', paddingBottom: 'padding-bottom', paddingStart: 'padding-left', paddingEnd: 'padding-right' };
  for (const [property, css] of Object.entries(paddings)) {
    if (typeof box[property] === 'string') node.style.setProperty(css, toLength(box[property], SPACING_PX));
  }
  const sizes = { width: 'width', maxWidth: 'max-width', height: 'height', maxHeight: 'max-height' };
  for (const [property, css] of Object.entries(sizes)) {
    if (typeof box[property] === 'string' && LENGTH_PATTERN.test(box[property])) node.style.setProperty(css, box[property]);
  }
  const justify = ['flex-start', 'center', 'flex-end', 'space-between', 'space-around', 'space-evenly'];
  if (justify.includes(box.justifyContent)) node.style.justifyContent = box.justifyContent;
  if (['flex-start', 'center', 'flex-end'].includes(box.alignItems)) node.style.alignItems = box.alignItems;
  if (box.action) makeActionable(node, box.action);
  return node;
}

/** @param {Json} component */
function renderText(component) {
  const node = h('p', { class: `flex-text${component.wrap === true ? ' flex-text--wrap' : ''}` });
  node.style.fontSize = toPx(component.size, TEXT_SIZE_PX, 'md');
  if (component.weight === 'bold') node.style.fontWeight = '700';
  if (component.style === 'italic') node.style.fontStyle = 'italic';
  if (component.decoration === 'underline' || component.decoration === 'line-through') node.style.textDecoration = component.decoration;
  if (['start', 'center', 'end'].includes(component.align)) node.style.textAlign = component.align;
  /** @type {Record<string, string>} */
  const gravity = { top: 'flex-start', center: 'center', bottom: 'flex-end' };
  if (Object.hasOwn(gravity, component.gravity)) node.style.alignSelf = gravity[component.gravity];
  if (Number.isInteger(component.maxLines) && component.maxLines > 0 && component.wrap === true) {
    node.classList.add('flex-text--clamp');
    node.style.webkitLineClamp = String(component.maxLines);
  }
  if (typeof component.lineSpacing === 'string' && PX_PATTERN.test(component.lineSpacing)) {
    node.style.lineHeight = `calc(1.4em + ${component.lineSpacing})`;
  }
  setColor(node, 'color', component.color);
  /** @type {Json[]} */
  const spans = Array.isArray(component.contents) ? component.contents.filter((/** @type {Json} */ c) => c?.type === 'span') : [];
  if (spans.length > 0) {
    for (const span of spans) {
      const spanNode = h('span', {}, String(span.text ?? ''));
      if (span.size) spanNode.style.fontSize = toPx(span.size, TEXT_SIZE_PX, 'md');
      if (span.weight === 'bold') spanNode.style.fontWeight = '700';
      if (span.style === 'italic') spanNode.style.fontStyle = 'italic';
      setColor(spanNode, 'color', span.color);
      node.append(spanNode);
    }
  } else {
    node.textContent = String(component.text ?? '');
  }
  if (component.action) makeActionable(node, component.action);
  return node;
}

/** An icon: sits on the text baseline of a baseline box; its width follows aspectRatio "w:h". @param {Json} component */
function renderIcon(component) {
  const node = h('span', { class: 'flex-icon', 'aria-hidden': 'true' });
  const size = toPx(component.size, ICON_SIZE_PX, 'md');
  const ratio = /^(\d+):(\d+)$/.exec(component.aspectRatio ?? '');
  const scale = ratio ? Number(ratio[1]) / Number(ratio[2]) : 1;
  node.style.height = size;
  node.style.width = `calc(${size} * ${Number.isFinite(scale) && scale > 0 ? scale : 1})`;
  const url = safeUri(component.url);
  if (url && /^https?:/i.test(url)) {
    const image = h('img', { src: url, alt: '', loading: 'lazy', decoding: 'async' });
    // LINE leaves the space empty when an icon cannot load; so do we, without a broken-image glyph.
    image.addEventListener('error', () => image.remove());
    node.append(image);
  }
  return node;
}

/** @param {Json} component */
function renderImage(component) {
  const url = safeUri(component.url);
  const node = h('div', { class: 'flex-image' });
  if (url && /^https?:/i.test(url)) node.append(h('img', { src: url, alt: '', loading: 'lazy' }));
  return node;
}

/**
 * A button, as LINE draws it. URI actions are real links: `tel:` dials on a phone, web pages open in a new tab.
 * On LINE for PC `altUri.desktop` replaces the `tel:` link; the page keeps the phone's link and shows the desktop
 * one as a tooltip.
 * @param {Json} component
 */
function renderButton(component) {
  const style = ['primary', 'secondary', 'link'].includes(component.style) ? component.style : 'link';
  const height = component.height === 'sm' ? 'sm' : 'md';
  const action = component.action ?? {};
  const label = String(action.label ?? '');
  /** @type {HTMLElement} */
  let node;
  const uri = action.type === 'uri' ? safeUri(action.uri) : undefined;
  if (uri) {
    node = h('a', { href: uri }, label);
    if (!/^tel:/i.test(uri)) {
      node.setAttribute('target', '_blank');
      node.setAttribute('rel', 'noopener');
    }
    const desktop = safeUri(action.altUri?.desktop);
    if (desktop) {
      node.dataset.altUriDesktop = desktop;
      node.title = `LINE（PC版）では ${desktop} を開きます`;
    }
  } else if (action.type === 'uri') {
    node = h('span', { 'aria-disabled': 'true' }, label);
  } else {
    node = h('button', { type: 'button' }, label);
    node.addEventListener('click', (event) => performAction(action, { focusFirstChip: event.detail === 0 }));
  }
  node.classList.add('flex-button', `flex-button--${style}`, `flex-button--${height}`);
  node.dataset.testid = 'flex-button';
  const color = COLOR_PATTERN.test(component.color ?? '') ? component.color : BUTTON_DEFAULT_COLOR[style];
  if (style === 'link') {
    node.style.color = color;
  } else {
    node.style.backgroundColor = color;
    node.style.color = style === 'primary' ? '#FFFFFF' : '#111111';
  }
  return node;
}

/**
 * A box or text with an action: tapping it does what the action says, like a button without a button's look.
 * @param {HTMLElement} node
 * @param {Json} action
 */
function makeActionable(node, action) {
  node.classList.add('flex-actionable');
  node.setAttribute('role', action.type === 'uri' ? 'link' : 'button');
  node.setAttribute('tabindex', '0');
  if (typeof action.label === 'string') node.setAttribute('aria-label', action.label);
  /** @param {Event} event */
  const run = (event) => {
    event.stopPropagation();
    performAction(action, { focusFirstChip: event.type === 'keydown' });
  };
  node.addEventListener('click', run);
  node.addEventListener('keydown', (event) => {
    if (event.key === 'Enter' || event.key === ' ') {
      event.preventDefault();
      run(event);
    }
  });
}

// ---------------------------------------------------------------------------------------------------------------
// Small helpers

/**
 * Builds an element. Children are nodes or strings (added as text, never parsed as HTML).
 * @param {string} tag
 * @param {Record<string, string>} [attributes]
 * @param {...(Node | string)} children
 */
function h(tag, attributes = {}, ...children) {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) {
    if (name === 'class') node.className = value;
    else node.setAttribute(name, value);
  }
  node.append(...children);
  return node;
}

/**
 * A keyword from `table`, or a "12px" value, as CSS pixels; anything else falls back to the default keyword.
 * @param {unknown} value
 * @param {PxTable} table
 * @param {string} fallback
 */
function toPx(value, table, fallback) {
  if (typeof value === 'string' && PX_PATTERN.test(value)) return value;
  const px = (typeof value === 'string' && Object.hasOwn(table, value) ? table[value] : table[fallback]) ?? 0;
  return `${px}px`;
}

/**
 * Like toPx, but percentages are allowed too (paddings).
 * @param {string} value
 * @param {PxTable} table
 */
function toLength(value, table) {
  if (LENGTH_PATTERN.test(value)) return value;
  return `${(Object.hasOwn(table, value) ? table[value] : 0) ?? 0}px`;
}

/**
 * Sets a colour only when it is one LINE accepts.
 * @param {HTMLElement} node
 * @param {string} property a CSS property name, e.g. 'background-color'
 * @param {unknown} value
 */
function setColor(node, property, value) {
  if (typeof value === 'string' && COLOR_PATTERN.test(value)) node.style.setProperty(property, value);
}

/**
 * @param {unknown} value
 * @returns {string | undefined} the URI when its scheme is one a LINE action may use
 */
function safeUri(value) {
  return typeof value === 'string' && SAFE_URI_PATTERN.test(value.trim()) ? value.trim() : undefined;
}

// ---------------------------------------------------------------------------------------------------------------
// Start: a fresh screen for this tab's user, who (re)adds the bot as a friend.

dom.log.replaceChildren(renderDateDivider());
updateSendButton();
followInLanguage();
void loadRichMenu();
