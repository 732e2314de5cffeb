import { loadContent } from '../../src/adapters/content/load-content';
import { describeOpenness } from '../../src/core/hours/describe-openness';
import { openness } from '../../src/core/hours/openness';
import { scheduleSchema } from '../../src/core/hours/schedule';
import { ROOT } from '../helpers/test-bot';

/**
 * The rules a schedule can state beyond weekly hours, on made-up schedules: a dated special period (open 24 hours),
 * the nth weekday of the month, the last day of the month, and monthly hours on a public holiday. Instants carry
 * +09:00, and test/hours/time-zones.test.ts runs this file again under UTC and New York.
 */
const { hours: words } = loadContent(ROOT);
const source = { source: 'https://example.org/hours', verifiedAt: '2026-12-05' };
const schedule = (fields: Record<string, unknown>) => scheduleSchema.parse({ ...fields, ...source });

const schedules = {
  // いのちの電話's shape: every day 16–21, the 10th 8:00 → 8:00, and one 24-hour week.
  specialWeek: schedule({
    weekly: [{ days: ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'], open: '16:00', close: '21:00' }],
    monthly: [{ dayOfMonth: 10, open: '08:00', close: '08:00' }],
    special: [{ from: '2027-09-10T08:00', to: '2027-09-17T08:00', ...source }],
    publicHolidays: 'open',
  }),
  // A special period over New Year days whose regular hours are not published.
  specialOverUnknownDays: schedule({
    weekly: [{ days: ['mon', 'tue', 'wed', 'thu', 'fri'], open: '09:00', close: '17:00' }],
    publicHolidays: 'closed',
    newYearBreak: { from: '12-28', to: '01-04', exact: false },
    special: [{ from: '2027-12-30T00:00', to: '2028-01-02T00:00', ...source }],
  }),
  secondTuesday: schedule({ monthly: [{ nth: 2, weekday: 'tue', open: '10:00', close: '16:00' }], publicHolidays: 'closed' }),
  lastFriday: schedule({ monthly: [{ nth: 'last', weekday: 'fri', open: '10:00', close: '16:00' }], publicHolidays: 'closed' }),
  lastDay: schedule({ monthly: [{ dayOfMonth: 'last', open: '20:00', close: '08:00' }], publicHolidays: 'open' }),
  // Closed on holidays: the weekday hours stop, the 10th's hours do not (no source says so)...
  monthlyOnHolidays: schedule({
    weekly: [{ days: ['mon', 'tue', 'wed', 'thu', 'fri'], open: '09:00', close: '17:00' }],
    monthly: [{ dayOfMonth: 10, open: '08:00', close: '08:00' }],
    publicHolidays: 'closed',
  }),
  // ...unless the source closes them too.
  monthlyClosedOnHolidays: schedule({
    weekly: [{ days: ['mon', 'tue', 'wed', 'thu', 'fri'], open: '09:00', close: '17:00' }],
    monthly: [{ dayOfMonth: 10, open: '08:00', close: '08:00', publicHolidays: 'closed' }],
    publicHolidays: 'closed',
  }),
};

const cases: [string, keyof typeof schedules, string, string | undefined][] = [
  ['the evening before the special week', 'specialWeek', '2027-09-09T23:00+09:00', '受付時間外・次は 明日 8:00'],
  ['the first minute of the special week', 'specialWeek', '2027-09-10T08:00+09:00', '● 受付中（9月17日 8:00まで）'],
  ['a night inside the special week', 'specialWeek', '2027-09-13T03:00+09:00', '● 受付中（9月17日 8:00まで）'],
  ['an evening inside the special week', 'specialWeek', '2027-09-16T20:00+09:00', '● 受付中（翌8:00まで）'],
  ['the last minute of the special week', 'specialWeek', '2027-09-17T07:59+09:00', '● 受付中（8:00まで）'],
  ['the minute the special week ends', 'specialWeek', '2027-09-17T08:00+09:00', '受付時間外・次は 本日 16:00'],
  ['a night a year later, with no special week', 'specialWeek', '2028-09-13T03:00+09:00', '受付時間外・次は 本日 16:00'],
  ['a special period on a day whose hours are unknown', 'specialOverUnknownDays', '2027-12-31T10:00+09:00', '● 受付中（1月2日 0:00まで）'],
  ['an unknown day after the special period', 'specialOverUnknownDays', '2028-01-03T10:00+09:00', undefined],
  ['the second Tuesday', 'secondTuesday', '2027-01-12T10:00+09:00', '● 受付中（16:00まで）'],
  ['the first Tuesday', 'secondTuesday', '2027-01-05T10:00+09:00', '受付時間外・次は 1月12日 10:00'],
  ['the third Tuesday, into the next month', 'secondTuesday', '2027-01-19T10:00+09:00', '受付時間外・次は 2月9日 10:00'],
  ['the last Friday of the month', 'lastFriday', '2027-01-29T10:00+09:00', '● 受付中（16:00まで）'],
  ['a Friday that is not the last', 'lastFriday', '2027-01-22T10:00+09:00', '受付時間外・次は 1月29日 10:00'],
  ['the last day of February', 'lastDay', '2027-02-28T21:00+09:00', '● 受付中（翌8:00まで）'],
  ['its night, into March', 'lastDay', '2027-03-01T07:00+09:00', '● 受付中（8:00まで）'],
  ['the 28th of a leap February', 'lastDay', '2028-02-28T21:00+09:00', '受付時間外・次は 明日 20:00'],
  ['the 29th of a leap February', 'lastDay', '2028-02-29T21:00+09:00', '● 受付中（翌8:00まで）'],
  ['the 10th on a holiday (成人の日 2028)', 'monthlyOnHolidays', '2028-01-10T12:00+09:00', '● 受付中（翌8:00まで）'],
  ['the 10th on a holiday, closed by its source', 'monthlyClosedOnHolidays', '2028-01-10T12:00+09:00', '受付時間外・次は 明日 9:00'],
  ['the 10th on a working day', 'monthlyClosedOnHolidays', '2027-02-10T12:00+09:00', '● 受付中（翌8:00まで）'],
];

it.each(cases)('%s (%s at %s): %s', (_name, name, at, expected) => {
  const instant = Date.parse(at);
  expect(describeOpenness(openness(schedules[name], instant), words, instant)).toBe(expected);
});
