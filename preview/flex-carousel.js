// @ts-check
/**
 * A Flex carousel to DOM: its bubbles side by side, scrolled sideways, with arrows for a mouse.
 * @see https://developers.line.biz/en/reference/messaging-api/#f-carousel
 */

import { h } from './element.js';
import { renderBubble } from './flex-bubble.js';

/** @typedef {import('./line-action.js').Json} Json */

/** The space between a carousel's bubbles (style.css .flex-carousel gap). */
const CAROUSEL_GAP_PX = 9;

/**
 * A carousel: bubbles side by side, scrolled sideways, all as tall as the tallest (LINE does the same). A finger
 * swipes it; a mouse has no sideways swipe, so arrows (shown only where the pointer is fine, as LINE for PC does)
 * move it one card at a time. The arrows sit at the carousel's middle, or at the edge of the talk when its middle
 * is out of sight, so they are on screen whenever the cards are.
 * @param {Json} carousel
 */
export function renderCarousel(carousel) {
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
  // A new carousel shows its first card: no way back until it has moved.
  previous.disabled = true;
  scroller.addEventListener('scroll', update, { passive: true });
  // Also fires once the carousel is first laid out, which is when its width is known.
  new ResizeObserver(update).observe(scroller);
  // The arrows ride a rail that stays on screen while a card taller than the talk is read (style.css).
  const rail = h('div', { class: 'carousel-arrows__rail' }, previous, next);
  return h('div', { class: 'flex-carousel-frame' }, scroller, h('div', { class: 'carousel-arrows' }, rail));
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
