// @ts-check
/**
 * LINE's Flex keywords and values as CSS, as LINE's Flex Message Simulator draws them. Only values in the
 * notations LINE accepts are used; anything else falls back or is ignored, never injected into a style.
 * @see https://developers.line.biz/en/reference/messaging-api/#box
 * @see https://developers.line.biz/en/reference/messaging-api/#f-text
 */

/** @typedef {Readonly<Record<string, number>>} PxTable */

/** @type {PxTable} */
export const SPACING_PX = { none: 0, xs: 2, sm: 4, md: 8, lg: 12, xl: 16, xxl: 20 };
/** @type {PxTable} */
export const TEXT_SIZE_PX = {
  xxs: 11, xs: 13, sm: 14, md: 16, lg: 19, xl: 22, xxl: 29, '3xl': 35, '4xl': 48, '5xl': 74,
};
export const ICON_SIZE_PX = TEXT_SIZE_PX;
/** @type {PxTable} */
export const BORDER_WIDTH_PX = { none: 0, light: 0.5, normal: 1, medium: 2, semi_bold: 3, bold: 4 };

/** Colours in the only notation LINE accepts (#RRGGBB or #RRGGBBAA). */
export const COLOR_PATTERN = /^#[0-9a-fA-F]{6}([0-9a-fA-F]{2})?$/;
export const PX_PATTERN = /^\d+(\.\d+)?px$/;
export const LENGTH_PATTERN = /^\d+(\.\d+)?(px|%)$/;

/**
 * A keyword from `table`, or a "12px" value, as CSS pixels; anything else falls back to the default keyword.
 * @param {unknown} value
 * @param {PxTable} table
 * @param {string} fallback
 */
export function toPx(value, table, fallback) {
  if (typeof value === 'string' && PX_PATTERN.test(value)) return value;
  const px = (typeof value === 'string' && Object.hasOwn(table, value) ? table[value] : table[fallback]) ?? 0;
  return `${px}px`;
}

/**
 * Like toPx, but percentages are allowed too (paddings).
 * @param {string} value
 * @param {PxTable} table
 */
export function toLength(value, table) {
  if (LENGTH_PATTERN.test(value)) return value;
  return `${(Object.hasOwn(table, value) ? table[value] : 0) ?? 0}px`;
}

/**
 * Sets a colour only when it is one LINE accepts.
 * @param {HTMLElement} node
 * @param {string} property a CSS property name, e.g. 'background-color'
 * @param {unknown} value
 */
export function setColor(node, property, value) {
  if (typeof value === 'string' && COLOR_PATTERN.test(value)) node.style.setProperty(property, value);
}
