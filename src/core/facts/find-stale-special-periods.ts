import { toIsoDate, toJapanDate } from '../hours/japan-time';
import type { Content } from '../content';
import { describeInstant, listPhoneSchedules, type FactFiles } from './list-facts';

/**
 * For the operator at start-up and in `npm run validate`: schedules whose source says their special periods come
 * back every year (`specialRepeatsYearly`), but none is ahead of `instant`. The card is still right (it shows the
 * regular hours); the next special week would just go unannounced. One line each, naming the file and field.
 */
export function findStaleSpecialPeriods(content: Content, files: Pick<FactFiles, 'agencies' | 'crisis'>, instant: number): string[] {
  return listPhoneSchedules(content, files).flatMap(({ file, where, label, schedule }) => {
    if (schedule.kind !== 'weekly' || !schedule.specialRepeatsYearly || schedule.special.some((period) => period.to > instant)) return [];
    const last = schedule.special.at(-1);
    const lastText = last ? `the last one ended ${describeInstant(last.to)}` : 'none is listed';
    return [
      `${file}: ${where}.special: ${label} has no special period after ${toIsoDate(toJapanDate(instant))} though its source says they repeat every year (${lastText}): add the next one once it is announced`,
    ];
  });
}
