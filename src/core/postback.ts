import { LINE_LIMITS } from './line-limits';
import { isLocale, type Locale } from './locale/locale';

/**
 * The postback data contract. Every button names the question it was asked from, so a tap on an old button is
 * applied from that question (or answered as out of date), never misread as an answer to the current one.
 * Encoded as a short query string; ids are [a-z0-9_], so the data stays well under LINE's 300 characters.
 */
export type Postback =
  | { readonly action: 'choose'; readonly questionId: string; readonly optionId: string }
  | { readonly action: 'back'; readonly fromId: string }
  /** A narrowing chip under the result `fromId` (flows/triage.yaml `narrowing`): show the result it leads to. */
  | { readonly action: 'narrow'; readonly fromId: string; readonly optionId: string }
  /** Show this question (「ちがう」 after a result reached from typed text). */
  | { readonly action: 'ask'; readonly questionId: string }
  | { readonly action: 'restart' }
  | { readonly action: 'crisis' }
  /** 「証拠の残し方」: from a result, or from anywhere (the rich menu may link it). */
  | { readonly action: 'evidence' }
  /** The services' own report pages. */
  | { readonly action: 'platforms' }
  /** 「情報がちがう？」 on an agency's card: which agency, and nothing else. */
  | { readonly action: 'report-info'; readonly agencyId: string }
  /** What this account is and does, and what it keeps (the rich menu's 使い方). */
  | { readonly action: 'about' };

export function encodePostback(postback: Postback): string {
  const params = new URLSearchParams({ a: postback.action });
  switch (postback.action) {
    case 'choose':
      params.set('q', postback.questionId);
      params.set('o', postback.optionId);
      break;
    case 'back':
      params.set('q', postback.fromId);
      break;
    case 'narrow':
      params.set('q', postback.fromId);
      params.set('o', postback.optionId);
      break;
    case 'ask':
      params.set('q', postback.questionId);
      break;
    case 'report-info':
      params.set('g', postback.agencyId);
      break;
    case 'restart':
    case 'crisis':
    case 'evidence':
    case 'platforms':
    case 'about':
      break;
  }
  return params.toString();
}

/** Returns undefined for data this bot did not write (or wrote in a form it no longer reads). */
export function decodePostback(data: string): Postback | undefined {
  if (data.length > LINE_LIMITS.postbackData) return undefined;
  const params = new URLSearchParams(data);
  const q = params.get('q');
  switch (params.get('a')) {
    case 'choose': {
      const o = params.get('o');
      return q && o ? { action: 'choose', questionId: q, optionId: o } : undefined;
    }
    case 'back':
      return q ? { action: 'back', fromId: q } : undefined;
    case 'narrow': {
      const o = params.get('o');
      return q && o ? { action: 'narrow', fromId: q, optionId: o } : undefined;
    }
    case 'ask':
      return q ? { action: 'ask', questionId: q } : undefined;
    case 'restart':
      return { action: 'restart' };
    case 'crisis':
      return { action: 'crisis' };
    case 'evidence':
      return { action: 'evidence' };
    case 'platforms':
      return { action: 'platforms' };
    case 'report-info': {
      const g = params.get('g');
      return g ? { action: 'report-info', agencyId: g } : undefined;
    }
    case 'about':
      return { action: 'about' };
    default:
      return undefined;
  }
}

/**
 * The language buttons: `a=lang` asks for the language menu, `a=lang&l=en` switches. Kept apart from `Postback`
 * because the language is the conversation's frame, not a step in the flow: it is handled before the flow sees
 * the event, wherever the person is.
 */
export type LanguagePostback = { readonly locale?: Locale };

export function encodeLanguagePostback(locale?: Locale): string {
  return new URLSearchParams({ a: 'lang', ...(locale && { l: locale }) }).toString();
}

/** Undefined when the data is not a language button (or names a locale this bot does not have). */
export function decodeLanguagePostback(data: string): LanguagePostback | undefined {
  if (data.length > LINE_LIMITS.postbackData) return undefined;
  const params = new URLSearchParams(data);
  if (params.get('a') !== 'lang') return undefined;
  const locale = params.get('l');
  if (locale === null) return {};
  return isLocale(locale) ? { locale } : undefined;
}
