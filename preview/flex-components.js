// @ts-check
/**
 * Flex components to DOM: box, text (with spans), icon, image, button, separator, filler and spacer, laid out as
 * LINE lays them out. Unknown components render as nothing, like old LINE apps. A tapped button or actionable box
 * or text is handed to the chat as a `line-action` event.
 * @see https://developers.line.biz/en/docs/messaging-api/flex-message-elements/
 */

import { h } from './element.js';
import {
  BORDER_WIDTH_PX, COLOR_PATTERN, ICON_SIZE_PX, LENGTH_PATTERN, PX_PATTERN, SPACING_PX, TEXT_SIZE_PX, setColor, toLength, toPx,
} from './flex-style.js';
import { tapAction } from './line-action.js';
import { safeUri } from './safe-uri.js';

/** @typedef {import('./line-action.js').Json} Json */

const SEPARATOR_DEFAULT_COLOR = '#E0E2E6';
/** @type {Readonly<Record<string, string>>} */
const BUTTON_DEFAULT_COLOR = { primary: '#17C950', secondary: '#DCDFE5', link: '#42659A' };

/**
 * One Flex component inside a box of `parentLayout`. Unknown components render as nothing, like old LINE apps.
 * @param {Json} component
 * @param {string} parentLayout 'vertical', 'horizontal' or 'baseline'
 * @returns {HTMLElement}
 */
export function renderComponent(component, parentLayout) {
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
    node.addEventListener('click', (event) => tapAction(node, action, { focusFirstChip: event.detail === 0 }));
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
    tapAction(node, action, { focusFirstChip: event.type === 'keydown' });
  };
  node.addEventListener('click', run);
  node.addEventListener('keydown', (event) => {
    if (event.key === 'Enter' || event.key === ' ') {
      event.preventDefault();
      run(event);
    }
  });
}
