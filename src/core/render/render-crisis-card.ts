import type { messagingApi } from '@line/bot-sdk';
import type { Crisis } from '../crisis/crisis';
import { callButton, COLORS, describeCost, linkButton, text, vbox } from './flex-parts';

/** The crisis card: every line to call now, each with its own button; a paid line says so under its button. */
export function renderCrisisCard(crisis: Crisis): messagingApi.FlexBubble {
  const rows = crisis.lines.flatMap((line, index): messagingApi.FlexComponent[] => [
    ...(index > 0 ? [{ type: 'separator', margin: 'md' } satisfies messagingApi.FlexSeparator] : []),
    text(line.name, { weight: 'bold', ...(index > 0 && { margin: 'md' }) }),
    text(line.note, { size: 'xs', color: COLORS.muted }),
    ...line.phones.flatMap((phone) => [
      callButton(phone, line.url, true),
      ...(phone.cost === 'free' ? [] : [text(describeCost(phone), { size: 'xs', color: COLORS.muted })]),
    ]),
    ...(line.url ? [linkButton('Webサイトを開く', line.url)] : []),
  ]);
  return {
    type: 'bubble',
    size: 'mega',
    header: vbox([text('いますぐ話せる窓口', { weight: 'bold', size: 'lg', color: COLORS.danger })]),
    body: vbox(rows, { spacing: 'sm' }),
  };
}

/** Names and numbers for notifications and clients that cannot show Flex. */
export function describeCrisisLines(crisis: Crisis): string {
  return crisis.lines
    .map((line) => [line.name, ...line.phones.map((p) => p.display)].join(' '))
    .join(' / ');
}
