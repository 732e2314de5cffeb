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

/** An opening time: "24:00" would open at the end of the day, which is the next day's "00:00". */
const openingTimeSchema = timeSchema.refine(
  (minutes) => minutes < MINUTES_PER_DAY,
  '24:00 is not an opening time: hours that start at midnight open at "00:00" (of the next day)',
);

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
const hoursFields = { open: openingTimeSchema, close: timeSchema };

const weeklyHoursSchema = z
  .object({
    days: z
      .array(z.enum(DAY_NAMES, { error: (issue) => `unknown day ${JSON.stringify(issue.input)} (use ${DAY_NAMES.join(', ')})` }))
      .min(1),
    ...hoursFields,
  })
  .strict();

/** Which weekday of the month: 1 to 5 ("the second Tuesday" is 2), or the last one. */
export type Nth = number | 'last';

/**
 * Hours on one day of every month: a date (`dayOfMonth: 10`, or `last` for the last day), or a weekday by its place
 * in the month (`nth: 2, weekday: tue`). On a public holiday of a schedule closed on holidays they still apply, unless
 * `publicHolidays: closed` says the source closes them too.
 */
const monthlyHoursSchema = z
  .object({
    dayOfMonth: z.union([z.int().min(1).max(31), z.literal('last')], { error: 'a day of the month (1 to 31) or last' }).optional(),
    nth: z.union([z.int().min(1).max(5), z.literal('last')], { error: 'which one in the month: 1 to 5 or last' }).optional(),
    weekday: z.enum(DAY_NAMES, { error: (issue) => `unknown day ${JSON.stringify(issue.input)} (use ${DAY_NAMES.join(', ')})` }).optional(),
    publicHolidays: z.literal('closed').optional(),
    ...hoursFields,
  })
  .strict()
  // An entry that names no day stops here (continue: false), so the schedule's checks never see it half-parsed.
  .superRefine((hours, ctx) => {
    const byWeekday = hours.nth !== undefined || hours.weekday !== undefined;
    if (hours.dayOfMonth !== undefined && byWeekday) {
      ctx.addIssue({ code: 'custom', continue: false, path: ['dayOfMonth'], message: 'either dayOfMonth, or nth with weekday, not both' });
    } else if (hours.dayOfMonth === undefined && !byWeekday) {
      ctx.addIssue({ code: 'custom', continue: false, path: ['dayOfMonth'], message: 'dayOfMonth (1 to 31 or last), or nth with weekday' });
    } else if (byWeekday && (hours.nth === undefined || hours.weekday === undefined)) {
      ctx.addIssue({ code: 'custom', continue: false, path: [hours.nth === undefined ? 'nth' : 'weekday'], message: 'nth and weekday go together (nth: 2, weekday: tue)' });
    }
  })
  .transform(({ dayOfMonth, nth, weekday, publicHolidays, open, close }): MonthlyHours => ({
    day: dayOfMonth !== undefined ? { kind: 'date', day: dayOfMonth } : { kind: 'weekday', nth: nth ?? 1, weekday: weekday ?? 'sun' },
    closedOnHolidays: publicHolidays === 'closed',
    open,
    close,
  }));

/** "2025-09-10T08:00": a minute in Japan time, with its date. */
const japanMinuteSchema = z
  .string({ error: 'a date and time in quotes, like "2025-09-10T08:00" (Japan time)' })
  .regex(/^\d{4}-\d{2}-\d{2}T([01]\d|2[0-3]):[0-5]\d$/, 'a date and time like "2025-09-10T08:00" (Japan time)')
  .transform((text, ctx) => {
    const instant = Date.parse(`${text}:00+09:00`);
    // Date.parse rolls 02-30 over to 03-02; reading the date back catches it.
    if (Number.isNaN(instant) || new Date(instant + 9 * 3_600_000).toISOString().slice(0, 16) !== text) {
      ctx.addIssue({ code: 'custom', message: `no such date: ${text}` });
      return z.NEVER;
    }
    return instant;
  });

/**
 * Open around the clock from `from` to `to` (Japan time), whatever the other rules say: いのちの電話's free line runs
 * 24 hours through the suicide prevention week. Each with the page that announces it.
 */
const specialPeriodSchema = z
  .object({
    from: japanMinuteSchema,
    to: japanMinuteSchema,
    source: z.url({ protocol: /^https$/, error: 'a public https URL' }),
    verifiedAt: z.iso.date(),
  })
  .strict()
  .refine((period) => period.to > period.from, { path: ['to'], message: 'must be after from' });

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
    /** Dated periods open 24 hours, beside the weekly and monthly rules. */
    special: z.array(specialPeriodSchema).default([]),
    /**
     * The source says the special periods come back every year: the check at start-up warns once none is ahead, so
     * the operator adds the next one when it is announced.
     */
    specialRepeatsYearly: z.literal(true).optional(),
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
    if (schedule.specialRepeatsYearly && schedule.special.length === 0) {
      ctx.addIssue({ code: 'custom', path: ['specialRepeatsYearly'], message: 'needs at least one special period (the last one announced)' });
    }
    if (schedule.always) {
      if (hasHours || schedule.publicHolidays || schedule.newYearBreak || schedule.special.length > 0) {
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
  .transform(({ always, weekly, monthly, special, specialRepeatsYearly, publicHolidays, newYearBreak, source, verifiedAt }): Schedule =>
    always
      ? { kind: 'always', source, verifiedAt }
      : {
          kind: 'weekly',
          weekly,
          monthly,
          special: [...special].sort((a, b) => a.from - b.from),
          specialRepeatsYearly: specialRepeatsYearly ?? false,
          closedOnHolidays: publicHolidays === 'closed',
          newYearBreak,
          source,
          verifiedAt,
        },
  );

interface HoursSpan {
  readonly open: number;
  readonly close: number;
}

/** Which day of a month: a date (or the last day), or the nth weekday (or the last one). */
export type MonthDayRule =
  | { readonly kind: 'date'; readonly day: number | 'last' }
  | { readonly kind: 'weekday'; readonly nth: Nth; readonly weekday: DayName };

export interface MonthlyHours extends HoursSpan {
  readonly day: MonthDayRule;
  /** Closed on a public holiday too (only where the source says so). */
  readonly closedOnHolidays: boolean;
}

/** Open 24 hours from `from` to `to` (instants). */
export interface SpecialPeriod {
  readonly from: number;
  readonly to: number;
  readonly source: string;
  readonly verifiedAt: string;
}

export interface WeeklySchedule {
  readonly kind: 'weekly';
  readonly weekly: readonly (HoursSpan & { readonly days: readonly DayName[] })[];
  readonly monthly: readonly MonthlyHours[];
  /** In order of `from`. */
  readonly special: readonly SpecialPeriod[];
  readonly specialRepeatsYearly: boolean;
  /** Weekly hours stop on public holidays; monthly hours only where they say so. */
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

function findMonthlyOverlaps(monthly: readonly MonthlyHours[]): Problem[] {
  // An entry with a mistake of its own reaches this check untransformed (no `day`); its own error is reported already.
  const keyOf = ({ day }: Partial<MonthlyHours>) => day && (day.kind === 'date' ? `day ${day.day}` : `${day.nth} ${day.weekday}`);
  return monthly.flatMap((hours, index) => {
    const key = keyOf(hours);
    return key !== undefined && monthly.findIndex((other) => keyOf(other) === key) < index
      ? [{ path: ['monthly', index, hours.day.kind === 'date' ? 'dayOfMonth' : 'nth'], message: `${key} is listed twice` }]
      : [];
  });
}
