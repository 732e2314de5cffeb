import { z } from 'zod';
import { languagesField, phoneSchema } from '../agencies/phone';
import type { NormalizeText } from '../understanding/normalize-text';

const crisisHotlineSchema = z
  .object({
    id: z.string().regex(/^[a-z][a-z0-9_]*$/),
    name: z.string().min(1).max(40),
    /** Beside the name, in locales other than Japanese: what the name means. */
    nameNote: z.string().min(1).max(120).optional(),
    note: z.string().min(1).max(100),
    phones: z.array(phoneSchema).max(3).default([]),
    url: z.url({ protocol: /^https$/ }).max(1000).optional(),
    languages: languagesField,
    source: z.string().regex(/^https:\/\//, 'must start with the public https:// page the facts come from'),
    verifiedAt: z.iso.date(),
  })
  .strict()
  .refine((hotline) => hotline.phones.length > 0 || hotline.url !== undefined, {
    message: 'a crisis hotline needs a phone or a url',
  });

export const crisisSchema = z
  .object({
    // `lines` in data/crisis.yaml and its overlays: the hotlines (the key stays, as other changes edit those files).
    lines: z.array(crisisHotlineSchema).min(1).max(8),
    words: z.array(z.string().min(1)).min(1),
    notCrisis: z.array(z.string().min(1)).default([]),
  })
  .strict();

export type CrisisHotline = z.infer<typeof crisisHotlineSchema>;

/** The crisis card's hotlines and the normalised words that call it up (matched by understanding/text-matcher.ts). */
export interface Crisis {
  readonly hotlines: readonly CrisisHotline[];
  readonly words: readonly string[];
  /** Phrases that contain a crisis word but speak of content found online; a longer crisis phrase still wins. */
  readonly notCrisis: readonly string[];
}

/**
 * Normalises the words once, with the same function as typed text, so detection compares like with like.
 * Returns the problems as "field[index]: …" (a word empty once normalised, a word listed as both).
 */
export function toCrisis(parsed: z.infer<typeof crisisSchema>, normalize: NormalizeText): { crisis: Crisis; problems: string[] } {
  const problems: string[] = [];
  const normalizeAll = (field: 'words' | 'notCrisis') =>
    parsed[field].flatMap((word, index) => {
      const normalized = normalize(word);
      if (!normalized) problems.push(`${field}[${index}]: 「${word}」 is empty once normalised`);
      return normalized ? [normalized] : [];
    });
  const words = normalizeAll('words');
  const notCrisis = normalizeAll('notCrisis');
  const both = new Set(words);
  notCrisis.forEach((phrase, index) => {
    if (both.has(phrase)) problems.push(`notCrisis[${index}]: 「${phrase}」 is also a crisis word`);
  });
  return { crisis: { hotlines: parsed.lines, words, notCrisis }, problems };
}
