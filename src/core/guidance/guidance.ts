import { z } from 'zod';

const httpsUrl = z.url({ protocol: /^https$/ }).max(1000);
const publicSource = z.string().regex(/^https:\/\//, 'must start with the public https:// page the facts come from');

/** One step of 「証拠の残し方」, with the official page it comes from. */
const evidenceStepSchema = z.object({ text: z.string().min(1).max(100), source: publicSource }).strict();

export const evidenceSchema = z
  .object({
    title: z.string().min(1).max(40),
    intro: z.string().min(1).max(200),
    steps: z.array(evidenceStepSchema).min(1).max(8),
    warning: evidenceStepSchema.extend({ text: z.string().min(1).max(300) }).strict(),
    verifiedAt: z.iso.date(),
  })
  .strict();

/** What to keep before asking for a deletion or calling for help: a deleted post takes its proof with it. */
export type Evidence = z.infer<typeof evidenceSchema>;

/** A service's own report or privacy page; LINE caps a button label at 40 characters. */
const platformSchema = z
  .object({
    id: z.string().regex(/^[a-z][a-z0-9_]*$/),
    label: z.string().min(1).max(40),
    url: httpsUrl,
    /** The provider designated under 情報流通プラットフォーム対処法 (data/designated-platforms.yaml) that runs it. */
    provider: z.string().regex(/^[a-z][a-z0-9_]*$/).optional(),
    source: publicSource,
    verifiedAt: z.iso.date(),
  })
  .strict();

export const platformsSchema = z
  .object({
    title: z.string().min(1).max(40),
    intro: z.string().min(1).max(200),
    // A Flex bubble's footer holds the buttons; more than a handful would push the card past a phone screen.
    services: z.array(platformSchema).min(1).max(8),
  })
  .strict();

/** The services' own report pages, where many posts come down fastest. */
export type Platforms = z.infer<typeof platformsSchema>;
