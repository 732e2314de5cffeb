import type { Content } from '../content';
import { japanMinutes, toIsoDate, toJapanDate } from '../hours/japan-time';
import type { Schedule } from '../hours/schedule';

/** Where each data file lives, so a fact names the file to edit. */
export interface FactFiles {
  readonly agencies: string;
  readonly crisis: string;
  readonly evidence: string;
  readonly platforms: string;
}

/** One checked fact: what it is, where it is kept, the page it comes from and the day it was read there. */
export interface Fact {
  readonly file: string;
  /** The entry in the file: `jinken.phones[0].schedule`, `lines.inochi`. */
  readonly where: string;
  /** What a person would recognise: the window's or hotline's name, the phone's label. */
  readonly what: string;
  readonly source: string;
  readonly verifiedAt: string;
}

/** A phone's schedule and where it is kept. */
export interface PhoneSchedule {
  readonly file: string;
  /** `jinken.phones[0].schedule` */
  readonly where: string;
  readonly label: string;
  readonly schedule: Schedule;
}

/** Every phone schedule of the windows and the crisis hotlines. */
export function listPhoneSchedules(content: Content, files: Pick<FactFiles, 'agencies' | 'crisis'>): PhoneSchedule[] {
  const owners = [
    ...[...content.agencies.values()].map((agency) => ({ file: files.agencies, owner: agency.id, phones: agency.phones })),
    ...content.crisis.hotlines.map((hotline) => ({ file: files.crisis, owner: `lines.${hotline.id}`, phones: hotline.phones })),
  ];
  return owners.flatMap(({ file, owner, phones }) =>
    phones.flatMap((phone, index) =>
      phone.schedule ? [{ file, where: `${owner}.phones[${index}].schedule`, label: phone.label, schedule: phone.schedule }] : [],
    ),
  );
}

/**
 * Every dated fact of the data files: each window and crisis hotline (name, numbers, what it does), each phone's hours
 * and their special periods, web forms, the evidence card and the services' report pages. Oldest first, so the
 * operator re-checks from the top.
 */
export function listFacts(content: Content, files: FactFiles): Fact[] {
  const facts: Fact[] = [];
  for (const agency of content.agencies.values()) {
    facts.push({ file: files.agencies, where: agency.id, what: agency.name, source: agency.source, verifiedAt: agency.verifiedAt });
    if (agency.webForm) {
      const { source, verifiedAt } = agency.webForm;
      facts.push({ file: files.agencies, where: `${agency.id}.webForm`, what: `${agency.name}: web form`, source, verifiedAt });
    }
  }
  for (const hotline of content.crisis.hotlines) {
    facts.push({ file: files.crisis, where: `lines.${hotline.id}`, what: hotline.name, source: hotline.source, verifiedAt: hotline.verifiedAt });
  }
  for (const { file, where, label, schedule } of listPhoneSchedules(content, files)) {
    facts.push({ file, where, what: `${label}: hours`, source: schedule.source, verifiedAt: schedule.verifiedAt });
    if (schedule.kind !== 'weekly') continue;
    schedule.special.forEach((period, index) =>
      facts.push({
        file,
        where: `${where}.special[${index}]`,
        what: `${label}: open 24 h from ${describeInstant(period.from)} to ${describeInstant(period.to)}`,
        source: period.source,
        verifiedAt: period.verifiedAt,
      }),
    );
  }
  const { evidence } = content;
  [...evidence.steps, evidence.warning].forEach((step, index) =>
    facts.push({
      file: files.evidence,
      where: index < evidence.steps.length ? `steps[${index}]` : 'warning',
      what: step.text,
      source: step.source,
      verifiedAt: evidence.verifiedAt,
    }),
  );
  for (const service of content.platforms.services) {
    facts.push({ file: files.platforms, where: `services.${service.id}`, what: service.label, source: service.source, verifiedAt: service.verifiedAt });
  }
  return facts.sort((a, b) => a.verifiedAt.localeCompare(b.verifiedAt));
}

/** Days from the day a fact was checked to `instant`'s day in Japan. */
export function ageInDays(verifiedAt: string, instant: number): number {
  const today = toIsoDate(toJapanDate(instant));
  return Math.round((Date.parse(today) - Date.parse(verifiedAt)) / 86_400_000);
}

/** "2025-09-10 8:00" in Japan time. */
export function describeInstant(instant: number): string {
  const minutes = japanMinutes(instant);
  return `${toIsoDate(toJapanDate(instant))} ${Math.floor(minutes / 60)}:${String(minutes % 60).padStart(2, '0')}`;
}
