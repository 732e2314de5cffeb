import { loadContent } from '../../src/adapters/content/load-content';
import type { Phone } from '../../src/core/agencies/phone';
import { describeOpenness } from '../../src/core/hours/describe-openness';
import { describeStaleHolidayData } from '../../src/core/hours/japan-holidays';
import { openness } from '../../src/core/hours/openness';
import { ROOT } from '../helpers/test-bot';

/**
 * What each line's card says at fixed instants, from the real data/ files. Instants carry their +09:00 offset, so
 * the answers must not depend on the TZ this runs under (test/hours/time-zones.test.ts runs it under three).
 */
const content = loadContent(ROOT);

function phone(owner: string, label: string): Phone {
  const phones = [...content.agencies.values(), ...content.crisis.hotlines].find((item) => item.id === owner)?.phones ?? [];
  const found = phones.find((p) => p.label === label);
  if (!found) throw new Error(`no phone ${label} on ${owner}`);
  return found;
}

const lines = {
  jinken: phone('jinken', 'みんなの人権110番'),
  kodomo: phone('jinken', 'こどもの人権110番'),
  houterasu: phone('houterasu', 'サポートダイヤル'),
  inochi: phone('inochi', 'いのちの電話'),
  yorisoi: phone('yorisoi', 'よりそいホットライン'),
  police: phone('emergency', '110番'),
  kokoro: phone('kokoro_dial', '統一ダイヤル'),
};

