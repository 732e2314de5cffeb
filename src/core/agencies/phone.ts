import { z } from 'zod';
import { scheduleSchema } from '../hours/schedule';

/**
 * The languages a window or hotline takes calls or forms in, as ISO 639-1 codes, only as its sources state them.
 * Absent: not known, and the cards say nothing about it.
 */
export const languagesField = z.array(z.string().regex(/^[a-z]{2}$/, 'an ISO 639-1 code such as en')).min(1).optional();

/** What a call costs the caller; a 0570 ナビダイヤル is paid and unreachable from some IP phones. */
export const PHONE_COSTS = ['free', 'navi_dial', 'call_charge'] as const;
export type PhoneCost = (typeof PHONE_COSTS)[number];

export const phoneSchema = z
  .object({
    label: z.string().min(1).max(20),
    display: z.string().regex(/^#?[0-9][0-9-]*$/, 'a phone number as printed, like 0570-078374 or #9110'),
    tel: z.string(),
    cost: z.enum(PHONE_COSTS),
    /** The hours as printed; shown as they are when there is no schedule. */
    hours: z.string().min(1).optional(),
    schedule: scheduleSchema.optional(),
    /** Who cannot call it, and what to do instead. */
    note: z.string().min(1).max(100).optional(),
    languages: languagesField,
  })
  .strict()
  .superRefine((phone, ctx) => {
    const expected = toTelUri(phone.display);
    if (phone.tel !== expected) {
      ctx.addIssue({ code: 'custom', path: ['tel'], message: `must be ${expected} to match display ${phone.display}` });
    }
    // A card must say when a line answers, or that it cannot: hours text alone never reads as open.
    if (!phone.schedule && !phone.hours) {
      ctx.addIssue({ code: 'custom', path: ['hours'], message: 'a schedule, or hours as printed by a source (or where to find them)' });
    }
    if (phone.display.startsWith('0570') !== (phone.cost === 'navi_dial')) {
      ctx.addIssue({ code: 'custom', path: ['cost'], message: 'a 0570 number, and only a 0570 number, is navi_dial' });
    }
  });

export type Phone = z.infer<typeof phoneSchema>;

/** The `tel:` URI of a number as printed: digits only, with '#' percent-encoded as LINE requires. */
export function toTelUri(display: string): string {
  return `tel:${display.replace(/-/g, '').replace('#', '%23')}`;
}
