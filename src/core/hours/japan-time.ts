/**
 * Calendar arithmetic in Japan time. Japan has kept UTC+9 without daylight saving since 1951, so a fixed offset is
 * exact, and reading the shifted instant with UTC getters never depends on the server's TZ.
 */
const JST_OFFSET_MS = 9 * 60 * 60_000;
const DAY_MS = 24 * 60 * 60_000;

/** A day on the calendar in Japan. `weekday` is 0 for Sunday, as Date counts. */
export interface JapanDate {
  readonly year: number;
  readonly month: number;
  readonly day: number;
  readonly weekday: number;
  /** Days since 1970-01-01 in Japan: consecutive days differ by one. */
  readonly dayNumber: number;
}

export function toJapanDate(instant: number): JapanDate {
  return fromDayNumber(Math.floor((instant + JST_OFFSET_MS) / DAY_MS));
}

export function fromDayNumber(dayNumber: number): JapanDate {
  const utc = new Date(dayNumber * DAY_MS);
  return {
    year: utc.getUTCFullYear(),
    month: utc.getUTCMonth() + 1,
    day: utc.getUTCDate(),
    weekday: utc.getUTCDay(),
    dayNumber,
  };
}

/** The instant of `minutes` past midnight (Japan time) on that day; minutes may run past 24:00. */
export function japanInstant(date: JapanDate, minutes: number): number {
  return date.dayNumber * DAY_MS - JST_OFFSET_MS + minutes * 60_000;
}

/** Minutes past midnight in Japan. */
export function japanMinutes(instant: number): number {
  return Math.floor((instant + JST_OFFSET_MS - toJapanDate(instant).dayNumber * DAY_MS) / 60_000);
}

/** "2027-01-11": the form the holiday table and people use. */
export function toIsoDate(date: JapanDate): string {
  return `${date.year}-${String(date.month).padStart(2, '0')}-${String(date.day).padStart(2, '0')}`;
}
