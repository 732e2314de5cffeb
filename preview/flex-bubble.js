// @ts-check
/**
 * A Flex bubble to DOM: its header, hero, body and footer blocks, each with its style (background, separator).
 * @see https://developers.line.biz/en/reference/messaging-api/#bubble
 */

import { h } from './element.js';
import { renderComponent } from './flex-components.js';
import { setColor } from './flex-style.js';

/** @typedef {import('./line-action.js').Json} Json */

/**
 * @param {Json} bubble
 * @param {string | undefined} label for carousels: which card this is
 */
export function renderBubble(bubble, label) {
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
