import { assertNever } from '../errors';
import { fillTemplate } from '../fill-template';
import type { HoursWords } from './hours-words';
import { fromDayNumber, japanInstant, japanMinutes, toJapanDate } from './japan-time';
import type { Openness } from './openness';

/**
 * The status line a person reads: 「● 受付中（17:15まで）」, 「受付時間外・次は 月曜 8:30」, 「24時間」; undefined when
 * the hours are unknown (the card then shows the hours as text). Relative words (本日, 明日, 月曜) are counted from
 * `instant` in Japan time.
 */
export function describeOpenness(openness: Openness, words: HoursWords, instant: number): string | undefined {
  switch (openness.state) {
    case 'open':
      return fillTemplate(words.open, { until: describeUntil(openness.until, words, instant) });
    case 'closed':
      return openness.opensAt === undefined
        ? words.closedNoNext
        : fillTemplate(words.closed, { next: describeNext(openness.opensAt, words, instant) });
    case 'always':
      return words.always;
    case 'unknown':
      return undefined;
    default:
      return assertNever(openness);
  }
}

/**
 * When a closed line opens next, without saying it is closed: 「次は 明日 16:00」, for a line listed under a heading
 * that already says so (the crisis card's 「時間外の窓口」). Undefined for a line that is not closed or has no next opening.
 */
export function describeOpening(openness: Openness, words: HoursWords, instant: number): string | undefined {
  return openness.state === 'closed' && openness.opensAt !== undefined
    ? fillTemplate(words.opens, { next: describeNext(openness.opensAt, words, instant) })
    : undefined;
}

/** The instant after which the words for `openness` at `instant` may read differently: a change of state or of day. */
export function describedUntil(openness: Openness, instant: number): number {
  const midnight = nextMidnight(instant);
  switch (openness.state) {
    case 'open':
      return Math.min(openness.until, midnight);
    case 'closed':
      return Math.min(openness.opensAt ?? midnight, midnight);
    case 'always':
      return Number.POSITIVE_INFINITY;
    case 'unknown':
      // Days without published hours (a New Year break without dates) end; a missing schedule does not change.
      return midnight;
    default:
      return assertNever(openness);
  }
}

/**
 * A weekday name reads well up to a long weekend ahead (Friday evening → 月曜); further, over a New Year break or
 * Golden Week, a date is clearer (1月4日).
 */
const WEEKDAY_NAME_MAX_DAYS = 3;

function describeUntil(until: number, words: HoursWords, instant: number): string {
  const days = toJapanDate(until).dayNumber - toJapanDate(instant).dayNumber;
  if (days === 0) return describeTime(until, words);
  if (days === 1 && japanMinutes(until) === 0) return words.endOfDay;
  if (days === 1) return fillTemplate(words.nextDay, { time: describeTime(until, words) });
  return describeDate(until, words);
}

function describeNext(opensAt: number, words: HoursWords, instant: number): string {
  const days = toJapanDate(opensAt).dayNumber - toJapanDate(instant).dayNumber;
  const time = describeTime(opensAt, words);
  if (days === 0) return fillTemplate(words.today, { time });
  if (days === 1) return fillTemplate(words.tomorrow, { time });
  if (days <= WEEKDAY_NAME_MAX_DAYS) return fillTemplate(words.thisWeek, { weekday: words.weekdays[toJapanDate(opensAt).weekday] ?? '', time });
  return describeDate(opensAt, words);
}

function describeDate(at: number, words: HoursWords): string {
  const date = toJapanDate(at);
  return fillTemplate(words.later, { month: date.month, day: date.day, time: describeTime(at, words) });
}

function describeTime(at: number, words: HoursWords): string {
  const minutes = japanMinutes(at);
  return fillTemplate(words.time, { h: Math.floor(minutes / 60), mm: String(minutes % 60).padStart(2, '0') });
}

function nextMidnight(instant: number): number {
  return japanInstant(fromDayNumber(toJapanDate(instant).dayNumber + 1), 0);
}
