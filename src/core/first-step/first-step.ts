import { z } from 'zod';

const id = z.string().regex(/^[a-z][a-z0-9_]*$/);
const words = z.string().min(1).max(300);
const label = z.string().min(1).max(80);

/** What a result's first-step card holds (flows/first-step.yaml `results`). */
export const FIRST_STEP_PARTS = ['platforms', 'timeLimits', 'draft', 'summary'] as const;
export type FirstStepPart = (typeof FIRST_STEP_PARTS)[number];

/** The two pages, by the path they are served at (/first-step/<page>). */
export const FIRST_STEP_PAGES = ['draft', 'summary'] as const;
export type FirstStepPageId = (typeof FIRST_STEP_PAGES)[number];

/** One box of a page's form. `choices`: check boxes, each with the words its choice puts in the text. */
const fieldSchema = z.discriminatedUnion('kind', [
  z.object({ id, kind: z.enum(['text', 'url', 'textarea']), label, hint: words }).strict(),
  z
    .object({
      id,
      kind: z.literal('choices'),
      label,
      hint: words,
      choices: z.array(z.object({ id, label, text: z.string().min(1).max(40) }).strict()).min(2).max(8),
    })
    .strict(),
]);

export type FirstStepField = z.infer<typeof fieldSchema>;

/** The text a page produces: a title, an opening line, one heading per field that was filled, a closing line. */
const outputSchema = z
  .object({
    title: z.string().min(1).max(60),
    opening: words.optional(),
    sections: z.record(id, z.string().min(1).max(40)),
    closing: words.optional(),
  })
  .strict();

const pageShape = {
  title: z.string().min(1).max(40),
  intro: words,
  fields: z.array(fieldSchema).min(1).max(10),
  output: outputSchema,
};

export const firstStepSchema = z
  .object({
    results: z.record(id, z.array(z.enum(FIRST_STEP_PARTS)).min(1)),
    card: z
      .object({
        platformsTitle: z.string().min(1).max(40),
        // LINE caps a button label at 40 characters.
        draftButton: z.string().min(1).max(40),
        summaryButton: z.string().min(1).max(40),
        /** `{title}`, `{text}`: for notifications and clients that cannot show cards. */
        altText: words,
      })
      .strict(),
    common: z
      .object({
        privacy: words,
        resultHeading: label,
        resultHint: words,
        copy: label,
        copied: words,
        copyFailed: words,
        /** Under a URL box when what was typed is a site's top page, not the post's own page. */
        topPageUrl: words,
        print: label,
        printHint: words,
        letterHeading: label,
        source: label,
        /** `{date}`: verifiedAt of the facts shown. */
        verifiedAt: label,
        listSeparator: z.string().min(1).max(5),
        empty: label,
        optional: label,
        languages: label,
      })
      .strict(),
    draft: z
      .object({
        ...pageShape,
        /** The rights and reasons may be shown to the poster: said before the person writes them. */
        warning: words,
        warningSource: z.string().regex(/^https:\/\//),
        platformsHeading: label,
        platformsIntro: words,
        providersHeading: label,
        /** `{date}` */
        designatedOn: label,
        /** `{date}` */
        listedOn: label,
        noPage: words,
      })
      .strict(),
    summary: z
      .object({
        ...pageShape,
        destinationsHeading: label,
        destinationsIntro: words,
        /** Agencies (data/agencies.yaml ids) whose forms take the summary; their first link is shown. */
        destinations: z.array(id).min(1).max(5),
        checklistHeading: label,
      })
      .strict(),
  })
  .strict()
  .superRefine((doc, ctx) => {
    for (const page of FIRST_STEP_PAGES) {
      const fields = doc[page].fields.map((field) => field.id);
      for (const fieldId of fields) {
        if (!(fieldId in doc[page].output.sections)) ctx.addIssue({ code: 'custom', path: [page, 'output', 'sections'], message: `no heading for field "${fieldId}"` });
      }
      for (const section of Object.keys(doc[page].output.sections)) {
        if (!fields.includes(section)) ctx.addIssue({ code: 'custom', path: [page, 'output', 'sections', section], message: 'not a field of this page' });
      }
    }
  });

/** flows/first-step.yaml: the words of the two pages and of the card that links them, and which results carry it. */
export type FirstStep = z.infer<typeof firstStepSchema>;
export type FirstStepPage = FirstStep['draft'] | FirstStep['summary'];
