import { z } from 'zod';
import { webFormSchema } from '../hours/web-form';
import { CHANNELS } from './channel';
import { phoneSchema } from './phone';

const httpsUrl = z.url({ protocol: /^https$/ }).max(1000);

export const agencySchema = z
  .object({
    id: z.string().regex(/^[a-z][a-z0-9_]*$/),
    name: z.string().min(1).max(60),
    operator: z.string().min(1).max(60),
    does: z.string().min(1).max(300),
    doesNot: z.string().min(1).max(200).optional(),
    phones: z.array(phoneSchema).max(3).default([]),
    hours: z.string().min(1).optional(),
    webForm: webFormSchema.optional(),
    url: httpsUrl.optional(),
    channels: z.array(z.enum(CHANNELS)).min(1),
    source: z.string().min(1),
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
});
