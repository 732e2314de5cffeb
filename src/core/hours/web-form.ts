import { z } from 'zod';

/** A form that takes reports at any hour, where a source says so; `replies` says when answers come, if it says. */
export const webFormSchema = z
  .object({
    replies: z.string().min(1).max(40).optional(),
    source: z.url({ protocol: /^https$/, error: 'a public https URL' }),
    verifiedAt: z.iso.date(),
  })
  .strict();

export type WebForm = z.infer<typeof webFormSchema>;
