import { z } from 'zod';

const publicSource = z.string().regex(/^https:\/\//, 'must start with the public https:// page the facts come from');

/**
 * A provider the ministry designated under 情報流通プラットフォーム対処法: since when, either the date of the
 * designation (`designatedOn`) or, where only a later public list was found, the date that list names
 * (`listedOn`). Exactly one of the two.
 */
const providerSchema = z
  .object({
    id: z.string().regex(/^[a-z][a-z0-9_]*$/),
    name: z.string().min(1).max(60),
    services: z.array(z.string().min(1).max(40)).min(1).max(8),
    designatedOn: z.iso.date().optional(),
    listedOn: z.iso.date().optional(),
    source: publicSource,
    verifiedAt: z.iso.date(),
  })
  .strict()
  .refine((p) => (p.designatedOn === undefined) !== (p.listedOn === undefined), {
    message: 'give exactly one of designatedOn (the designation date) and listedOn (the date a public list names it)',
  });

export const designatedPlatformsSchema = z
  .object({
    law: z.object({ title: z.string().min(1).max(100), inForce: z.iso.date(), source: publicSource }).strict(),
    /** The one plain line on what the law requires of a designated provider (the 7 days). */
    duty: z.object({ text: z.string().min(1).max(200), source: publicSource, verifiedAt: z.iso.date() }).strict(),
    providers: z.array(providerSchema).min(1).max(30),
  })
  .strict();

/** data/designated-platforms.yaml: the providers designated under 情報流通プラットフォーム対処法 and their duty. */
export type DesignatedPlatforms = z.infer<typeof designatedPlatformsSchema>;
export type DesignatedProvider = DesignatedPlatforms['providers'][number];

export const timeLimitsSchema = z
  .object({
    title: z.string().min(1).max(40),
    intro: z.string().min(1).max(200),
    items: z
      .array(z.object({ id: z.string().regex(/^[a-z][a-z0-9_]*$/), text: z.string().min(1).max(200), source: publicSource }).strict())
      .min(1)
      .max(5),
    /** Information, not legal advice: said on every card and page that shows the limits. */
    note: z.string().min(1).max(200),
    verifiedAt: z.iso.date(),
  })
  .strict();

/** data/time-limits.yaml: 「早めに」, the limits a person may lose without knowing, each with its source. */
export type TimeLimits = z.infer<typeof timeLimitsSchema>;
