import type { messagingApi } from '@line/bot-sdk';
import type { Phone } from '../agencies/phone';
import type { LineStatus } from '../hours/read-hours-at';
import { LINE_LIMITS, truncateText } from '../line-limits';

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

/** The spoken cost note for a number; paid ナビダイヤル gets its warning, since some phones cannot call it. */
export function describeCost(phone: Phone): string {
  switch (phone.cost) {
    case 'free':
      return '通話無料';
    case 'navi_dial':
      return '有料（ナビダイヤル）・一部のIP電話などからはかけられないことがあります';
    case 'call_charge':
      return '通話料がかかります';
  }
}

/**
 * A call button: `tel:` on phones; on LINE for PC (which cannot call) `altUri.desktop` opens the window's page.
 * @see https://developers.line.biz/en/reference/messaging-api/#uri-action
 */
export function callButton(phone: Phone, desktopUrl: string | undefined, primary: boolean): messagingApi.FlexButton {
  const action: messagingApi.URIAction = {
    type: 'uri',
    label: truncateText(`電話する ${phone.display}`, LINE_LIMITS.flexButtonLabel),
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

export function linkButton(label: string, url: string): messagingApi.FlexButton {
  return {
    type: 'button',
    style: 'link',
    height: 'sm',
    action: { type: 'uri', label: truncateText(label, LINE_LIMITS.flexButtonLabel), uri: url } satisfies messagingApi.URIAction,
  };
}

/** "☎ 0570-078374（サポートダイヤル）", whether it answers now, the cost and printed hours under it, and who cannot call it. */
export function phoneLines(phone: Phone, status: LineStatus): messagingApi.FlexComponent[] {
  return [
    text(`☎ ${phone.display}（${phone.label}）`, { weight: 'bold', size: 'md' }),
    ...statusText(status),
    text([describeCost(phone), phone.hours].filter(Boolean).join('・'), { size: 'xs', color: COLORS.muted }),
    ...(phone.note ? [text(phone.note, { size: 'xs', color: COLORS.muted })] : []),
  ];
}

/** 「● 受付中（17:15まで）」 in green, 「受付時間外・次は 月曜 8:30」 in grey; nothing when the hours are unknown. */
export function statusText(status: LineStatus): messagingApi.FlexText[] {
  return status.text ? [text(status.text, { size: 'xs', weight: 'bold', color: status.isOpen ? COLORS.open : COLORS.muted })] : [];
}
