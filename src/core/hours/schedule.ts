import { z } from 'zod';

/** Day names in schedules, in Date's order (0 = Sunday). */
export const DAY_NAMES = ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'] as const;
export type DayName = (typeof DAY_NAMES)[number];

const MINUTES_PER_DAY = 24 * 60;

/** "08:30" → 510. "24:00" is allowed as a closing time (the end of the day). */
const timeSchema = z
  .string({ error: 'a time in quotes, like "08:30"' })
  .regex(/^([01]\d|2[0-4]):[0-5]\d$/, 'a time like "08:30" (00:00 to 24:00)')
  .transform((time) => Number(time.slice(0, 2)) * 60 + Number(time.slice(3)))
  .refine((minutes) => minutes <= MINUTES_PER_DAY, '24:00 is the latest time');

/** "12-29" → {month: 12, day: 29}. */
const monthDaySchema = z
  .string({ error: 'a date in quotes, like "12-29"' })
  .regex(/^(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/, 'a month and day like "12-29"')
  .transform((text) => ({ month: Number(text.slice(0, 2)), day: Number(text.slice(3)) }))
  .refine(({ month, day }) => day <= new Date(Date.UTC(2024, month, 0)).getUTCDate(), 'no such day in that month');

/**
 * Opening hours: `close` at or before `open` means the next day ("16:00"–"08:00" runs overnight; "08:00"–"08:00" is
 * 24 hours from 8:00).
 */
const hoursFields = { open: timeSchema, close: timeSchema };

const weeklyHoursSchema = z
  .object({
    days: z
      .array(z.enum(DAY_NAMES, { error: (issue) => `unknown day ${JSON.stringify(issue.input)} (use ${DAY_NAMES.join(', ')})` }))
      .min(1),
    ...hoursFields,
  })
  .strict();

const monthlyHoursSchema = z.object({ dayOfMonth: z.int().min(1).max(31), ...hoursFields }).strict();

/**
 * When a phone line or window answers, checked at start-up: `always: true`, or weekly and/or monthly hours with
 * `publicHolidays`. Without a schedule the hours are unknown or vary (by prefecture, say) and the card shows the
 * hours as text, never claiming open or closed. One object rather than a union, so an error names the exact field.
 */
export const scheduleSchema = z
  .object({
    always: z.literal(true).optional(),
    weekly: z.array(weeklyHoursSchema).default([]),
    /** Extra hours on a day of every month (いのちの電話: the 10th, 8:00 to 8:00 next day). */
    monthly: z.array(monthlyHoursSchema).default([]),
    publicHolidays: z.enum(['closed', 'open']).optional(),
    /**
     * Closed all day from `from` to `to`. `exact: false` when the source says "年末年始" without dates: those days
     * are then shown as unknown rather than guessed open or closed.
     */
    newYearBreak: z.object({ from: monthDaySchema, to: monthDaySchema, exact: z.boolean().default(true) }).strict().optional(),
    source: z.url({ protocol: /^https$/, error: 'a public https URL' }),
    verifiedAt: z.iso.date(),
  })
  .strict()
  .superRefine((schedule, ctx) => {
    const hasHours = schedule.weekly.length > 0 || schedule.monthly.length > 0;
    if (schedule.always) {
      if (hasHours || schedule.publicHolidays || schedule.newYearBreak) {
        ctx.addIssue({ code: 'custom', path: ['always'], message: 'always: true takes no other hours' });
      }
      return;
    }
    if (!hasHours) ctx.addIssue({ code: 'custom', path: ['weekly'], message: 'weekly or monthly hours, or always: true' });
    if (!schedule.publicHolidays) {
      ctx.addIssue({ code: 'custom', path: ['publicHolidays'], message: 'say whether it is closed or open on public holidays' });
    }
    for (const problem of findWeeklyOverlaps(schedule.weekly)) ctx.addIssue({ code: 'custom', ...problem });
    for (const problem of findMonthlyOverlaps(schedule.monthly)) ctx.addIssue({ code: 'custom', ...problem });
  })
  .transform(({ always, weekly, monthly, publicHolidays, newYearBreak, source, verifiedAt }): Schedule =>
    always
      ? { kind: 'always', source, verifiedAt }
      : { kind: 'weekly', weekly, monthly, closedOnHolidays: publicHolidays === 'closed', newYearBreak, source, verifiedAt },
  );

interface HoursSpan {
  readonly open: number;
  readonly close: number;
}

export interface WeeklySchedule {
  readonly kind: 'weekly';
  readonly weekly: readonly (HoursSpan & { readonly days: readonly DayName[] })[];
  readonly monthly: readonly (HoursSpan & { readonly dayOfMonth: number })[];
  readonly closedOnHolidays: boolean;
  readonly newYearBreak?: { readonly from: MonthDay; readonly to: MonthDay; readonly exact: boolean } | undefined;
  readonly source: string;
  readonly verifiedAt: string;
}

export interface MonthDay {
  readonly month: number;
  readonly day: number;
}

export type Schedule = WeeklySchedule | { readonly kind: 'always'; readonly source: string; readonly verifiedAt: string };


/** Length of opening hours in minutes: close at or before open runs into the next day. */
export function spanMinutes(hours: { open: number; close: number }): number {
  return hours.close > hours.open ? hours.close - hours.open : hours.close + MINUTES_PER_DAY - hours.open;
}

interface Problem {
  readonly path: (string | number)[];
  readonly message: string;
}

/** Two weekly entries that share a minute of the week (wrapping Saturday night into Sunday) are a mistake. */
function findWeeklyOverlaps(weekly: WeeklySchedule['weekly']): Problem[] {
  const week = DAY_NAMES.length * MINUTES_PER_DAY;
  const spans = weekly.flatMap((hours, index) =>
    hours.days.map((day) => ({ index, day, start: DAY_NAMES.indexOf(day) * MINUTES_PER_DAY + hours.open, length: spanMinutes(hours) })),
  );
  const problems: Problem[] = [];
  spans.forEach((a, i) => {
    for (const b of spans.slice(i + 1)) {
      const gap = (((b.start - a.start) % week) + week) % week;
      if (gap < a.length || week - gap < b.length) {
        problems.push({
          path: ['weekly', b.index, 'days'],
          message: a.index === b.index && a.day === b.day ? `"${b.day}" is listed twice` : `${b.day} overlaps weekly[${a.index}] (${a.day})`,
        });
      }
    }
  });
  return problems;
}

function findMonthlyOverlaps(monthly: readonly { dayOfMonth: number }[]): Problem[] {
  return monthly.flatMap((hours, index) =>
    monthly.findIndex((other) => other.dayOfMonth === hours.dayOfMonth) < index
      ? [{ path: ['monthly', index, 'dayOfMonth'], message: `day ${hours.dayOfMonth} is listed twice` }]
      : [],
  );
}
