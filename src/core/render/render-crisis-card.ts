import type { messagingApi } from '@line/bot-sdk';
import type { Phone } from '../agencies/phone';
import type { Crisis, CrisisLine } from '../crisis/crisis';
import type { HoursAt, LineStatus } from '../hours/read-hours-at';
import type { Locale } from '../locale/locale';
import type { CardTexts } from './card-texts';
import { callButton, COLORS, languageNote, linkButton, nameLines, statusText, text, vbox } from './flex-parts';

interface LineNow {
  readonly line: CrisisLine;
  readonly phones: readonly { readonly phone: Phone; readonly status: LineStatus }[];
}

/** The crisis card's three groups, each in data order: 110/119 come first because they are first and always open. */
interface CrisisLinesNow {
  /** A phone answers now. */
  readonly openNow: readonly LineNow[];
  /** Its phones are closed now. */
  readonly closedNow: readonly LineNow[];
  /** Hours unknown or varying, or no phone (a portal to chat and SNS services). */
  readonly other: readonly LineNow[];
}

function groupLines(crisis: Crisis, hours: HoursAt): CrisisLinesNow {
  const lines = crisis.lines.map((line) => ({ line, phones: line.phones.map((phone) => ({ phone, status: hours.status(phone.schedule) })) }));
  const open = (l: LineNow) => l.phones.some(({ status }) => status.isOpen);
  const closed = (l: LineNow) => !open(l) && l.phones.some(({ status }) => status.openness.state === 'closed');
  return {
    openNow: lines.filter(open),
    closedNow: lines.filter(closed),
    other: lines.filter((l) => !open(l) && !closed(l)),
  };
}

/**
 * The crisis card at `hours.instant`: under 「いま話せる窓口」 only the lines that answer now, then 「時間外の窓口」
 * with when each opens (「次は 明日 16:00」: the heading already says they are closed), then the rest. Every line
 * keeps its call button; a paid line says so under it.
 */
export function renderCrisisCard(crisis: Crisis, hours: HoursAt, style: CrisisCardStyle): messagingApi.FlexBubble {
  const groups = groupLines(crisis, hours);
  const { openNow, closedNow, other } = hours.words.crisis;
  const body = [
    ...renderGroup(groups.openNow, style),
    ...renderGroup(groups.closedNow, style, closedNow, 'opening'),
    ...renderGroup(groups.other, style, other),
  ];
  return {
    type: 'bubble',
    size: 'mega',
    header: vbox([text(openNow, { weight: 'bold', size: 'lg', color: COLORS.danger })]),
    body: vbox(body.map((c, i) => (i === 0 ? { ...c, margin: 'none' } : c)), { spacing: 'sm' }),
  };
}

/** The locale's card texts, and the locale (language notes are for English readers). */
export interface CrisisCardStyle {
  readonly texts: CardTexts;
  readonly locale: Locale;
}

/** Which words of a line's status its badge shows: all of them, or only when it opens (under a 「closed」 heading). */
type Badge = 'text' | 'opening';

function renderGroup(
  lines: readonly LineNow[],
  { texts: words, locale }: CrisisCardStyle,
  heading?: string,
  badge: Badge = 'text',
): messagingApi.FlexComponent[] {
  if (lines.length === 0) return [];
  return [
    ...(heading
      ? [{ type: 'separator', margin: 'xl' } satisfies messagingApi.FlexSeparator, text(heading, { weight: 'bold', color: COLORS.muted, margin: 'lg' })]
      : []),
    ...lines.flatMap(({ line, phones }, index): messagingApi.FlexComponent[] => [
      ...(index > 0 ? [{ type: 'separator', margin: 'md' } satisfies messagingApi.FlexSeparator] : []),
      ...nameLines(line.name, line.nameNote, { weight: 'bold', margin: 'md' }),
      // The call buttons right under the name, so the first ones are on the first screen; what the line is after.
      ...phones.flatMap(({ phone, status }) => [
        callButton(words, phone, line.url, status.isOpen),
        ...statusText({ ...status, text: status[badge] }),
        ...describePhone(phone, words).map((said) => text(said, { size: 'xs', color: COLORS.muted })),
      ]),
      text(line.note, { size: 'xs', color: COLORS.muted }),
      ...languageNote(words, locale, line.languages),
      ...(line.url ? [linkButton(words.openSite, line.url)] : []),
    ]),
  ];
}

/** The cost of a paid line and the printed hours, when there are any. */
function describePhone(phone: Phone, words: CardTexts): string[] {
  const said = [...(phone.cost === 'free' ? [] : [words.costs[phone.cost]]), ...(phone.hours ? [phone.hours] : [])].join(words.separator);
  return said ? [said] : [];
}

/** The same card in words, for notifications and clients that cannot show Flex: open lines first, then the others. */
export function describeCrisisLines(crisis: Crisis, hours: HoursAt): string {
  const groups = groupLines(crisis, hours);
  const { openNow, closedNow, other } = hours.words.crisis;
  const sections: [string, readonly LineNow[], Badge][] = [
    [openNow, groups.openNow, 'text'],
    [closedNow, groups.closedNow, 'opening'],
    [other, groups.other, 'text'],
  ];
  return sections
    .filter(([, lines]) => lines.length > 0)
    .map(([heading, lines, badge]) => `${heading}: ${lines.map((line) => describeLine(line, badge)).join(' / ')}`)
    .join('\n');
}

function describeLine({ line, phones }: LineNow, badge: Badge): string {
  const said = (status: LineStatus) => (status.isOpen ? undefined : status[badge]);
  return [line.name, ...phones.map(({ phone, status }) => [phone.display, said(status)].filter(Boolean).join(' '))].join(' ');
}
