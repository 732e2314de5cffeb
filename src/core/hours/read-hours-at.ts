import { describedUntil, describeOpening, describeOpenness } from './describe-openness';
import type { HoursWords } from './hours-words';
import { openness, type Openness } from './openness';
import type { Schedule } from './schedule';

/** A phone's state at the instant and the words for it (undefined when unknown: show the hours text). */
export interface PhoneStatus {
  readonly openness: Openness;
  readonly text: string | undefined;
  /** Only when it opens next (「次は 明日 16:00」), for a closed line under a heading that says it is closed. */
  readonly opening: string | undefined;
  /** Open now, or round the clock: worth calling at this moment. */
  readonly isOpen: boolean;
}

/**
 * Reads phones' hours at one instant for one render, and remembers until when everything it read stays worded the
 * same, so rendered cards can be reused exactly as long as they stay true.
 */
export interface HoursAt {
  readonly instant: number;
  readonly words: HoursWords;
  status(schedule: Schedule | undefined): PhoneStatus;
  /** Whether any status was read: a card that read none is the same at any instant. */
  readonly readAny: boolean;
  /** The first instant at which a status read so far may read differently. */
  readonly sameUntil: number;
}

export function readHoursAt(words: HoursWords, instant: number): HoursAt {
  let readAny = false;
  let sameUntil = Number.POSITIVE_INFINITY;
  return {
    instant,
    words,
    status(schedule) {
      const state = openness(schedule, instant);
      readAny = true;
      sameUntil = Math.min(sameUntil, describedUntil(state, instant));
      return {
        openness: state,
        text: describeOpenness(state, words, instant),
        opening: describeOpening(state, words, instant),
        isOpen: state.state === 'open' || state.state === 'always',
      };
    },
    get readAny() {
      return readAny;
    },
    get sameUntil() {
      return sameUntil;
    },
  };
}
