import type { messagingApi } from '@line/bot-sdk';
import type { Content, LocalizedContent } from '../content';
import { assertNever } from '../errors';
import type { FlowQuestion, FlowResult } from '../flow/flow';
import { narrowingChips } from '../flow/narrowing';
import { fillTemplate } from '../fill-template';
import { readHoursAt, type HoursAt } from '../hours/read-hours-at';
import { LINE_LIMITS, truncateText } from '../line-limits';
import { LOCALES, SOURCE_LOCALE, type Locale } from '../locale/locale';
import { encodeLanguagePostback, encodePostback, type Postback } from '../postback';
import type { ReplyPart } from '../conversation/reply';
import type { Agency } from '../agencies/agency';
import { renderAgencyCard, type CardStyle } from './render-agency-card';
import { describeCrisisHotlines, renderCrisisCard } from './render-crisis-card';
import { estimateBubbleHeight } from './estimate-bubble-height';
import { groupByHeight } from './group-by-height';
import { renderEvidenceCard, renderPlatformsCard } from './render-guidance-cards';
import { pageButtons, renderFirstStepCard } from './render-first-step-card';

export interface RenderOptions {
  /** HTTPS origin the channel icons are served from; without it the cards show channels as text. */
  readonly iconBaseUrl?: string | undefined;
  /**
   * HTTPS origin the first-step pages (/first-step/draft, /first-step/summary) are served from; without it the
   * cards carry no buttons to them.
   */
  readonly pagesBaseUrl?: string | undefined;
}

/**
 * `instant` (ms since the epoch, from the Clock) decides which phones the cards show as open; `locale` the language
 * (Japanese when not given).
 */
export type RenderReply = (parts: readonly ReplyPart[], instant: number, locale?: Locale) => messagingApi.Message[];

/** One renderer per locale, chosen per reply. */
export function createRenderer(content: LocalizedContent, options: RenderOptions): RenderReply {
  const renderers = new Map([...content.byLocale].map(([locale, localized]) => [locale, createLocaleRenderer(localized, options)]));
  return (parts, instant, locale = SOURCE_LOCALE) => {
    const render = renderers.get(locale);
    if (!render) throw new Error(`no content for locale ${locale}`);
    return render(parts, instant);
  };
}

/**
 * Turns reply parts into LINE messages in the content's locale at an instant. Pure; content was checked against
 * LINE's limits at start-up, and free-form strings (altText) are cut to fit here.
 */
