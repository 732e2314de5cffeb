import type { messagingApi } from '@line/bot-sdk';
import type { Content } from '../content';
import { assertNever } from '../errors';
import type { FlowQuestion } from '../flow/flow';
import { LINE_LIMITS, truncateText } from '../line-limits';
import { encodePostback, type Postback } from '../postback';
import type { ReplyPart } from '../conversation/reply';
import { renderAgencyCard } from './render-agency-card';
import { describeCrisisLines, renderCrisisCard } from './render-crisis-card';

export interface RenderOptions {
  /** HTTPS origin the channel icons are served from; without it the cards show channels as text. */
  readonly iconBaseUrl?: string | undefined;
}

export type RenderReply = (parts: readonly ReplyPart[]) => messagingApi.Message[];

/**
 * Turns reply parts into LINE messages. Pure; content was checked against LINE's limits at start-up, and
 * free-form strings (altText) are cut to fit here.
 */
export function createRenderer(content: Content, options: RenderOptions): RenderReply {
  const { flow } = content;
  const { labels } = flow.messages;

  const chip = (label: string, postback: Postback, displayText = label): messagingApi.QuickReplyItem => ({
    type: 'action',
    action: { type: 'postback', label, data: encodePostback(postback), displayText } satisfies messagingApi.PostbackAction,
  });
  /**
   * One order for every prompt, so the chips stay where a thumb learnt them: the crisis chip first (on a 375 px
   * phone only the first two or three chips show before a swipe), then the answers (after a typed guess led to a
   * result: the correction), then 戻る and 最初から last, since the rich menu's 相談窓口をさがす also starts over.
   */
  const quickReply = (fromId: string, answers: messagingApi.QuickReplyItem[]): messagingApi.QuickReply => ({
    items: [
      chip(labels.crisis, { action: 'crisis' }),
      ...answers,
      ...(fromId === flow.start ? [] : [chip(labels.back, { action: 'back', fromId }), chip(labels.restart, { action: 'restart' })]),
    ],
  });

  const renderQuestion = (question: FlowQuestion, intro: string | undefined, firstOptionId: string | undefined): messagingApi.TextMessage => ({
    type: 'text',
    text: [
      ...(intro ? [intro, ''] : []),
      question.text,
      ...question.options.map((option, index) => `${index + 1}. ${option.label}`),
    ].join('\n'),
    quickReply: quickReply(
      question.id,
      // The best guess first; the numbered list keeps the flow's order, so typed numbers mean the same.
      [...question.options]
        .sort((a, b) => Number(b.id === firstOptionId) - Number(a.id === firstOptionId))
        .map((option) => chip(option.label, { action: 'choose', questionId: question.id, optionId: option.id }, option.displayText)),
    ),
  });

  const renderResult = (resultId: string, intro: string | undefined): messagingApi.Message[] => {
    const result = flow.results[resultId];
    if (!result) throw new Error(`unknown result ${resultId}`);
    const cards = result.agencies.flatMap(({ id, need }) => {
      const agency = content.agencies.get(id);
      return agency ? [{ agency, bubble: renderAgencyCard(agency, need, options.iconBaseUrl) }] : [];
    });
    const altText = cards
      .map(({ agency }) => [agency.name, ...agency.phones.map((p) => p.display)].join(' '))
      .join(' / ');
    return [
      { type: 'text', text: intro ? `${intro}\n${result.text}` : result.text },
      {
        type: 'flex',
        altText: truncateText(`相談窓口: ${altText}`, LINE_LIMITS.altText),
        contents: { type: 'carousel', contents: cards.map((card) => card.bubble) },
      },
    ];
  };

  const renderAfterResult = (resultId: string, intro: string | undefined, wrongQuestionId: string | undefined): messagingApi.TextMessage => ({
    type: 'text',
    text: [intro, flow.results[resultId]?.advice, flow.messages.afterResult].filter(Boolean).join('\n'),
    quickReply: quickReply(
      resultId,
      wrongQuestionId ? [chip(content.understanding.messages.wrong, { action: 'ask', questionId: wrongQuestionId })] : [],
    ),
  });

  const renderPart = (part: ReplyPart): messagingApi.Message[] => {
    switch (part.kind) {
      case 'text':
        return [{ type: 'text', text: part.text }];
      case 'question': {
        const question = flow.questions[part.questionId];
        if (!question) throw new Error(`unknown question ${part.questionId}`);
        return [renderQuestion(question, part.intro, part.firstOptionId)];
      }
      case 'result':
        return renderResult(part.resultId, part.intro);
      case 'after-result':
        return [renderAfterResult(part.resultId, part.intro, part.wrongQuestionId)];
      case 'crisis-card':
        return [
          {
            type: 'flex',
            altText: truncateText(`いますぐ話せる窓口: ${describeCrisisLines(content.crisis)}`, LINE_LIMITS.altText),
            contents: renderCrisisCard(content.crisis),
          },
        ];
      default:
        return assertNever(part);
    }
  };

  // Every part is drawn from the flow and data files, so the same few parts come back again and again: render each
  // once and hand out the same (frozen) messages after that. Bounded in case a part ever carries free text.
  const rendered = new Map<string, readonly messagingApi.Message[]>();
  return (parts) =>
    parts.flatMap((part) => {
      const key = JSON.stringify(part);
      let messages = rendered.get(key);
      if (!messages) {
        messages = deepFreeze(renderPart(part));
        if (rendered.size < RENDER_MEMO_LIMIT) rendered.set(key, messages);
      }
      return messages as messagingApi.Message[];
    });
}

const RENDER_MEMO_LIMIT = 1_000;

/** Shared messages must not be changed by whoever sends them. */
function deepFreeze<T>(value: T): T {
  if (typeof value === 'object' && value !== null && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const child of Object.values(value)) deepFreeze(child);
  }
  return value;
}
