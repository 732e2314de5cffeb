import type { messagingApi } from '@line/bot-sdk';

/**
 * How tall LINE draws a Flex bubble, estimated from its JSON with LINE's Flex metrics (the sizes the Flex Message
 * Simulator and the browser preview use): text lines from the characters' widths, buttons, separators, icons,
 * margins and paddings. Only as good as a guess about fonts can be (a wide character is 1 em, any other 0.5 em), but
 * enough to tell a 450 px card from an 850 px one, which is what keeping a carousel's cards of a similar height
 * needs (LINE draws every bubble of a carousel as tall as the tallest). The browser test of carousel heights checks
 * the outcome as drawn.
 * @see https://developers.line.biz/en/docs/messaging-api/flex-message-layout/
 */

/** Bubble widths by `size`, in px. */
const BUBBLE_WIDTH_PX: Readonly<Record<string, number>> = { nano: 120, micro: 160, deca: 220, hecto: 241, kilo: 260, mega: 300, giga: 500 };
const SPACING_PX: Readonly<Record<string, number>> = { none: 0, xs: 2, sm: 4, md: 8, lg: 12, xl: 16, xxl: 20 };
const TEXT_SIZE_PX: Readonly<Record<string, number>> = {
  xxs: 11, xs: 13, sm: 14, md: 16, lg: 19, xl: 22, xxl: 29, '3xl': 35, '4xl': 48, '5xl': 74,
};
const LINE_HEIGHT = 1.4;
const BUTTON_HEIGHT_PX = { sm: 40, md: 52 } as const;
/** Padding of the header and body, and of the footer, on every side. */
const SECTION_PADDING_PX = { header: 20, hero: 0, body: 20, footer: 10 } as const;
/** A character that is not wide (Latin letters, digits, punctuation), as a share of the font size. */
const NARROW_EM = 0.5;

export function estimateBubbleHeight(bubble: messagingApi.FlexBubble): number {
  const width = BUBBLE_WIDTH_PX[bubble.size ?? 'mega'] ?? BUBBLE_WIDTH_PX.mega ?? 300;
  let height = 0;
  for (const part of ['header', 'hero', 'body', 'footer'] as const) {
    const section = bubble[part];
    if (!section) continue;
    const padding = SECTION_PADDING_PX[part];
    height += 2 * padding + (section.type === 'box' ? boxHeight(section, width - 2 * padding) : 0);
  }
  return Math.round(height);
}

function componentHeight(component: messagingApi.FlexComponent, width: number, parent: messagingApi.FlexBox['layout']): number {
  switch (component.type) {
    case 'box':
      return boxHeight(component, width);
    case 'text':
      return textHeight(component, width);
    case 'button':
      return BUTTON_HEIGHT_PX[component.height ?? 'md'];
    case 'separator':
      return parent === 'vertical' ? 1 : 0;
    case 'icon':
      return px(TEXT_SIZE_PX, component.size, 'md');
    default:
      // Images and video (not on our cards) have no height that the JSON states; fillers take none.
      return 0;
  }
}

function boxHeight(box: messagingApi.FlexBox, outerWidth: number): number {
  const paddingAll = length(box.paddingAll);
  const top = length(box.paddingTop) ?? paddingAll ?? 0;
  const bottom = length(box.paddingBottom) ?? paddingAll ?? 0;
  const width = outerWidth - (length(box.paddingStart) ?? paddingAll ?? 0) - (length(box.paddingEnd) ?? paddingAll ?? 0);
  const gapOf = (child: messagingApi.FlexComponent, index: number) => {
    const margin = 'margin' in child ? child.margin : undefined;
    return px(SPACING_PX, margin ?? (index > 0 ? box.spacing : undefined), 'none');
  };
  const children = box.contents;
  if (box.layout === 'vertical') {
    return top + bottom + children.reduce((sum, child, index) => sum + gapOf(child, index) + componentHeight(child, width, 'vertical'), 0);
  }
  // Side by side: fixed children (icons, flex 0) keep their width, the others share what is left by their flex.
  const gaps = children.reduce((sum, child, index) => sum + gapOf(child, index), 0);
  const fixedWidth = (child: messagingApi.FlexComponent) => {
    if (child.type === 'icon') return px(TEXT_SIZE_PX, child.size, 'md');
    if (flexOf(child) === 0 && child.type === 'text') return Math.min(textWidth(child.text, px(TEXT_SIZE_PX, child.size, 'md')), width);
    return 0;
  };
  const fixed = children.reduce((sum, child) => sum + fixedWidth(child), 0);
  const shares = children.reduce((sum, child) => sum + flexOf(child), 0);
  const widthOf = (child: messagingApi.FlexComponent) =>
    flexOf(child) > 0 ? (Math.max(width - fixed - gaps, 0) * flexOf(child)) / shares : fixedWidth(child);
  return top + bottom + Math.max(0, ...children.map((child) => componentHeight(child, widthOf(child), box.layout)));
}

/** LINE's default: flex 1 for components beside each other, except icons and separators. */
function flexOf(component: messagingApi.FlexComponent): number {
  if (component.type === 'icon' || component.type === 'separator') return 0;
  return 'flex' in component && typeof component.flex === 'number' ? component.flex : 1;
}

function textHeight(text: messagingApi.FlexText, width: number): number {
  const size = px(TEXT_SIZE_PX, text.size, 'md');
  const lineHeight = size * LINE_HEIGHT;
  if (!text.wrap) return lineHeight;
  const lines = (text.text ?? '').split('\n').reduce((sum, line) => sum + Math.max(1, Math.ceil(textWidth(line, size) / Math.max(width, size))), 0);
  return (text.maxLines ? Math.min(lines, text.maxLines) : lines) * lineHeight;
}

function textWidth(value: string | undefined, size: number): number {
  let ems = 0;
  for (const char of value ?? '') ems += isWide(char.codePointAt(0) ?? 0) ? 1 : NARROW_EM;
  return ems * size;
}

/** Kana, CJK ideographs and symbols, full-width forms, emoji: one em each. */
function isWide(codePoint: number): boolean {
  return (
    (codePoint >= 0x1100 && codePoint <= 0x115f) ||
    (codePoint >= 0x2e80 && codePoint <= 0xa4cf) ||
    (codePoint >= 0xac00 && codePoint <= 0xd7a3) ||
    (codePoint >= 0xf900 && codePoint <= 0xfaff) ||
    (codePoint >= 0xfe30 && codePoint <= 0xfe4f) ||
    (codePoint >= 0xff00 && codePoint <= 0xff60) ||
    (codePoint >= 0xffe0 && codePoint <= 0xffe6) ||
    (codePoint >= 0x2600 && codePoint <= 0x27bf) ||
    codePoint >= 0x1f000
  );
}

function px(table: Readonly<Record<string, number>>, key: string | undefined, fallback: string): number {
  if (key !== undefined && /^\d+(\.\d+)?px$/.test(key)) return Number.parseFloat(key);
  return table[key ?? fallback] ?? table[fallback] ?? 0;
}

/** A padding as a keyword or px; a percentage is not used on our cards and counts as none. */
function length(value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  if (/^\d+(\.\d+)?px$/.test(value)) return Number.parseFloat(value);
  return SPACING_PX[value];
}
