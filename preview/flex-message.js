// @ts-check
/**
 * A Flex Message to DOM: a carousel, or one bubble with its time beside it; a container the page cannot draw
 * shows its altText, as LINE does where it cannot show Flex.
 * @see https://developers.line.biz/en/docs/messaging-api/flex-message-elements/
 */

import { h } from './element.js';
import { renderBubble } from './flex-bubble.js';
import { renderCarousel } from './flex-carousel.js';
import { withTime } from './message-meta.js';

/** @typedef {import('./line-action.js').Json} Json */

/** @param {Json} message a LINE flex message */
export function renderFlexMessage(message) {
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
