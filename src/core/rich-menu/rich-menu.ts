import type { messagingApi } from '@line/bot-sdk';
import { z } from 'zod';
import { LINE_LIMITS } from '../line-limits';
import { encodePostback, type Postback } from '../postback';

const LIMITS = LINE_LIMITS.richMenu;

/** What an area does: a postback action of this bot that needs nothing but its name. */
const AREA_ACTIONS = ['crisis', 'restart', 'evidence', 'about'] as const satisfies readonly Postback['action'][];

const boundsSchema = z
  .object({
    x: z.number().int().min(0),
    y: z.number().int().min(0),
    width: z.number().int().min(1),
    height: z.number().int().min(1),
  })
  .strict();

const areaSchema = z
  .object({
    action: z.enum(AREA_ACTIONS),
    /** On the image and read aloud by screen readers. */
    label: z.string().min(1).max(LIMITS.label),
    /** A second, smaller line on the image. */
    sublabel: z.string().min(1).max(30).optional(),
    /** Shown in the chat as the person's words when they tap. */
    displayText: z.string().min(1).max(LINE_LIMITS.displayText),
    /** How the area is drawn. */
    style: z.enum(['urgent', 'primary', 'plain']),
    icon: z.enum(['phone', 'search', 'camera', 'info']),
    bounds: boundsSchema,
  })
  .strict();

export const richMenuSchema = z
  .object({
    /** Prefix of the menu's name on LINE; `npm run rich-menu` recognises the menus it made by it. */
    name: z.string().regex(/^[a-z0-9-]+$/, 'lower-case letters, digits and -').max(40),
    size: z
      .object({
        width: z.number().int().min(LIMITS.minWidth).max(LIMITS.maxWidth),
        height: z.number().int().min(LIMITS.minHeight),
      })
      .strict(),
    chatBarText: z.string().min(1).max(LIMITS.chatBarText),
    image: z.string().regex(/^data\/[a-z0-9-]+\.png$/, 'a PNG file in data/'),
    areas: z.array(areaSchema).min(1).max(LIMITS.maxAreas),
  })
  .strict();

export type RichMenu = z.infer<typeof richMenuSchema>;
export type RichMenuArea = RichMenu['areas'][number];

/** LINE's rules that a schema cannot say: the aspect ratio, areas inside the image and not overlapping. */
export function checkRichMenu(menu: RichMenu): string[] {
  const problems: string[] = [];
  const { width, height } = menu.size;
  if (width / height < LIMITS.minAspectRatio) {
    problems.push(`size: width / height is ${(width / height).toFixed(2)}; LINE needs at least ${LIMITS.minAspectRatio}`);
  }
  menu.areas.forEach((area, index) => {
    const { x, y, width: w, height: h } = area.bounds;
    if (x + w > width || y + h > height) problems.push(`areas[${index}].bounds: reaches outside the ${width}×${height} image`);
    menu.areas.slice(0, index).forEach((other, earlier) => {
      const o = other.bounds;
      if (x < o.x + o.width && o.x < x + w && y < o.y + o.height && o.y < y + h) {
        problems.push(`areas[${index}].bounds: overlaps areas[${earlier}]`);
      }
    });
  });
  return problems;
}

/**
 * The menu as LINE's API takes it. `selected: true` opens it with the chat, so its crisis entry is seen at once.
 * @see https://developers.line.biz/en/reference/messaging-api/#rich-menu-object
 */
export function toLineRichMenu(menu: RichMenu, name: string): messagingApi.RichMenuRequest {
  return {
    size: menu.size,
    selected: true,
    name,
    chatBarText: menu.chatBarText,
    areas: menu.areas.map((area) => ({
      bounds: area.bounds,
      action: {
        type: 'postback',
        label: area.label,
        data: encodePostback({ action: area.action }),
        displayText: area.displayText,
      } satisfies messagingApi.PostbackAction,
    })),
  };
}
