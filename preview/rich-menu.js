// @ts-check
/**
 * The account's rich menu under the input, as LINE shows it.
 * @see https://developers.line.biz/en/docs/messaging-api/using-rich-menus/
 */

import { h } from './element.js';
import { tapAction } from './line-action.js';

const dom = {
  menu: /** @type {HTMLElement} */ (document.getElementById('rich-menu')),
  panel: /** @type {HTMLElement} */ (document.getElementById('rich-menu-panel')),
  bar: /** @type {HTMLButtonElement} */ (document.getElementById('rich-menu-bar')),
};

/**
 * Draws the account's rich menu under the input, as LINE does: its image with a tap area over each of its areas,
 * and the chat bar (chatBarText) that folds it away and back. The menu is the one `npm run rich-menu` publishes.
 */
export async function loadRichMenu() {
  const response = await fetch('/preview/api/rich-menu');
  if (!response.ok) return;
  const { menu, imageUrl } = await response.json();
  const width = Number(menu?.size?.width);
  const height = Number(menu?.size?.height);
  if (!(width > 0 && height > 0) || !Array.isArray(menu.areas)) return;
  const panel = dom.panel;
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
    button.addEventListener('click', (event) => tapAction(button, area.action, { focusFirstChip: event.detail === 0 }));
    panel.append(button);
  }
  dom.bar.textContent = String(menu.chatBarText ?? '');
  dom.bar.addEventListener('click', () => {
    const open = dom.bar.getAttribute('aria-expanded') !== 'true';
    dom.bar.setAttribute('aria-expanded', String(open));
    panel.hidden = !open;
  });
  panel.hidden = menu.selected === false;
  dom.bar.setAttribute('aria-expanded', String(!panel.hidden));
  dom.menu.hidden = false;
}
