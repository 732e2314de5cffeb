// @ts-check
/**
 * The chat: what the person does (typing, a sticker, a tapped action, 新しい会話) sent to POST /preview/api/events
 * one at a time, in order, as LINE delivers one chat's events, and each reply drawn when it comes.
 *
 * The server runs each action through the same handler, engine, renderer and LINE limits as /webhook and answers
 * with the LINE message objects it would have sent; this page only draws them the way LINE's app does.
 */

import { showLanguage, readLang } from './language-menu.js';
import { onActionTapped } from './line-action.js';
import { loadUserId, saveNewUserId } from './preview-user.js';
import { focusFirstQuickReply, hideQuickReplies, restoreQuickReplies, showQuickReplies } from './quick-replies.js';
import { safeUri } from './safe-uri.js';
import {
  clearLog, hideTyping, scrollToExchange, showBusy, showNotice, showOwnSticker, showOwnText, showReply, showTyping,
} from './talk-log.js';
import { previewTime } from './time-control.js';

/** @typedef {import('./line-action.js').Json} Json */
/** @typedef {import('./line-action.js').ActionOptions} ActionOptions */

const API_URL = '/preview/api/events';
/** Show the "typing" dots only when a reply is slow, so fast replies do not flicker. */
const TYPING_DELAY_MS = 400;

const dom = {
  form: /** @type {HTMLFormElement} */ (document.getElementById('composer')),
  input: /** @type {HTMLInputElement} */ (document.getElementById('input')),
  send: /** @type {HTMLButtonElement} */ (document.getElementById('send')),
  sticker: /** @type {HTMLButtonElement} */ (document.getElementById('sticker')),
  restart: /** @type {HTMLButtonElement} */ (document.getElementById('restart')),
};

const state = {
  userId: loadUserId(),
  /** Bumped by 新しい会話, so replies to the old conversation that arrive late are dropped. */
  generation: 0,
  /** Actions are sent one at a time, in order, as LINE delivers one chat's events. */
  queue: Promise.resolve(),
  pending: 0,
};

/** A fresh screen for this tab's user, who (re)adds the bot as a friend. */
export function startChat() {
  clearLog();
  updateSendButton();
  dom.form.addEventListener('submit', sendTypedText);
  dom.input.addEventListener('input', updateSendButton);
  dom.sticker.addEventListener('click', () => {
    hideQuickReplies();
    showOwnSticker();
    void send({ type: 'sticker' });
  });
  dom.restart.addEventListener('click', startNewConversation);
  onActionTapped(performAction);
  followInLanguage();
}

/**
 * Queues one action for this tab's user and draws the reply when it comes.
 * @param {{type: string, [key: string]: unknown}} action
 * @param {ActionOptions} [options]
 */
function send(action, options = {}) {
  const userId = state.userId;
  const generation = state.generation;
  state.pending += 1;
  showBusy(true);
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
        restoreQuickReplies();
        return;
      }
      const body = await response.json();
      const messages = Array.isArray(body?.messages) ? body.messages : [];
      showLanguage(body?.locale, action.type !== 'follow');
      drawReply(messages, options);
    } catch (error) {
      if (generation === state.generation) {
        showNotice('サーバーに接続できませんでした。npm start が動いているか確認してください。');
        restoreQuickReplies();
        console.error(error);
      }
    } finally {
      clearTimeout(typing);
      hideTyping();
      state.pending -= 1;
      showBusy(state.pending > 0);
    }
  });
  state.queue = job;
  return job;
}

/**
 * The reply in the log; the quick replies of its last message (LINE only shows those) above the input.
 * @param {Json[]} messages
 * @param {ActionOptions} options
 */
function drawReply(messages, options) {
  showReply(messages);
  const last = messages.at(-1);
  showQuickReplies(Array.isArray(last?.quickReply?.items) ? last.quickReply.items : []);
  scrollToExchange();
  if (options.focusFirstChip) focusFirstQuickReply();
}

/** Starts over as a new LINE user: the old one unfollows, the new one follows (and gets the greeting). */
function startNewConversation() {
  void send({ type: 'unfollow' });
  state.generation += 1;
  state.userId = saveNewUserId();
  clearLog();
  showQuickReplies([]);
  dom.input.value = '';
  updateSendButton();
  followInLanguage();
}

/** Follows as a person whose LINE app speaks `?lang=`: the bot greets in the language it picks from it. */
function followInLanguage() {
  const lang = readLang();
  void send(lang ? { type: 'follow', language: lang } : { type: 'follow' });
}

/**
 * Does what LINE does when an action is tapped (a quick-reply chip, a Flex button, a rich-menu area, a language).
 * @param {Json} action a LINE action object
 * @param {ActionOptions} options
 */
function performAction(action, options) {
  switch (action?.type) {
    case 'postback': {
      // A postback shows the person's words only when it has a displayText (or the older text).
      const shown = typeof action.displayText === 'string' ? action.displayText : action.text;
      hideQuickReplies();
      if (typeof shown === 'string' && shown !== '') showOwnText(shown);
      void send({ type: 'postback', data: String(action.data ?? '') }, options);
      return;
    }
    case 'message':
      hideQuickReplies();
      showOwnText(String(action.text ?? ''));
      void send({ type: 'text', text: String(action.text ?? '') }, options);
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

/** @param {SubmitEvent} event */
function sendTypedText(event) {
  event.preventDefault();
  const text = dom.input.value;
  if (text.trim() === '') return;
  dom.input.value = '';
  updateSendButton();
  hideQuickReplies();
  showOwnText(text);
  void send({ type: 'text', text });
}

function updateSendButton() {
  dom.send.disabled = dom.input.value.trim() === '';
}
