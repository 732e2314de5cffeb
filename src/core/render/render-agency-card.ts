import type { messagingApi } from '@line/bot-sdk';
import type { Agency } from '../agencies/agency';
import { CHANNEL_ICON_FILES, CHANNEL_LABELS, type Channel } from '../agencies/channel';
import { callButton, COLORS, linkButton, phoneLines, text, vbox } from './flex-parts';

/** Two per row keeps 「Webフォーム」 on one line in a mega bubble. */
const ICONS_PER_ROW = 2;

/**
 * One agency as a Flex bubble: who they are, what they do (the flyer's words), numbers with call buttons, the
 * web site, and the ways to reach them. `need` says which need of the person this window serves.
 */
export function renderAgencyCard(
  agency: Agency,
  need: string | undefined,
  iconBaseUrl: string | undefined,
): messagingApi.FlexBubble {
  const body: messagingApi.FlexComponent[] = [
    ...(need ? [text(need, { size: 'xs', weight: 'bold', color: COLORS.accent })] : []),
    text(agency.name, { size: 'lg', weight: 'bold' }),
    text(agency.operator, { size: 'xs', color: COLORS.muted }),
    text(agency.does, { margin: 'md' }),
    ...(agency.doesNot ? [text(`※${agency.doesNot}`, { size: 'xs', color: COLORS.muted })] : []),
    ...(agency.hours ? [text(`受付: ${agency.hours}`, { size: 'xs', color: COLORS.muted })] : []),
    ...agency.phones.flatMap(phoneLines).map((c, i) => (i === 0 ? { ...c, margin: 'md' } : c)),
    { type: 'separator', margin: 'md' },
    renderChannels(agency.channels, iconBaseUrl),
  ];
  const footer = [
    ...agency.phones.map((phone, index) => callButton(phone, agency.url, index === 0)),
    ...(agency.url ? [linkButton('Webサイトを開く', agency.url)] : []),
  ];
  return {
    type: 'bubble',
    size: 'mega',
    body: vbox(body, { spacing: 'sm' }),
    ...(footer.length > 0 && { footer: vbox(footer, { spacing: 'sm' }) }),
  };
}

/** Channel icons with labels in baseline rows; text only when icons cannot be served over HTTPS. */
function renderChannels(channels: readonly Channel[], iconBaseUrl: string | undefined): messagingApi.FlexBox {
  const heading = text('相談方法', { size: 'xs', color: COLORS.muted, flex: 0 });
  if (!iconBaseUrl) {
    return vbox([heading, text(channels.map((c) => CHANNEL_LABELS[c]).join('・'), { size: 'xs' })], { margin: 'md' });
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
          text(CHANNEL_LABELS[channel], { size: 'xs', flex: 1 }),
        ],
      }),
    );
    rows.push({ type: 'box', layout: 'horizontal', spacing: 'sm', contents: row });
  }
  return vbox([heading, ...rows], { margin: 'md', spacing: 'xs' });
}
