// @ts-check
/**
 * A tapped LINE action (a Flex button, a quick-reply chip, a rich-menu area, the header's language menu) is sent
 * up the page as a `line-action` event; the chat (chat.js) does what LINE does with it. The drawing code so never
 * needs to know the chat.
 */

/** @typedef {Record<string, any>} Json a LINE object as the server sent it; each field is checked where it is used */
/**
 * @typedef {object} ActionOptions
 * @property {boolean} [focusFirstChip] a keyboard tap: keep the keyboard on the chips of the next question
 */
/** @typedef {{action: Json, options: ActionOptions}} LineActionDetail */

const LINE_ACTION_EVENT = 'line-action';

/**
 * Tells the chat that `action` was tapped on `node`. Synchronous: the chat has acted when this returns.
 * @param {Element} node
 * @param {Json} action a LINE action object
 * @param {ActionOptions} options
 */
export function tapAction(node, action, options) {
  /** @type {LineActionDetail} */
  const detail = { action, options };
  node.dispatchEvent(new CustomEvent(LINE_ACTION_EVENT, { bubbles: true, detail }));
}

/**
 * Calls `perform` for every action tapped anywhere on the page.
 * @param {(action: Json, options: ActionOptions) => void} perform
 */
export function onActionTapped(perform) {
  document.addEventListener(LINE_ACTION_EVENT, (event) => {
    const { action, options } = /** @type {CustomEvent<LineActionDetail>} */ (event).detail;
    perform(action, options);
  });
}