function createLocaleRenderer(content: Content, options: RenderOptions): (parts: readonly ReplyPart[], instant: number) => messagingApi.Message[] {
  const { flow, languages } = content;
  const { labels } = flow.messages;
  const style: CardStyle = { locale: content.locale, texts: content.cards, iconBaseUrl: options.iconBaseUrl };

  const postbackChip = (label: string, data: string, displayText = label): messagingApi.QuickReplyItem => ({
    type: 'action',
    action: { type: 'postback', label, data, displayText } satisfies messagingApi.PostbackAction,
  });
  const chip = (label: string, postback: Postback, displayText = label): messagingApi.QuickReplyItem =>
    postbackChip(label, encodePostback(postback), displayText);
  const languageChip = (locale: Locale) => postbackChip(languages.languages[locale].name, encodeLanguagePostback(locale));
  /**
   * One order for every prompt, so the chips stay where a thumb learnt them: the crisis chip first (on a 375 px
   * phone only the first two or three chips show before a swipe, and a crisis route must never hide), under a
   * result's cards the call chip of a line open now (`call`) right after it, then the answers (after a typed guess led to a
   * result: the correction), then 戻る and 最初から last, since the rich menu's 相談窓口をさがす also starts over.
   * The first question has neither; it ends with the way to another language (`offer`: one-tap languages when the
   * language was a guess, else the 「Language / ことば」 menu).
   */
  const quickReply = (
    fromId: string,
    answers: messagingApi.QuickReplyItem[],
    offer?: readonly Locale[],
    call: messagingApi.QuickReplyItem[] = [],
  ): messagingApi.QuickReply => ({
    items: [
      chip(labels.crisis, { action: 'crisis' }),
      ...call,
      ...answers,
      ...(fromId === flow.start
        ? (offer?.map(languageChip) ?? [postbackChip(languages.menu.label, encodeLanguagePostback())])
        : [...(offer?.map(languageChip) ?? []), chip(labels.back, { action: 'back', fromId }), chip(labels.restart, { action: 'restart' })]),
    ],
  });

  /** The numbered list and the chips in one order, the flow's, so a typed number is the chip at that place. */
  const renderQuestion = (question: FlowQuestion, intro: string | undefined, offer: readonly Locale[] | undefined): messagingApi.TextMessage => ({
    type: 'text',
    text: [
      ...(intro ? [intro, ''] : []),
      question.text,
      ...question.options.map((option, index) => `${index + 1}. ${option.label}`),
    ].join('\n'),
    quickReply: quickReply(
      question.id,
      question.options.map((option) => chip(option.label, { action: 'choose', questionId: question.id, optionId: option.id }, option.displayText)),
      offer,
    ),
  });

  const renderResult = (resultId: string, intro: string | undefined, hours: HoursAt): messagingApi.Message[] => {
    const result = flow.results[resultId];
    if (!result) throw new Error(`unknown result ${resultId}`);
    const windows = resultCards(content, result, hours);
    // On a result of one window the need is the button just tapped: the line it takes goes to the call button.
    const cards = windows.map(({ agency, need }) => ({
      agency,
      bubble: renderAgencyCard(agency, windows.length > 1 ? need : undefined, style, hours, flow.messages.cards),
    }));
    const firstStepParts = content.firstStep.results[resultId] ?? [];
    const firstStep = renderFirstStepCard(content, firstStepParts, options.pagesBaseUrl);
    const firstStepMessage: messagingApi.FlexMessage[] = firstStep ? [{ type: 'flex', altText: firstStep.altText, contents: firstStep.bubble }] : [];
    const crisisMessage = result.crisisHotlines ? [crisisCard(hours)] : [];
    // LINE stretches every card of a carousel to the tallest: cards of very different heights go in carousels of
    // their own, one under the other (the first card first), as many as the reply has room for (its text, the
    // crisis and first-step cards, and the message after the result take the rest of LINE's five).
    const room = LINE_LIMITS.messagesPerReply - 2 - crisisMessage.length - firstStepMessage.length;
    const runs = groupByHeight(cards.map((card) => estimateBubbleHeight(card.bubble)), room, SIMILAR_HEIGHT_FILL);
    const carousels = runs.map((run) => run.flatMap((index) => cards[index] ?? []));
    // The windows come first so a call (or a window's form) is on the first screen of a phone; the first-step card
    // (the service's own form, the pages, 「早めに」) follows. Its own message: the carousels stay the windows' cards.
    return [
      { type: 'text', text: [...(intro ? [intro] : []), result.text].join('\n') },
      ...crisisMessage,
      ...carousels.map(
        (run): messagingApi.FlexMessage => ({
          type: 'flex',
          altText: truncateText(
            fillTemplate(content.cards.resultAltText, { names: run.map(({ agency }) => describeAgency(agency, hours)).join(' / ') }),
            LINE_LIMITS.altText,
          ),
          contents: { type: 'carousel', contents: run.map((card) => card.bubble) },
        }),
      ),
      ...firstStepMessage,
    ];
  };

  const crisisCard = (hours: HoursAt): messagingApi.FlexMessage => ({
    type: 'flex',
    altText: truncateText(describeCrisisHotlines(content.crisis, hours), LINE_LIMITS.altText),
    contents: renderCrisisCard(content.crisis, hours, style),
  });

  /**
   * Under the cards: which windows take people now when the first one's phones are closed (the cards say it line by
   * line; above them it would push the first call button off the screen), the result's advice, and the closing
   * line. After a result typed text led to (`narrow`), the narrowing question instead of the closing line: each
   * chip one tap to the result for that wish, then 「ちがう」. A later prompt (`followsCards` unset) repeats neither
   * the note nor the advice.
   */
  const renderAfterResult = (
    { resultId, intro, wrongQuestionId, narrow, followsCards, offerLocales: offer }: Extract<ReplyPart, { kind: 'after-result' }>,
    hours: HoursAt,
  ): messagingApi.TextMessage => {
    const result = flow.results[resultId];
    const openNow = followsCards && result ? describeOpenNow(resultCards(content, result, hours).map(({ agency }) => agency), hours) : undefined;
    const narrowing = narrow ? narrowingChips(flow, resultId) : [];
    const closing = narrowing.length > 0 ? flow.narrowing.text : flow.messages.afterResult;
    return {
      type: 'text',
      text: [intro, openNow, followsCards && result?.advice, result?.redirect?.text, closing].filter(Boolean).join('\n'),
      quickReply: quickReply(resultId, [
        ...narrowing.map((option) => chip(option.label, { action: 'narrow', fromId: resultId, optionId: option.id }, option.displayText)),
        ...(wrongQuestionId ? [chip(content.understanding.messages.wrong, { action: 'ask', questionId: wrongQuestionId })] : []),
        ...guidanceChips(resultId),
      ], offer, followsCards && result ? callChip(result, hours) : []),
    };
  };

  /**
   * 「☎ 110に電話」 under a result's cards: one tap to call the first line that answers now, in the cards' order
   * (open windows come first), with the same tel: as its card's call button. None when no line is open now or its hours are unknown, so the
   * chip never rings a closed line; for an English reader none to a line its sources say works in Japanese only
   * (the card still shows it). A URI action in a quick reply takes no altUri (LINE for PC shows no quick replies).
   * @see https://developers.line.biz/en/reference/messaging-api/#items-object
   */
  const callChip = (result: FlowResult, hours: HoursAt): messagingApi.QuickReplyItem[] => {
    const speaksReader = (languages: readonly string[] | undefined) => content.locale !== 'en' || !languages || languages.includes('en');
    for (const { agency } of resultCards(content, result, hours)) {
      const phone = agency.phones.find((p) => hours.status(p.schedule).isOpen && speaksReader(p.languages ?? agency.languages));
      if (phone) {
        const action: messagingApi.URIAction = { type: 'uri', label: fillTemplate(content.cards.callChip, { number: phone.display }), uri: phone.tel };
        return [{ type: 'action', action }];
      }
    }
    return [];
  };

  /** After a result: one tap to where a misdirected case belongs, 証拠の残し方, and the services' report pages. */
  const guidanceChips = (resultId: string): messagingApi.QuickReplyItem[] => {
    const result = flow.results[resultId];
    if (!result) return [];
    const { redirect } = result;
    const displayText = redirect && flow.questions[redirect.question]?.options.find((o) => o.id === redirect.option)?.displayText;
    return [
      ...(redirect ? [chip(redirect.label, { action: 'choose', questionId: redirect.question, optionId: redirect.option }, displayText)] : []),
      ...(result.evidence ? [chip(labels.evidence, { action: 'evidence' })] : []),
      ...(result.platforms ? [chip(labels.platforms, { action: 'platforms' })] : []),
    ];
  };

  const renderPart = (part: ReplyPart, hours: HoursAt): messagingApi.Message[] => {
    switch (part.kind) {
      case 'text':
        return [{ type: 'text', text: part.text }];
      case 'question': {
        const question = flow.questions[part.questionId];
        if (!question) throw new Error(`unknown question ${part.questionId}`);
        return [renderQuestion(question, part.intro, part.offerLocales)];
      }
      case 'result':
        return renderResult(part.resultId, part.intro, hours);
      case 'after-result':
        return [renderAfterResult(part, hours)];
      case 'crisis-card':
        return [crisisCard(hours)];
      case 'evidence-card':
        return [
          {
            type: 'flex',
            altText: truncateText(
              [content.evidence.title, ...content.evidence.steps.map((s) => s.text), content.evidence.warning.text].join(' / '),
              LINE_LIMITS.altText,
            ),
            contents: renderEvidenceCard(content.evidence, labels.platforms),
          },
        ];
      case 'platforms-card':
        return [
          {
            type: 'flex',
            altText: truncateText([content.platforms.title, ...content.platforms.services.map((s) => s.label)].join(' / '), LINE_LIMITS.altText),
            contents: renderPlatformsCard(content.platforms, content.designatedPlatforms.duty.text, pageButtons(content, ['draft'], options.pagesBaseUrl)),
          },
        ];
      case 'language-menu':
        return [
          {
            type: 'text',
            text: languages.menu.text,
            quickReply: { items: [chip(labels.crisis, { action: 'crisis' }), ...LOCALES.map(languageChip)] },
          },
        ];
      default:
        return assertNever(part);
    }
  };

  // Every part is drawn from the flow and data files, so the same few parts come back again and again: render each
  // once and hand out the same (frozen) messages for as long as the opening hours they show read the same. Bounded
  // in case a part ever carries free text.
  const rendered = new Map<string, { messages: readonly messagingApi.Message[]; from: number; until: number }>();
  return (parts, instant) =>
    parts.flatMap((part) => {
      const key = JSON.stringify(part);
      const memo = rendered.get(key);
      if (memo && memo.from <= instant && instant < memo.until) return memo.messages as messagingApi.Message[];
      const hours = readHoursAt(content.hours, instant);
      const messages = deepFreeze(renderPart(part, hours));
      if (memo || rendered.size < RENDER_MEMO_LIMIT) {
        rendered.set(key, { messages, from: hours.readAny ? instant : Number.NEGATIVE_INFINITY, until: hours.sameUntil });
      }
      return messages as messagingApi.Message[];
    });
}

