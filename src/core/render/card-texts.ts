import { z } from 'zod';
import { CHANNELS } from '../agencies/channel';
import { PHONE_COSTS } from '../agencies/phone';

const words = z.string().min(1).max(200);

/** The words the agency and crisis cards put around the data (flows/cards.yaml), in one locale. */
export const cardTextsSchema = z
  .object({
    channels: z.strictObject(Object.fromEntries(CHANNELS.map((c) => [c, z.string().min(1).max(20)])) as Record<(typeof CHANNELS)[number], z.ZodString>),
    costs: z.strictObject(Object.fromEntries(PHONE_COSTS.map((c) => [c, words])) as Record<(typeof PHONE_COSTS)[number], z.ZodString>),
    /** `{number}`: the number as printed. */
    call: words,
    /**
     * `{number}`: the quick-reply chip that calls the first line open now (「☎ 110に電話」). A quick-reply label, so
     * at most 20 characters once filled: the rendered replies are checked at start-up.
     */
    callChip: words,
    openSite: words,
    channelsHeading: words,
    /** `{hours}`: the window's opening hours as written in data/. */
    hours: words,
    /** `{text}`: what the window does not do. */
    doesNot: words,
    /** `{number}`, `{label}`: one phone line. */
    phone: words,
    /** `{names}`: the windows on a result, for notifications and clients that cannot show cards. */
    resultAltText: words,
    /** Between short items on one line (cost・hours, 電話・メール). */
    separator: z.string().min(1).max(5),
    /** Shown, outside Japanese, on a window or hotline whose sources say it takes calls in English. */
    englishOk: words,
    /** Shown, outside Japanese, on a window or hotline whose sources say it works in Japanese only. */
    japaneseOnly: words,
  })
  .strict();

export type CardTexts = z.infer<typeof cardTextsSchema>;
