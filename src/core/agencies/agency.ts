import { z } from 'zod';
import { webFormSchema } from '../hours/web-form';
import { CHANNELS } from './channel';
import { languagesField, phoneSchema } from './phone';

const httpsUrl = z.url({ protocol: /^https$/ }).max(1000);

/** Cases a window may turn away; a result names the cases it serves, and the two must not meet. */
export const CASES = ['defamation', 'privacy', 'threat', 'consultation'] as const;
export type Case = (typeof CASES)[number];

/** What a call or a consultation costs the person, as the window's own pages say. */
export const GLANCE_COSTS = ['free', 'free_call_charge', 'call_charge', 'paid'] as const;
/** Whether the window deletes for you (asks the site) or tells you how. */
export const GLANCE_ACTS = ['advice', 'requests_removal', 'advice_and_requests'] as const;

/** What a window can and cannot do, at a glance; each field only where a source says so. */
const glanceSchema = z
  .object({
    anonymous: z.boolean().optional(),
    cost: z.enum(GLANCE_COSTS).optional(),
    acts: z.enum(GLANCE_ACTS).optional(),
    registration: z.literal(true).optional(),
  })
  .strict();

export type Glance = z.infer<typeof glanceSchema>;

/** A button to one of the window's pages; LINE caps a button label at 40 characters. */
const linkSchema = z.object({ label: z.string().min(1).max(40), url: httpsUrl }).strict();

export const agencySchema = z
  .object({
    id: z.string().regex(/^[a-z][a-z0-9_]*$/),
    name: z.string().min(1).max(60),
    /** Beside the name, in locales other than Japanese: what the name means (the name itself stays as printed). */
    nameNote: z.string().min(1).max(120).optional(),
    operator: z.string().min(1).max(60),
    does: z.string().min(1).max(300),
    doesNot: z.string().min(1).max(200).optional(),
    phones: z.array(phoneSchema).max(3).default([]),
    hours: z.string().min(1).optional(),
    webForm: webFormSchema.optional(),
    links: z.array(linkSchema).max(3).default([]),
    channels: z.array(z.enum(CHANNELS)).min(1),
    glance: glanceSchema.default({}),
    doesNotTake: z.array(z.enum(CASES)).default([]),
    languages: languagesField,
    /**
     * This window is the same service as that one, in other languages: in locales other than Japanese its card
     * joins every result that shows that one.
     */
    languageLineOf: z.string().regex(/^[a-z][a-z0-9_]*$/).optional(),
    source: z.string().regex(/^https:\/\//, 'must start with the public https:// page the facts come from'),
    verifiedAt: z.iso.date(),
  })
  .strict()
  .refine((agency) => !agency.webForm || agency.channels.includes('web_form'), {
    path: ['webForm'],
    message: 'needs web_form among the channels',
  });

/** A consultation or reporting window, with the facts a card shows. */
export type Agency = z.infer<typeof agencySchema>;

export const agenciesSchema = z.array(agencySchema).min(1).superRefine((agencies, ctx) => {
  const seen = new Set<string>();
  agencies.forEach((agency, index) => {
    if (seen.has(agency.id)) ctx.addIssue({ code: 'custom', path: [index, 'id'], message: `duplicate id "${agency.id}"` });
    seen.add(agency.id);
  });
  agencies.forEach((agency, index) => {
    const of = agency.languageLineOf;
    if (of !== undefined && (of === agency.id || !seen.has(of))) {
      ctx.addIssue({ code: 'custom', path: [index, 'languageLineOf'], message: `"${of}" is not another agency` });
    }
  });
});
