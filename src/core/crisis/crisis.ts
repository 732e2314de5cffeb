import { z } from 'zod';
import { phoneSchema } from '../agencies/phone';
import { normalizeInput } from '../conversation/normalize-input';

const crisisLineSchema = z
  .object({
    id: z.string().regex(/^[a-z][a-z0-9_]*$/),
    name: z.string().min(1).max(40),
    note: z.string().min(1).max(100),
    phones: z.array(phoneSchema).max(3).default([]),
    url: z.url({ protocol: /^https$/ }).max(1000).optional(),
    source: z.string().min(1),
    verifiedAt: z.iso.date(),
  })
  .strict()
  .refine((line) => line.phones.length > 0 || line.url !== undefined, {
    message: 'a crisis line needs a phone or a url',
  });

export const crisisSchema = z
  .object({
    lines: z.array(crisisLineSchema).min(1).max(8),
    words: z.array(z.string().min(1)).min(1),
    notCrisis: z.array(z.string().min(1)).default([]),
  })
  .strict();

export type CrisisLine = z.infer<typeof crisisLineSchema>;

/** The crisis card's lines and the normalised words that call it up. */
export interface Crisis {
  readonly lines: readonly CrisisLine[];
  readonly words: readonly string[];
  readonly notCrisis: readonly string[];
}

/** Normalises the words once, so detection compares like with like. */
export function toCrisis(parsed: z.infer<typeof crisisSchema>): Crisis {
  return {
    lines: parsed.lines,
    words: parsed.words.map(normalizeInput),
    notCrisis: parsed.notCrisis.map(normalizeInput),
  };
}

/** True when the text speaks of wanting to die or disappear, leaving out phrases about content found online. */
export function detectCrisis(crisis: Crisis, text: string): boolean {
  let normalized = normalizeInput(text);
  for (const phrase of crisis.notCrisis) normalized = normalized.split(phrase).join(' ');
  return crisis.words.some((word) => normalized.includes(word));
}