const RENDER_MEMO_LIMIT = 1_000;

/**
 * In one carousel every card's estimated height is at least this share of the tallest's; below it, the cards are
 * split into carousels of their own. Aimed above what the browser test of drawn heights requires (70 %), since the
 * estimate is a guess about fonts.
 */
const SIMILAR_HEIGHT_FILL = 0.75;

type Card = { readonly agency: Agency; readonly need: string | undefined };

/**
 * The windows a result shows, in order. Outside Japanese, a window's line in other languages (`languageLineOf`)
 * joins it. Then, so the first card holds a call that is answered: for an English reader every window that takes
 * English first, then (given `hours`) windows with a line open now, each group in the result's order.
 */
export function resultCards(content: Content, result: FlowResult, hours?: HoursAt): Card[] {
  const cards: Card[] = [];
  const add = (agency: Agency | undefined, need: string | undefined) => {
    if (agency && !cards.some((card) => card.agency.id === agency.id)) cards.push({ agency, need });
  };
  for (const { id, need } of result.agencies) {
    add(content.agencies.get(id), need);
    if (content.locale === SOURCE_LOCALE) continue;
    for (const other of content.agencies.values()) if (other.languageLineOf === id) add(other, need);
  }
  const speaksEnglish = (card: Card) => content.locale === 'en' && (card.agency.languages?.includes('en') ?? false);
  const openNow = (card: Card) => hours !== undefined && card.agency.phones.some((phone) => hours.status(phone.schedule).isOpen);
  // Array.prototype.sort is stable: within a rank the result's order stays.
  const rank = (card: Card) => Number(speaksEnglish(card)) * 2 + Number(openNow(card));
  return cards.sort((a, b) => rank(b) - rank(a));
}