const cases: [string, keyof typeof lines, string, string | undefined][] = [
  // Weekdays 8:30–17:15, closed on public holidays and 12/29–1/3.
  ['weekday inside hours', 'jinken', '2027-01-12T10:00+09:00', '● 受付中（17:15まで）'],
  ['weekday, the minute it opens', 'jinken', '2027-01-12T08:30+09:00', '● 受付中（17:15まで）'],
  ['weekday, the minute before it opens', 'jinken', '2027-01-12T08:29+09:00', '受付時間外・次は 本日 8:30'],
  ['weekday, the last minute', 'jinken', '2027-01-12T17:14+09:00', '● 受付中（17:15まで）'],
  ['weekday, the minute it closes', 'jinken', '2027-01-12T17:15+09:00', '受付時間外・次は 明日 8:30'],
  ['Friday evening', 'jinken', '2027-01-15T20:00+09:00', '受付時間外・次は 月曜 8:30'],
  ['Saturday', 'jinken', '2027-01-16T11:00+09:00', '受付時間外・次は 月曜 8:30'],
  ['Sunday night', 'kodomo', '2027-01-17T23:00+09:00', '受付時間外・次は 明日 8:30'],
  ['a public holiday (成人の日)', 'jinken', '2027-01-11T10:00+09:00', '受付時間外・次は 明日 8:30'],
  ['the Sunday before a holiday Monday', 'jinken', '2027-01-10T22:30+09:00', '受付時間外・次は 火曜 8:30'],
  ['a substitute holiday (春分の日 振替休日)', 'jinken', '2027-03-22T10:00+09:00', '受付時間外・次は 明日 8:30'],
  ["a citizens' holiday (国民の休日)", 'jinken', '2026-09-22T10:00+09:00', '受付時間外・次は 木曜 8:30'],
  ['12/31 in the New Year break', 'jinken', '2027-12-31T10:00+09:00', '受付時間外・次は 1月4日 8:30'],
  ['1/3 in the New Year break', 'jinken', '2028-01-03T10:00+09:00', '受付時間外・次は 明日 8:30'],
  ['the last working day before the break, after hours', 'jinken', '2027-12-28T18:00+09:00', '受付時間外・次は 1月4日 8:30'],
  ['12/28, before the break', 'jinken', '2027-12-28T10:00+09:00', '● 受付中（17:15まで）'],
  // 法テラス: weekdays 9–21, Saturdays 9–17; its New Year break has no published dates, so those days are unknown.
  ['法テラス on a Saturday', 'houterasu', '2027-01-16T16:59+09:00', '● 受付中（17:00まで）'],
  ['法テラス on Saturday evening', 'houterasu', '2027-01-16T17:00+09:00', '受付時間外・次は 月曜 9:00'],
  ['法テラス on 12/31', 'houterasu', '2027-12-31T10:00+09:00', undefined],
  ['法テラス on 1/3', 'houterasu', '2028-01-03T10:00+09:00', undefined],
  ['法テラス the evening before the break', 'houterasu', '2027-12-27T22:00+09:00', '受付時間外'],
  ['法テラス after the break', 'houterasu', '2028-01-05T20:00+09:00', '● 受付中（21:00まで）'],
  // いのちの電話: daily 16–21, and the 10th from 8:00 to 8:00 the next day.
  ['いのちの電話 on the 10th before 8:00', 'inochi', '2027-03-10T03:00+09:00', '受付時間外・次は 本日 8:00'],
  ['いのちの電話 on the 10th at 9:00', 'inochi', '2027-03-10T09:00+09:00', '● 受付中（翌8:00まで）'],
  ['いのちの電話 on the 10th at 23:00', 'inochi', '2027-03-10T23:00+09:00', '● 受付中（翌8:00まで）'],
  ['いのちの電話 on the 11th at 7:59', 'inochi', '2027-03-11T07:59+09:00', '● 受付中（8:00まで）'],
  ['いのちの電話 on the 11th at 8:00', 'inochi', '2027-03-11T08:00+09:00', '受付時間外・次は 本日 16:00'],
  ['いのちの電話 on a holiday evening', 'inochi', '2027-01-11T16:00+09:00', '● 受付中（21:00まで）'],
  ['いのちの電話 late at night', 'inochi', '2027-01-11T21:00+09:00', '受付時間外・次は 明日 16:00'],
  // ...and around the clock through the suicide prevention week its source announced (2025-09-10 8:00 → 09-17 8:00).
  ['いのちの電話 the night before its 24-hour week', 'inochi', '2025-09-09T23:00+09:00', '受付時間外・次は 明日 8:00'],
  ['いのちの電話 at night in its 24-hour week', 'inochi', '2025-09-13T03:00+09:00', '● 受付中（9月17日 8:00まで）'],
  ['いのちの電話 the minute its 24-hour week ends', 'inochi', '2025-09-17T08:00+09:00', '受付時間外・次は 本日 16:00'],
  // 24 hours, and hours that vary by prefecture.
  ['110 at any time', 'police', '2027-01-01T03:00+09:00', '24時間'],
  ['よりそい on a holiday night', 'yorisoi', '2027-01-11T22:30+09:00', '24時間'],
  ['a line whose hours vary', 'kokoro', '2027-01-12T10:00+09:00', undefined],
];

it.each(cases)('%s (%s at %s): %s', (_name, line, at, expected) => {
  const instant = Date.parse(at);
  expect(describeOpenness(openness(lines[line].schedule, instant), content.hours, instant)).toBe(expected);
});

it('gives the instant it closes and the instant it opens next', () => {
  const schedule = lines.jinken.schedule;
  expect(openness(schedule, Date.parse('2027-01-12T10:00+09:00'))).toEqual({ state: 'open', until: Date.parse('2027-01-12T17:15+09:00') });
  expect(openness(schedule, Date.parse('2027-01-08T18:00+09:00'))).toEqual({ state: 'closed', opensAt: Date.parse('2027-01-12T08:30+09:00') });
});

describe('a warning when the holiday data runs out', () => {
  it.each([
    ['2027-01-11T10:00+09:00', false],
    ['2050-12-31T23:59+09:00', false],
    ['2051-01-01T00:00+09:00', true], // still 2050 in UTC: the year is Japan's
  ])('at %s: %s', (at, warns) => {
    const warning = describeStaleHolidayData(Date.parse(at));
    if (warns) expect(warning).toContain('up to 2050 only (it is 2051)');
    else expect(warning).toBeUndefined();
  });
});
