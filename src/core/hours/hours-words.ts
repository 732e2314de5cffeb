import { z } from 'zod';

/** A template with exactly these {placeholders}, so a typo in data/hours.yaml stops the start, not a card. */
function template(...names: string[]) {
  return z
    .string()
    .min(1)
    .max(60)
    .superRefine((text, ctx) => {
      const used = [...text.matchAll(/\{(\w+)\}/g)].map((match) => match[1]);
      for (const name of used) if (!names.includes(name ?? '')) ctx.addIssue({ code: 'custom', message: `unknown placeholder {${name}}` });
      for (const name of names) if (!used.includes(name)) ctx.addIssue({ code: 'custom', message: `needs {${name}}` });
    });
}

/** The words for opening hours on the cards: data/hours.yaml. */
export const hoursWordsSchema = z
  .object({
    open: template('until'),
    closed: template('next'),
    closedNoNext: template(),
    /** Under a heading that already says the lines are closed: only when it opens (the heading must not be repeated). */
    opens: template('next'),
    always: template(),
    time: template('h', 'mm'),
    endOfDay: template(),
    nextDay: template('time'),
    today: template('time'),
    tomorrow: template('time'),
    thisWeek: template('weekday', 'time'),
    later: template('month', 'day', 'time'),
    weekdays: z.array(z.string().min(1).max(10)).length(7),
    webForm: template(),
    webFormReplies: template('replies'),
    /** Under a result whose first window's phones are all closed now. */
    firstClosed: template('name'),
    openNowList: template('list'),
    openNowPhone: template('name', 'status'),
    openNowWebForm: template('name'),
    listSeparator: z.string().min(1).max(5),
    crisis: z
      .object({ openNow: template(), closedNow: template(), other: template() })
      .strict(),
  })
  .strict();

export type HoursWords = z.infer<typeof hoursWordsSchema>;
