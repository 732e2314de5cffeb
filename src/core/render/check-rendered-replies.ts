import { checkLineLimits, utf8Bytes } from '../check-line-limits';
import type { Content, LocalizedContent } from '../content';
import type { ReplyPart } from '../conversation/reply';
import { isJapanHoliday } from '../hours/japan-holidays';
import { fromDayNumber, japanInstant, toJapanDate, toIsoDate, type JapanDate } from '../hours/japan-time';
import { readHoursAt, type HoursAt } from '../hours/read-hours-at';
import type { Schedule } from '../hours/schedule';
import { LOCALES } from '../locale/locale';
import { createRenderer, resultCards, type RenderOptions } from './render-reply';

/** Times of day (minutes, Japan time) sampled on each day: night, early morning, office hours, evening. */
const SAMPLED_MINUTES = [30, 180, 465, 510, 570, 750, 1005, 1050, 1170, 1290, 1425];
/** On the weeks after the first, whose weekly hours the first week showed: in a monthly rule's hours or not. */
const LATER_WEEKS_MINUTES = [180, 570, 1290];
/** Days sampled from today on: five weeks. */
const MONTHLY_DAYS = 35;
/** Days searched ahead for the next holiday (any run of holidays falls within a year). */
const SEARCH_DAYS = 400;

/**
 * What LINE would refuse or a person would be misrouted by, found by rendering every reply the content can give:
 * each result (its text, crisis card, carousel and the message after it, with every chip it can carry), each
 * question, and each card, in every locale, at instants chosen to show each line in every opening state it can
 * take (open, closed, closed until a given day, unknown, round the clock, on a holiday, on the 10th, over the New
 * Year, in a special period). Windows added at render time (those that speak the reader's language) are rendered and routed too, which
 * checking the source files alone cannot do. Each problem names the locale, the reply and, for hours-dependent
 * ones, the first instant it shows at: `[en] results.delete_all at 2027-01-02T09:30+09:00: /messages/2/contents:
 * 13 bubbles (max 12)`.
 */
export function checkRenderedReplies(content: LocalizedContent, options: RenderOptions, around: number): string[] {
  const render = createRenderer(content, options);
  const instants = distinctOpeningInstants(content, around);
  // What each line shows at each instant: a result is rendered once per combination its own lines show.
  const said = instants.map((instant) => {
    const hours = readHoursAt(content.hours, instant);
    const shown = new Map<Schedule | undefined, string>();
    return (schedule: Schedule | undefined) => {
      let state = shown.get(schedule);
      if (state === undefined) shown.set(schedule, (state = describeState(hours, schedule)));
      return state;
    };
  });
  const instantsFor = (schedules: readonly (Schedule | undefined)[]) => {
    const seen = new Set<string>();
    return instants.filter((_, i) => {
      const states = schedules.map((schedule) => said[i]?.(schedule)).join('\n');
      if (seen.has(states)) return false;
      seen.add(states);
      return true;
    });
  };
  const problems = new Map<string, string>();
  const report = (where: string, instant: number | undefined, found: readonly string[]) => {
    for (const problem of found) {
      // One line per reply and kind of problem: the same carousel a few bytes heavier at another hour is no news.
      const key = `${where}: ${problem.replace(/\d+/g, '#')}`;
      if (!problems.has(key)) problems.set(key, instant === undefined ? `${where}: ${problem}` : `${where} at ${describeInstant(instant)}: ${problem}`);
    }
  };
  for (const locale of LOCALES) {
    const localized = content.byLocale.get(locale);
    if (!localized) continue;
    const { flow } = localized;
    const check = (where: string, parts: readonly ReplyPart[], instant: number) =>
      report(`[${locale}] ${where}`, instant, checkLineLimits({ messages: render(parts, instant, locale) }));
    for (const result of Object.values(flow.results)) {
      const cards = resultCards(localized, result);
      for (const card of cards) {
        const refused = result.about.filter((c) => card.agency.doesNotTake.includes(c));
        if (refused.length > 0) {
          const added = card.agency.languageLineOf ? `, shown in ${locale} beside "${card.agency.languageLineOf}"` : '';
          report(`[${locale}] results.${result.id}`, undefined, [`"${card.agency.id}" does not take ${refused.join(', ')} (doesNotTake${added})`]);
        }
      }
      // Both forms of a result's reply: after a tap, and after typed text (with the narrowing and 「ちがう」 chips).
      const forms: ReplyPart[][] = [
        [{ kind: 'result', resultId: result.id }, { kind: 'after-result', resultId: result.id, followsCards: true }],
        [
          { kind: 'result', resultId: result.id },
          { kind: 'after-result', resultId: result.id, wrongQuestionId: flow.start, narrow: true, followsCards: true },
        ],
      ];
      const schedules = [
        ...cards.flatMap((card) => card.agency.phones.map((phone) => phone.schedule)),
        ...(result.crisisHotlines ? crisisSchedules(localized) : []),
      ];
      for (const instant of instantsFor(schedules)) for (const parts of forms) check(`results.${result.id}`, parts, instant);
    }
    for (const question of Object.values(flow.questions)) {
      check(`questions.${question.id}`, [{ kind: 'question', questionId: question.id }], around);
    }
    check('questions.' + flow.start + ' (language offer)', [{ kind: 'question', questionId: flow.start, offerLocales: LOCALES }], around);
    for (const instant of instantsFor(crisisSchedules(localized))) check('crisis card', [{ kind: 'crisis-card' }], instant);
    check('evidence card', [{ kind: 'evidence-card' }], around);
    check('platforms card', [{ kind: 'platforms-card' }], around);
    check('language menu', [{ kind: 'language-menu' }], around);
  }
  return [...problems.values()];
}

