import { assertNever } from '../errors';
import { isJapanHoliday } from './japan-holidays';
import { fromDayNumber, japanInstant, toJapanDate, type JapanDate } from './japan-time';
import { DAY_NAMES, spanMinutes, type MonthDay, type MonthDayRule, type Schedule, type WeeklySchedule } from './schedule';

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
  const current = spansAround(schedule, instant).find((span) => span.start <= instant && instant < span.end);
  if (current) return { state: 'open', until: joinedEnd(schedule, current.end) };
  const today = toJapanDate(instant);
  if (!spansOn(schedule, today)) return { state: 'unknown' };
  return { state: 'closed', opensAt: nextOpening(schedule, instant, today) };
}

/** The hours that may cover `instant`: those that started yesterday or today, and the special periods. */
function spansAround(schedule: WeeklySchedule, instant: number): Span[] {
  const today = toJapanDate(instant);
  return [...(spansOn(schedule, fromDayNumber(today.dayNumber - 1)) ?? []), ...(spansOn(schedule, today) ?? []), ...specialSpans(schedule)];
}

function specialSpans(schedule: WeeklySchedule): Span[] {
  return schedule.special.map(({ from, to }) => ({ start: from, end: to }));
}

function nextOpening(schedule: WeeklySchedule, instant: number, today: JapanDate): number | undefined {
  // A special period may open before the regular hours, or on days whose hours are unknown.
  const special = specialSpans(schedule).find((span) => span.start > instant)?.start;
  for (let offset = 0; offset < SEARCH_DAYS; offset += 1) {
    const spans = spansOn(schedule, fromDayNumber(today.dayNumber + offset));
    // Days whose hours are unknown: nothing later can be promised.
    if (!spans) return undefined;
    const next = spans.find((span) => span.start > instant);
    if (next) return special === undefined ? next.start : Math.min(special, next.start);
    if (special !== undefined && special < japanInstant(fromDayNumber(today.dayNumber + offset + 1), 0)) return special;
  }
  return special;
}

/**
 * Follows hours that start the moment the previous ones end (the 10th's 8:00→8:00 after a night shift, or the
 * evening hours that go on after a 24-hour week), so the card says until when one can really call.
 */
function joinedEnd(schedule: WeeklySchedule, end: number): number {
  const limit = end + JOIN_DAYS * 24 * 60 * 60_000;
  let until = end;
  for (;;) {
    const next = spansAround(schedule, until).find((span) => span.start <= until && span.end > until);
    if (!next || next.end > limit) return until;
    until = next.end;
  }
}

/** The hours that start on a day, in order; undefined when the source gives no hours for that day. */
function spansOn(schedule: WeeklySchedule, date: JapanDate): Span[] | undefined {
  const { newYearBreak } = schedule;
  const closedToday = schedule.closedOnHolidays && isJapanHoliday(date);
  const day = DAY_NAMES[date.weekday];
  const spans = [
    ...(closedToday ? [] : schedule.weekly.filter((hours) => day !== undefined && hours.days.includes(day))),
    ...schedule.monthly.filter((hours) => isOnDay(hours.day, date) && !(closedToday && hours.closedOnHolidays)),
  ]
    .map((hours) => {
      const start = japanInstant(date, hours.open);
      return { start, end: start + spanMinutes(hours) * 60_000 };
    })
    .sort((a, b) => a.start - b.start);
  // A break without dates leaves a working day unknown; a holiday or a day without hours is closed all the same.
  if (newYearBreak && isWithin(date, newYearBreak.from, newYearBreak.to)) return newYearBreak.exact || spans.length === 0 ? [] : undefined;
  return spans;
}

function isOnDay(rule: MonthDayRule, date: JapanDate): boolean {
  const daysInMonth = new Date(Date.UTC(date.year, date.month, 0)).getUTCDate();
  switch (rule.kind) {
    case 'date':
      // The 31st in a 30-day month does not happen (the source would say "the last day").
      return rule.day === 'last' ? date.day === daysInMonth : date.day === rule.day;
    case 'weekday':
      if (DAY_NAMES[date.weekday] !== rule.weekday) return false;
      return rule.nth === 'last' ? date.day + 7 > daysInMonth : Math.ceil(date.day / 7) === rule.nth;
    default:
      return assertNever(rule);
  }
}

/** Inclusive, and across the turn of the year when `from` is later than `to`. */
function isWithin(date: JapanDate, from: MonthDay, to: MonthDay): boolean {
  const at = date.month * 100 + date.day;
  const start = from.month * 100 + from.day;
  const end = to.month * 100 + to.day;
  return start <= end ? at >= start && at <= end : at >= start || at <= end;
}
