import holidayJp from '@holiday-jp/holiday_jp';
import { toIsoDate, toJapanDate, type JapanDate } from './japan-time';

/*
 * Japan's public holidays, substitute and citizens' holidays included, from @holiday-jp/holiday_jp. Its own
 * isHoliday(Date) formats with local-time getters (wrong day on a server outside Japan) and scans every key per
 * call, so we look the Japan date up as "YYYY-MM-DD" in a set built once.
 */
const HOLIDAYS: ReadonlySet<string> = new Set(Object.keys(holidayJp.holidays));

/** The last year the package has data for: after it, every day looks like a working day. */
export const HOLIDAY_DATA_LAST_YEAR = Math.max(...[...HOLIDAYS].map((date) => Number(date.slice(0, 4))));

export function isJapanHoliday(date: JapanDate): boolean {
  return HOLIDAYS.has(toIsoDate(date));
}

/**
 * For the operator at start-up: past the package's last year every holiday reads as a working day, so cards would
 * show windows open on holidays. Undefined while the data covers the year.
 */
export function describeStaleHolidayData(instant: number): string | undefined {
  const { year } = toJapanDate(instant);
  return year > HOLIDAY_DATA_LAST_YEAR
    ? `@holiday-jp/holiday_jp has public holidays up to ${HOLIDAY_DATA_LAST_YEAR} only (it is ${year}): update it, or cards will show windows open on holidays`
    : undefined;
}