/** "法テラス 0570-078374 受付時間外・次は 月曜 9:00": the card's numbers and hours in words, for altText. */
function describeAgency(agency: Agency, hours: HoursAt): string {
  const phones = agency.phones.map((phone) => {
    const status = hours.status(phone.schedule);
    return status.text ? `${phone.display} ${status.text}` : phone.display;
  });
  return [agency.name, ...phones].join(' ');
}

/**
 * When the result's first window whose hours are known (a line in another language may have hours as text only)
 * has every line closed now, says so and points to what takes people now: that window's web form, the other
 * windows' open phones or web forms. Undefined when there is no need.
 */
function describeOpenNow(agencies: readonly Agency[], hours: HoursAt): string | undefined {
  const state = (phone: Agency['phones'][number]) => hours.status(phone.schedule).openness.state;
  const first = agencies.find((agency) => agency.phones.some((phone) => state(phone) !== 'unknown'));
  if (!first || !first.phones.every((phone) => state(phone) === 'closed' || state(phone) === 'unknown')) return undefined;
  const { words } = hours;
  const options = agencies.flatMap((agency) => {
    const open = agency.phones.map((phone) => hours.status(phone.schedule)).find((status) => status.isOpen);
    if (open?.text) return [fillTemplate(words.openNowPhone, { name: agency.name, status: open.text })];
    return agency.webForm ? [fillTemplate(words.openNowWebForm, { name: agency.name })] : [];
  });
  return [
    fillTemplate(words.firstClosed, { name: first.name }),
    ...(options.length > 0 ? [fillTemplate(words.openNowList, { list: options.join(words.listSeparator) })] : []),
  ].join('\n');
}

/** Shared messages must not be changed by whoever sends them. */
function deepFreeze<T>(value: T): T {
  if (typeof value === 'object' && value !== null && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const child of Object.values(value)) deepFreeze(child);
  }
  return value;
}
