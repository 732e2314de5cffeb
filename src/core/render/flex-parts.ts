import type { messagingApi } from '@line/bot-sdk';
import type { Phone } from '../agencies/phone';
import type { PhoneStatus } from '../hours/read-hours-at';
import { LINE_LIMITS, truncateText } from '../line-limits';
import type { Locale } from '../locale/locale';
import { fillTemplate } from '../fill-template';
import type { CardTexts } from './card-texts';

/** Small builders shared by the agency and crisis cards, so both look and behave alike. */

/** `open` is a darker green than LINE's accent, so small text on white stays readable (contrast above 4.5:1). */
export const COLORS = { text: '#111111', muted: '#666666', accent: '#06C755', danger: '#D93025', open: '#0A7F3A' } as const;

export function text(
  value: string,
  style: Omit<messagingApi.FlexText, 'type' | 'text'> = {},
): messagingApi.FlexText {
  return { type: 'text', text: value, wrap: true, size: 'sm', color: COLORS.text, ...style };
}

export function vbox(
  contents: messagingApi.FlexComponent[],
  style: Omit<messagingApi.FlexBox, 'type' | 'layout' | 'contents'> = {},
): messagingApi.FlexBox {
  return { type: 'box', layout: 'vertical', contents, ...style };
}

/**
 * A call button: `tel:` on phones; on LINE for PC (which cannot call) `altUri.desktop` opens the window's page.
 * @see https://developers.line.biz/en/reference/messaging-api/#uri-action
 */
export function callButton(words: CardTexts, phone: Phone, desktopUrl: string | undefined, primary: boolean): messagingApi.FlexButton {
  const action: messagingApi.URIAction = {
    type: 'uri',
    label: truncateText(fillTemplate(words.call, { number: phone.display }), LINE_LIMITS.flexButtonLabel),
    uri: phone.tel,
    ...(desktopUrl && { altUri: { desktop: desktopUrl } }),
  };
  return {
    type: 'button',
    style: primary ? 'primary' : 'secondary',
    color: primary ? COLORS.accent : undefined,
    height: 'sm',
    action,
  };
}

export function linkButton(label: string, url: string, style: 'link' | 'secondary' = 'link'): messagingApi.FlexButton {
  return {
    type: 'button',
    style,
    height: 'sm',
    action: { type: 'uri', label: truncateText(label, LINE_LIMITS.flexButtonLabel), uri: url } satisfies messagingApi.URIAction,
  };
}

/** How a phone is drawn: the locale's words and the languages the card already states. */
export interface PhoneStyle {
  readonly words: CardTexts;
  readonly locale: Locale;
  readonly cardLanguages: readonly string[] | undefined;
}

/**
 * "☎ 0570-078374（サポートダイヤル）", whether it answers now, its call button, then the cost and printed hours, who
 * cannot call it, and its language when that differs from what the card already says.
 */
export function phoneRows(
  phone: Phone,
  status: PhoneStatus,
  { words, locale, cardLanguages }: PhoneStyle,
  button: messagingApi.FlexButton,
): messagingApi.FlexComponent[] {
  const note = languageNote(words, locale, phone.languages);
  const sameAsCard = JSON.stringify(note) === JSON.stringify(languageNote(words, locale, cardLanguages));
  return [
    text(fillTemplate(words.phone, { number: phone.display, label: phone.label }), { weight: 'bold', size: 'md', margin: 'md' }),
    ...statusText(status),
    button,
    text([words.costs[phone.cost], phone.hours].filter(Boolean).join(words.separator), { size: 'xs', color: COLORS.muted }),
    ...(phone.note ? [text(phone.note, { size: 'xs', color: COLORS.muted })] : []),
    ...(sameAsCard ? [] : note),
  ];
}

/**
 * For an English reader: 「English OK」 where the sources say a line takes English, 「Japanese only」 where they
 * say it works in Japanese alone, nothing where they say nothing (e.g. 110 and 119).
 */
export function languageNote(words: CardTexts, locale: Locale, languages: readonly string[] | undefined): messagingApi.FlexText[] {
  if (locale !== 'en' || !languages) return [];
  return languages.includes('en')
    ? [text(words.englishOk, { size: 'xs', weight: 'bold', color: COLORS.open })]
    : [text(words.japaneseOnly, { size: 'xs', color: COLORS.muted })];
}

/** The name as printed (people must recognise it when they call), and beside it what it means in this locale. */
export function nameLines(name: string, nameNote: string | undefined, style: Omit<messagingApi.FlexText, 'type' | 'text'>): messagingApi.FlexText[] {
  return [text(name, style), ...(nameNote ? [text(nameNote, { size: 'xs', color: COLORS.muted })] : [])];
}

/** 「● 受付中（17:15まで）」 in green, 「受付時間外・次は 月曜 8:30」 in grey; nothing when the hours are unknown. */
export function statusText(status: PhoneStatus): messagingApi.FlexText[] {
  return status.text ? [text(status.text, { size: 'xs', weight: 'bold', color: status.isOpen ? COLORS.open : COLORS.muted })] : [];
}
