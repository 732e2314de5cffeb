// @ts-check
/**
 * The quick-reply chips above the input, as LINE shows them: one row that scrolls sideways, only the last reply's,
 * hidden as soon as the person sends or taps something. Each is a real button; a keyboard press keeps the keyboard
 * on the chips of the next question.
 * @see https://developers.line.biz/en/docs/messaging-api/using-quick-reply/
 */

import { h } from './element.js';
import { tapAction } from './line-action.js';
import { safeUri } from './safe-uri.js';

/** @typedef {import('./line-action.js').Json} Json */

const row = /** @type {HTMLElement} */ (document.getElementById('quick-replies'));
/** The composer's input: where the keyboard goes when a chip leads to no chips. */
const input = /** @type {HTMLInputElement} */ (document.getElementById('input'));

/** The chips last received, put back when a send fails so the person can try again. */
let lastItems = /** @type {Json[]} */ ([]);

/**
 * Shows a reply's quick replies (none for an empty list).
 * @param {Json[]} items LINE quick-reply items
 */
export function showQuickReplies(items) {
  lastItems = items;
  renderChips(items);
}

/** A sent message or tapped chip: LINE hides the chips at once. */
export function hideQuickReplies() {
  renderChips([]);
}

/** The last reply's chips again, after a send that failed. */
export function restoreQuickReplies() {
  renderChips(lastItems);
}

export function focusFirstQuickReply() {
  row.querySelector('button')?.focus({ preventScroll: true });
}

/** @param {Json[]} items */
function renderChips(items) {
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
        tapAction(chip, action, { focusFirstChip: event.detail === 0 });
        if (event.detail === 0 && row.childElementCount === 0) input.focus({ preventScroll: true });
      });
      return chip;
    });
  row.replaceChildren(...chips);
  row.hidden = chips.length === 0;
  row.scrollLeft = 0;
}
