// @ts-check
/**
 * The browser preview: a LINE-like talk screen that drives the bot through POST /preview/api/events. Plain ES
 * modules, no build step, no external resources; this file only starts the page. Where each piece lives:
 *
 * - chat.js: sending what the person does and drawing each reply (talk-log.js, quick-replies.js)
 * - flex-message.js, flex-carousel.js, flex-bubble.js, flex-components.js, flex-style.js: Flex Messages to DOM
 * - language-menu.js, time-control.js, page-address.js: the controls above the chat and the address they keep
 * - rich-menu.js: the account's rich menu under the input
 * - line-action.js: how a tapped button reaches the chat; element.js, safe-uri.js: building elements safely
 *
 * It never builds HTML from data: every string from the server goes through textContent or a checked attribute,
 * and links only carry schemes LINE itself accepts.
 */

import { startChat } from './chat.js';
import { loadRichMenu } from './rich-menu.js';

startChat();
void loadRichMenu();
