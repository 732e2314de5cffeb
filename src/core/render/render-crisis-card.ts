import type { messagingApi } from '@line/bot-sdk';
import type { Phone } from '../agencies/phone';
import type { Crisis, CrisisHotline } from '../crisis/crisis';
import type { HoursAt, PhoneStatus } from '../hours/read-hours-at';
import type { Locale } from '../locale/locale';
import type { CardTexts } from './card-texts';
import { callButton, COLORS, languageNote, linkButton, nameLines, statusText, text, vbox } from './flex-parts';

interface HotlineNow {
  readonly hotline: CrisisHotline;
  readonly phones: readonly { readonly phone: Phone; readonly status: PhoneStatus }[];
}

/** The crisis card's three groups, each in data order: 110/119 come first because they are first and always open. */
interface CrisisHotlinesNow {
  /** A phone answers now. */
  readonly openNow: readonly HotlineNow[];
  /** Its phones are closed now. */
  readonly closedNow: readonly HotlineNow[];
  /** Hours unknown or varying, or no phone (a portal to chat and SNS services). */
  readonly other: readonly HotlineNow[];
}

function groupHotlines(crisis: Crisis, hours: HoursAt): CrisisHotlinesNow {
  const hotlines = crisis.hotlines.map((hotline) => ({
    hotline,
    phones: hotline.phones.map((phone) => ({ phone, status: hours.status(phone.schedule) })),
  }));
  const open = (h: HotlineNow) => h.phones.some(({ status }) => status.isOpen);
  const closed = (h: HotlineNow) => !open(h) && h.phones.some(({ status }) => status.openness.state === 'closed');
  return {
    openNow: hotlines.filter(open),
    closedNow: hotlines.filter(closed),
    other: hotlines.filter((h) => !open(h) && !closed(h)),
  };
}

/**
 * The crisis card at `hours.instant`: under 「いま話せる窓口」 only the hotlines that answer now, then 「時間外の窓口」
 * with when each opens (「次は 明日 16:00」: the heading already says they are closed), then the rest. Every hotline
 * keeps its call button; a paid number says so under it.
 */
export function renderCrisisCard(crisis: Crisis, hours: HoursAt, style: CrisisCardStyle): messagingApi.FlexBubble {
  const groups = groupHotlines(crisis, hours);
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

/** Which words of a phone's status its badge shows: all of them, or only when it opens (under a 「closed」 heading). */
type Badge = 'text' | 'opening';

function renderGroup(
  hotlines: readonly HotlineNow[],
  { texts: words, locale }: CrisisCardStyle,
  heading?: string,
  badge: Badge = 'text',
): messagingApi.FlexComponent[] {
  if (hotlines.length === 0) return [];
  return [
    ...(heading
      ? [{ type: 'separator', margin: 'xl' } satisfies messagingApi.FlexSeparator, text(heading, { weight: 'bold', color: COLORS.muted, margin: 'lg' })]
      : []),
    ...hotlines.flatMap(({ hotline, phones }, index): messagingApi.FlexComponent[] => [
      ...(index > 0 ? [{ type: 'separator', margin: 'md' } satisfies messagingApi.FlexSeparator] : []),
      ...nameLines(hotline.name, hotline.nameNote, { weight: 'bold', margin: 'md' }),
      // The call buttons right under the name, so the first ones are on the first screen; what the hotline is after.
      ...phones.flatMap(({ phone, status }) => [
        callButton(words, phone, hotline.url, status.isOpen),
        ...statusText({ ...status, text: status[badge] }),
        ...describePhone(phone, words).map((said) => text(said, { size: 'xs', color: COLORS.muted })),
      ]),
      text(hotline.note, { size: 'xs', color: COLORS.muted }),
      ...languageNote(words, locale, hotline.languages),
      ...(hotline.url ? [linkButton(words.openSite, hotline.url)] : []),
    ]),
  ];
}

/** The cost of a paid number and the printed hours, when there are any. */
function describePhone(phone: Phone, words: CardTexts): string[] {
  const said = [...(phone.cost === 'free' ? [] : [words.costs[phone.cost]]), ...(phone.hours ? [phone.hours] : [])].join(words.separator);
  return said ? [said] : [];
}

/** The same card in words, for notifications and clients that cannot show Flex: open hotlines first, then the others. */
export function describeCrisisHotlines(crisis: Crisis, hours: HoursAt): string {
  const groups = groupHotlines(crisis, hours);
  const { openNow, closedNow, other } = hours.words.crisis;
  const sections: [string, readonly HotlineNow[], Badge][] = [
    [openNow, groups.openNow, 'text'],
    [closedNow, groups.closedNow, 'opening'],
    [other, groups.other, 'text'],
  ];
  return sections
    .filter(([, hotlines]) => hotlines.length > 0)
    .map(([heading, hotlines, badge]) => `${heading}: ${hotlines.map((hotline) => describeHotline(hotline, badge)).join(' / ')}`)
    .join('\n');
}

function describeHotline({ hotline, phones }: HotlineNow, badge: Badge): string {
  const said = (status: PhoneStatus) => (status.isOpen ? undefined : status[badge]);
  return [hotline.name, ...phones.map(({ phone, status }) => [phone.display, said(status)].filter(Boolean).join(' '))].join(' ');
}
