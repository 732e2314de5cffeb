import type { messagingApi } from '@line/bot-sdk';
import type { Content } from '../content';
import type { FirstStepPageId, FirstStepPart } from '../first-step/first-step';
import type { Platforms } from '../guidance/guidance';
import { fillTemplate } from '../fill-template';
import { LINE_LIMITS, truncateText } from '../line-limits';
import { COLORS, linkButton, text, vbox } from './flex-parts';

/** Where a page opens: `<base>/first-step/<page>?lang=<locale>`, an https URL LINE opens in its in-app browser. */
export function firstStepPageUrl(baseUrl: string, page: FirstStepPageId, locale: string): string {
  return `${baseUrl}/first-step/${page}?lang=${encodeURIComponent(locale)}`;
}

/** The services' pages, those of designated providers first (the law's 7 days apply to them), the rest in order. */
export function designatedFirst(services: Platforms['services']): Platforms['services'] {
  return [...services].sort((a, b) => Number(b.provider !== undefined) - Number(a.provider !== undefined));
}

/**
 * The first-step card of a result (flows/first-step.yaml `results`): on the delete route the services' own request
 * pages with the law's duty, after damages and police 「早めに」; then the buttons to the pages, when `pagesBaseUrl`
 * (PUBLIC_BASE_URL) is known, since LINE opens only absolute https URLs. Undefined when the card would be empty.
 */
export function renderFirstStepCard(
  content: Content,
  parts: readonly FirstStepPart[],
  pagesBaseUrl: string | undefined,
): { bubble: messagingApi.FlexBubble; altText: string } | undefined {
  const { firstStep, timeLimits, designatedPlatforms } = content;
  const has = (part: FirstStepPart) => parts.includes(part);
  const title = has('platforms') ? firstStep.card.platformsTitle : has('timeLimits') ? timeLimits.title : firstStep.summary.title;
  const body: messagingApi.FlexComponent[] = [];
  const summary: string[] = [];
  if (has('platforms')) {
    body.push(text(designatedPlatforms.duty.text));
    summary.push(designatedPlatforms.duty.text);
  }
  if (has('timeLimits')) {
    body.push(text(timeLimits.intro), ...timeLimits.items.map((item) => text(`・${item.text}`, { margin: 'sm' })));
    body.push(text(timeLimits.note, { size: 'xs', color: COLORS.muted, margin: 'md' }));
    summary.push(timeLimits.intro);
  }
  const buttons: messagingApi.FlexButton[] = [
    ...(has('platforms') ? designatedFirst(content.platforms.services).filter((s) => s.provider !== undefined).map((s) => linkButton(s.label, s.url)) : []),
    ...pageButtons(content, parts, pagesBaseUrl),
  ];
  if (body.length === 0 && buttons.length === 0) return undefined;
  if (body.length === 0) {
    // A card with only the page buttons says what they are for.
    const intro = has('draft') ? firstStep.draft.intro : firstStep.summary.intro;
    body.push(text(intro));
    summary.push(intro);
  }
  return {
    bubble: {
      type: 'bubble',
      size: 'mega',
      header: vbox([text(title, { weight: 'bold', size: 'lg' })]),
      body: vbox(body, { spacing: 'sm' }),
      ...(buttons.length > 0 && { footer: vbox(buttons, { spacing: 'sm' }) }),
    },
    altText: truncateText(fillTemplate(firstStep.card.altText, { title, text: summary.join(' ') }), LINE_LIMITS.altText),
  };
}

/** The buttons to the draft and summary pages, as the result asks; none without a public https origin. */
export function pageButtons(content: Content, parts: readonly FirstStepPart[], pagesBaseUrl: string | undefined): messagingApi.FlexButton[] {
  if (!pagesBaseUrl) return [];
  const { card } = content.firstStep;
  const pages: { page: FirstStepPageId; label: string }[] = [
    ...(parts.includes('draft') ? [{ page: 'draft' as const, label: card.draftButton }] : []),
    ...(parts.includes('summary') ? [{ page: 'summary' as const, label: card.summaryButton }] : []),
  ];
  return pages.map(({ page, label }) => ({
    type: 'button',
    style: 'secondary',
    height: 'sm',
    action: {
      type: 'uri',
      label: truncateText(label, LINE_LIMITS.flexButtonLabel),
      uri: firstStepPageUrl(pagesBaseUrl, page, content.locale),
    } satisfies messagingApi.URIAction,
  }));
}
