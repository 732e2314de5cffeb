import { z } from 'zod';
import { LINE_LIMITS } from '../line-limits';
import { LOCALES, type Locale } from './locale';

const label = z.string().min(1).max(LINE_LIMITS.quickReplyLabel);

const languageSchema = z
  .object({
    /** The language's own name: the chip a person taps. */
    name: label,
    typed: z.array(z.string().min(1).max(40)).min(1),
    switched: z.string().min(1).max(200),
  })
  .strict();

/** flows/languages.yaml: the language menu and each locale's own name. */
export const languagesSchema = z
  .object({
    menu: z.object({ label, text: z.string().min(1).max(1000), guessed: z.string().min(1).max(500) }).strict(),
    languages: z.strictObject(Object.fromEntries(LOCALES.map((l) => [l, languageSchema])) as Record<Locale, typeof languageSchema>),
  })
  .strict();

export type Languages = z.infer<typeof languagesSchema>;
