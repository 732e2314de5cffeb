import type { messagingApi } from '@line/bot-sdk';
import type { Agency, Glance } from '../agencies/agency';
import type { CardWords } from '../flow/flow';
import { encodePostback } from '../postback';
import { CHANNEL_ICON_FILES, type Channel } from '../agencies/channel';
import { fillTemplate } from '../fill-template';
import type { HoursWords } from '../hours/hours-words';
import type { HoursAt } from '../hours/read-hours-at';
import type { Locale } from '../locale/locale';
import type { CardTexts } from './card-texts';
import { callButton, COLORS, languageNote, linkButton, nameLines, phoneRows, text, vbox } from './flex-parts';

/** Two per row keeps 「Webフォーム」 on one line in a mega bubble. */
const ICONS_PER_ROW = 2;

/** What a card is drawn with besides the agency: the locale's card texts and where icons are served from. */
export interface CardStyle {
  readonly locale: Locale;
  readonly texts: CardTexts;
  readonly iconBaseUrl: string | undefined;
}

/**
 * One agency as a Flex bubble: who they are, what they do (the flyer's words), numbers with call buttons and
 * whether each answers at `hours.instant`, the web form's hours, the web site, and the ways to reach
 * them. `need` says which need of the person this window serves. The call buttons (or, without a phone, the first
 * link) sit right under the name, within the first screen of a reply. Only a line open now gets the green button:
 * a closed one, or one whose hours are known only as text, keeps a grey one (people may want the number).
 */
export function renderAgencyCard(
  agency: Agency,
  need: string | undefined,
  style: CardStyle,
  hours: HoursAt,
  words: CardWords,
): messagingApi.FlexBubble {
  const { texts, locale } = style;
  const glance = describeGlance(agency.glance, words, texts.separator);
  const phonesNow = agency.phones.map((phone) => ({ phone, status: hours.status(phone.schedule) }));
  const phoneStyle = { words: texts, locale, cardLanguages: agency.languages };
  const desktopUrl = agency.links[0]?.url;
  // Without a phone, the first link (the window's form or page) is the way in: it goes where a call button would.
  const [firstLink, ...otherLinks] = agency.links;
  const leadLink = phonesNow.length === 0 && firstLink ? [linkButton(firstLink.label, firstLink.url, 'secondary')] : [];
  const body: messagingApi.FlexComponent[] = [
    ...(need ? [text(need, { size: 'xs', weight: 'bold', color: COLORS.accent })] : []),
    ...nameLines(agency.name, agency.nameNote, { size: 'lg', weight: 'bold' }),
    ...languageNote(texts, locale, agency.languages),
    // The number and its call button come right under the name, so the first screen of a reply holds a call.
    ...phonesNow.flatMap(({ phone, status }, index) =>
      phoneRows(phone, status, phoneStyle, callButton(texts, phone, desktopUrl, index === 0 && status.isOpen)),
    ),
    ...leadLink,
    text(agency.operator, { size: 'xs', color: COLORS.muted, margin: 'lg' }),
    ...(glance ? [text(glance, { size: 'xs', weight: 'bold', color: COLORS.accent })] : []),
    text(agency.does, { margin: 'md' }),
    ...(agency.doesNot ? [text(fillTemplate(texts.doesNot, { text: agency.doesNot }), { size: 'xs', color: COLORS.muted })] : []),
    ...(agency.hours ? [text(fillTemplate(texts.hours, { hours: agency.hours }), { size: 'xs', color: COLORS.muted })] : []),
    ...(agency.webForm ? [text(describeWebForm(agency.webForm.replies, hours.words), { size: 'xs', margin: 'md' })] : []),
    { type: 'separator', margin: 'md' },
    renderChannels(agency.channels, style),
    text(`${words.checked} ${agency.verifiedAt}`, { size: 'xxs', color: COLORS.muted, margin: 'md' }),
  ];
  const footer = [
    ...(leadLink.length > 0 ? otherLinks : agency.links).map((link) => linkButton(link.label, link.url)),
    reportInfoButton(agency.id, words.reportInfo),
  ];
  return {
    type: 'bubble',
    size: 'mega',
    body: vbox(body, { spacing: 'sm' }),
    ...(footer.length > 0 && { footer: vbox(footer, { spacing: 'sm' }) }),
  };
}

/** 「匿名OK・無料・代わりに削除を依頼してくれる・登録が必要」: what the window can do, only what the data says. */
function describeGlance(glance: Glance, words: CardWords, separator: string): string {
  const parts = [
    glance.anonymous === undefined ? undefined : words.glance[glance.anonymous ? 'anonymous' : 'named'],
    glance.cost && words.glance[glance.cost],
    glance.acts && words.glance[glance.acts],
    glance.registration && words.glance.registration,
  ];
  return parts.filter(Boolean).join(separator);
}

/** 「情報がちがう？」: tells the operator which card to re-check; the postback carries the agency id alone. */
function reportInfoButton(agencyId: string, label: string): messagingApi.FlexButton {
  return {
    type: 'button',
    style: 'link',
    height: 'sm',
    action: { type: 'postback', label, data: encodePostback({ action: 'report-info', agencyId }), displayText: label } satisfies messagingApi.PostbackAction,
  };
}

/** 「Webフォーム：24時間受付」, with when replies come where the source says. */
export function describeWebForm(replies: string | undefined, words: HoursWords): string {
  return replies ? fillTemplate(words.webFormReplies, { replies }) : words.webForm;
}

/** Channel icons with labels in baseline rows; text only when icons cannot be served over HTTPS. */
function renderChannels(channels: readonly Channel[], { texts, iconBaseUrl }: CardStyle): messagingApi.FlexBox {
  const heading = text(texts.channelsHeading, { size: 'xs', color: COLORS.muted, flex: 0 });
  if (!iconBaseUrl) {
    return vbox([heading, text(channels.map((c) => texts.channels[c]).join(texts.separator), { size: 'xs' })], { margin: 'md' });
  }
  const rows: messagingApi.FlexBox[] = [];
  for (let i = 0; i < channels.length; i += ICONS_PER_ROW) {
    const row = channels.slice(i, i + ICONS_PER_ROW).map(
      (channel): messagingApi.FlexBox => ({
        type: 'box',
        layout: 'baseline',
        spacing: 'xs',
        contents: [
          { type: 'icon', url: `${iconBaseUrl}/icons/${CHANNEL_ICON_FILES[channel]}`, size: 'sm' },
          text(texts.channels[channel], { size: 'xs', flex: 1 }),
        ],
      }),
    );
    rows.push({ type: 'box', layout: 'horizontal', spacing: 'sm', contents: row });
  }
  return vbox([heading, ...rows], { margin: 'md', spacing: 'xs' });
}
