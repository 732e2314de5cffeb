import type { messagingApi } from '@line/bot-sdk';
import type { Evidence, Platforms } from '../guidance/guidance';
import { encodePostback } from '../postback';
import { COLORS, linkButton, text, vbox } from './flex-parts';
import { designatedFirst } from './render-first-step-card';

/**
 * 「証拠の残し方」: the steps as a numbered list, the warning about sexual images of children set apart in red,
 * and a button on to the services' own report pages (a postback, so the card works from the rich menu too).
 */
export function renderEvidenceCard(evidence: Evidence, platformsLabel: string): messagingApi.FlexBubble {
  return {
    type: 'bubble',
    size: 'mega',
    header: vbox([text(evidence.title, { weight: 'bold', size: 'lg' })]),
    body: vbox(
      [
        text(evidence.intro),
        ...evidence.steps.map((step, index) => text(`${index + 1}. ${step.text}`, { margin: index === 0 ? 'md' : 'sm' })),
        { type: 'separator', margin: 'md' },
        text(evidence.warning.text, { margin: 'md', weight: 'bold', color: COLORS.danger }),
      ],
      { spacing: 'sm' },
    ),
    footer: vbox([
      {
        type: 'button',
        style: 'secondary',
        height: 'sm',
        action: {
          type: 'postback',
          label: platformsLabel,
          data: encodePostback({ action: 'platforms' }),
          displayText: platformsLabel,
        } satisfies messagingApi.PostbackAction,
      },
    ]),
  };
}

/**
 * 「サービスに直接報告する」: one button per service, each to the service's own page, those designated under
 * 情報流通プラットフォーム対処法 first with the one line on what the law requires of them (`duty`); then `extra`
 * buttons (the deletion-request draft, when the bot knows its public origin).
 */
export function renderPlatformsCard(platforms: Platforms, duty: string, extra: readonly messagingApi.FlexButton[] = []): messagingApi.FlexBubble {
  return {
    type: 'bubble',
    size: 'mega',
    header: vbox([text(platforms.title, { weight: 'bold', size: 'lg' })]),
    body: vbox([text(platforms.intro), text(duty, { margin: 'md' })], { spacing: 'sm' }),
    footer: vbox(
      [...designatedFirst(platforms.services).map((service) => linkButton(service.label, service.url)), ...extra],
      { spacing: 'sm' },
    ),
  };
}
