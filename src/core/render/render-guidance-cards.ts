import type { messagingApi } from '@line/bot-sdk';
import type { Evidence, Platforms } from '../guidance/guidance';
import { encodePostback } from '../postback';
import { COLORS, linkButton, text, vbox } from './flex-parts';

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

/** 「サービスに直接報告する」: one button per service, each to the service's own page. */
export function renderPlatformsCard(platforms: Platforms): messagingApi.FlexBubble {
  return {
    type: 'bubble',
    size: 'mega',
    header: vbox([text(platforms.title, { weight: 'bold', size: 'lg' })]),
    body: vbox([text(platforms.intro)]),
    footer: vbox(
      platforms.services.map((service) => linkButton(service.label, service.url)),
      { spacing: 'sm' },
    ),
  };
}