/**
 * Instants from `around` on that show every line in each opening state it can take: every day of the coming five
 * weeks (each weekday, each monthly rule), the next holiday, the days around the coming New Year and around each
 * dated special period ahead, at times of day on either side of usual opening hours. Only one instant of each
 * combination of what the phones say is kept.
 */
export function distinctOpeningInstants(content: LocalizedContent, around: number): number[] {
  const today = toJapanDate(around);
  const schedules = allSchedules(content);
  const ahead = (match: (date: JapanDate) => boolean) => {
    for (let i = 0; i < SEARCH_DAYS; i += 1) {
      const date = fromDayNumber(today.dayNumber + i);
      if (match(date)) return date;
    }
    return undefined;
  };
  // Five weeks hold every weekday and every monthly rule (the 10th, the second Tuesday, the last day).
  const days: JapanDate[] = Array.from({ length: 7 }, (_, i) => fromDayNumber(today.dayNumber + i));
  const laterDays = Array.from({ length: MONTHLY_DAYS - 7 }, (_, i) => fromDayNumber(today.dayNumber + 7 + i));
  const holiday = ahead(isJapanHoliday);
  if (holiday) days.push(holiday);
  const yearEnd = ahead((date) => date.month === 12 && date.day === 28);
  if (yearEnd) for (let i = 0; i <= 8; i += 1) days.push(fromDayNumber(yearEnd.dayNumber + i));
  // Dated special periods still ahead: the day before one, its first day and its last.
  for (const schedule of schedules) {
    if (schedule?.kind !== 'weekly') continue;
    for (const period of schedule.special) {
      if (period.to <= around) continue;
      const first = toJapanDate(period.from).dayNumber;
      for (const dayNumber of [first - 1, first, toJapanDate(period.to).dayNumber]) days.push(fromDayNumber(dayNumber));
    }
  }

  const seen = new Set<string>();
  const instants: number[] = [];
  const sampled = [
    ...days.flatMap((day) => SAMPLED_MINUTES.map((minutes) => [day, minutes] as const)),
    ...laterDays.flatMap((day) => LATER_WEEKS_MINUTES.map((minutes) => [day, minutes] as const)),
  ];
  for (const [day, minutes] of sampled) {
    const instant = japanInstant(day, minutes);
    const hours = readHoursAt(content.hours, instant);
    const states = schedules.map((schedule) => describeState(hours, schedule)).join('\n');
    if (seen.has(states)) continue;
    seen.add(states);
    instants.push(instant);
  }
  return instants;
}

/**
 * A phone's state and the size of its words: what a card's counts, lengths and bytes depend on. "Open until 17:00"
 * and "open until 18:00" render alike, so they are rendered once.
 */
function describeState(hours: HoursAt, schedule: Schedule | undefined): string {
  const status = hours.status(schedule);
  return `${status.openness.state}:${utf8Bytes(status.text ?? '')}`;
}

function allSchedules(content: Content): (Schedule | undefined)[] {
  return [...[...content.agencies.values()].flatMap((agency) => agency.phones.map((phone) => phone.schedule)), ...crisisSchedules(content)];
}

function crisisSchedules(content: Content): (Schedule | undefined)[] {
  return content.crisis.hotlines.flatMap((hotline) => hotline.phones.map((phone) => phone.schedule));
}

/** "2027-01-02T09:30+09:00", as the preview's 「時刻を指定」 and `?at=` take it. */
function describeInstant(instant: number): string {
  const date = toJapanDate(instant);
  const minutes = Math.round((instant - japanInstant(date, 0)) / 60_000);
  return `${toIsoDate(date)}T${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}+09:00`;
}
