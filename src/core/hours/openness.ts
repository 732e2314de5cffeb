import { isJapanHoliday } from './japan-holidays';
import { fromDayNumber, japanInstant, toJapanDate, type JapanDate } from './japan-time';
import { DAY_NAMES, spanMinutes, type MonthDay, type Schedule, type WeeklySchedule } from './schedule';

/**
 * Whether a line answers at an instant. `closed` without `opensAt` means the next opening falls on days whose hours
 * the source does not give (a New Year break without dates).
 */
export type Openness =
  | { readonly state: 'open'; readonly until: number }
  | { readonly state: 'closed'; readonly opensAt?: number | undefined }
  | { readonly state: 'always' }
  | { readonly state: 'unknown' };

/** Far enough ahead to pass any break or run of holidays. */
const SEARCH_DAYS = 400;
/** Back-to-back hours are joined into one "open until" at most this many days ahead. */
const JOIN_DAYS = 31;

interface Span {
  readonly start: number;
  readonly end: number;
}

/**
 * Is the line open at `instant` (ms since the epoch), in Japan time whatever the server's TZ? Pure: the caller
 * reads the clock. No schedule means the hours are unknown or vary, and we never claim open or closed.
 */
export function openness(schedule: Schedule | undefined, instant: number): Openness {
  if (!schedule) return { state: 'unknown' };
  if (schedule.kind === 'always') return { state: 'always' };
  const today = toJapanDate(instant);
  const yesterday = spansOn(schedule, fromDayNumber(today.dayNumber - 1)) ?? [];
  const todays = spansOn(schedule, today);
  const current = [...yesterday, ...(todays ?? [])].find((span) => span.start <= instant && instant < span.end);
  if (current) return { state: 'open', until: joinedEnd(schedule, current.end) };
  if (!todays) return { state: 'unknown' };
  return { state: 'closed', opensAt: nextOpening(schedule, instant, today) };
}

function nextOpening(schedule: WeeklySchedule, instant: number, today: JapanDate): number | undefined {
  for (let offset = 0; offset < SEARCH_DAYS; offset += 1) {
    const spans = spansOn(schedule, fromDayNumber(today.dayNumber + offset));
    if (!spans) return undefined;
    const next = spans.find((span) => span.start > instant);
    if (next) return next.start;
  }
  return undefined;
}

/** Follows hours that start the moment the previous ones end (the 10th's 8:00→8:00 after a night shift, say). */
function joinedEnd(schedule: WeeklySchedule, end: number): number {
  const limit = end + JOIN_DAYS * 24 * 60 * 60_000;
  let until = end;
  for (;;) {
    const day = toJapanDate(until);
    const around = [...(spansOn(schedule, fromDayNumber(day.dayNumber - 1)) ?? []), ...(spansOn(schedule, day) ?? [])];
    const next = around.find((span) => span.start <= until && span.end > until);
    if (!next || next.end > limit) return until;
    until = next.end;
  }
}

/** The hours that start on a day, in order; undefined when the source gives no hours for that day. */
function spansOn(schedule: WeeklySchedule, date: JapanDate): Span[] | undefined {
  const { newYearBreak } = schedule;
  if (newYearBreak && isWithin(date, newYearBreak.from, newYearBreak.to)) return newYearBreak.exact ? [] : undefined;
  if (schedule.closedOnHolidays && isJapanHoliday(date)) return [];
  const day = DAY_NAMES[date.weekday];
  return [
    ...schedule.weekly.filter((hours) => day !== undefined && hours.days.includes(day)),
    ...schedule.monthly.filter((hours) => hours.dayOfMonth === date.day),
  ]
    .map((hours) => {
      const start = japanInstant(date, hours.open);
      return { start, end: start + spanMinutes(hours) * 60_000 };
    })
    .sort((a, b) => a.start - b.start);
}

/** Inclusive, and across the turn of the year when `from` is later than `to`. */
function isWithin(date: JapanDate, from: MonthDay, to: MonthDay): boolean {
  const at = date.month * 100 + date.day;
  const start = from.month * 100 + from.day;
  const end = to.month * 100 + to.day;
  return start <= end ? at >= start && at <= end : at >= start || at <= end;
}
