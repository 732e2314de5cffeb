import type { LocalizedContent } from '../content';
import type { Flow } from '../flow/flow';
import { SOURCE_LOCALE, toProfileLocale, type Locale } from '../locale/locale';
import { looksEnglish } from '../locale/looks-english';
import type { Languages } from '../locale/languages';
import type { NormalizeText } from '../understanding/normalize-text';
import { decodeLanguagePostback } from '../postback';
import type { BotEvent } from './bot-event';
import { createEngine, type Engine, type EngineOptions } from './engine';
import type { ReplyPart } from './reply';
import type { Session } from './session';
import { resume, step, type Outcome, type StepResult } from './step';

/** The flow in every locale (one engine each, same structure), and how people pick a language. */
export interface LocalizedEngine {
  readonly engines: ReadonlyMap<Locale, Engine>;
  /** The flow's structure (ids, questions, results): the same in every locale. */
  readonly flow: Flow;
  readonly languages: Languages;
  /** Typed words that switch the language, folded like any typed answer. */
  readonly typedLanguages: ReadonlyMap<string, Locale>;
  /** The navigation buttons' words in every language, folded (戻る, もどる, back…): typed in any language, the button. */
  readonly navigationWords: ReadonlyMap<string, NavigationButton>;
  readonly normalize: NormalizeText;
}

/** How an event was handled: the flow's outcomes, and the language switched or its menu shown. */
export type LocalizedOutcome = Outcome | 'language' | 'language-menu';

export interface LocalizedStepResult extends Omit<StepResult, 'outcome'> {
  /** The language the reply is written in. */
  readonly locale: Locale;
  readonly outcome: LocalizedOutcome;
}

export function createLocalizedEngine(content: LocalizedContent, options: EngineOptions): LocalizedEngine {
  const engines = new Map([...content.byLocale].map(([locale, localized]) => [locale, createEngine(localized, options)]));
  const typedLanguages = new Map<string, Locale>();
  for (const [locale, language] of Object.entries(content.languages.languages) as [Locale, Languages['languages'][Locale]][]) {
    for (const word of language.typed) typedLanguages.set(content.understanding.normalize(word), locale);
  }
  const navigationWords = new Map<string, NavigationButton>();
  for (const engine of engines.values()) {
    const { navigation } = engine.matcher;
    for (const button of NAVIGATION_BUTTONS) {
      for (const word of [navigation[button]].flat()) if (!navigationWords.has(word)) navigationWords.set(word, button);
    }
  }
  return { engines, flow: content.flow, languages: content.languages, typedLanguages, navigationWords, normalize: content.understanding.normalize };
}

const NAVIGATION_BUTTONS = ['restart', 'back', 'crisis', 'wrong', 'evidence'] as const;
type NavigationButton = (typeof NAVIGATION_BUTTONS)[number];

/** A navigation button's own label in this engine's language: what typing the button's word in any language means. */
function navigationLabel(engine: Engine, button: NavigationButton): string {
  const { labels } = engine.content.flow.messages;
  return button === 'wrong' ? engine.content.understanding.messages.wrong : labels[button];
}

/**
 * One step of the conversation in the person's language. The language is the frame around the flow: chosen on
 * follow from the LINE profile, switched by the language buttons or by typing a language's name, kept in the
 * session; switching shows the same place in the new language. Everything else is the flow's own step.
 */
export function stepInLanguage(localized: LocalizedEngine, saved: Session | undefined, event: BotEvent): LocalizedStepResult {
  const current = saved?.locale ?? SOURCE_LOCALE;
  switch (event.type) {
    case 'follow': {
      const { locale, guessed } = toProfileLocale(event.language);
      const result = step(engineFor(localized, locale), saved, event);
      return inLocale(locale, guessed ? offerJapanese(localized, result) : result);
    }
    case 'text': {
      const typed = localized.normalize(event.text);
      const chosen = localized.typedLanguages.get(typed);
      if (chosen) return switchTo(localized, saved, chosen);
      const engine = engineFor(localized, current);
      // 戻る typed in a やさしい日本語 session, "back" in a Japanese one: the button of this language.
      const button = localized.navigationWords.get(typed);
      const text = button ? navigationLabel(engine, button) : event.text;
      const result = step(engine, saved, { type: 'text', text });
      // English typed into a Japanese session is understood, and answered in Japanese: offer English in one tap.
      return inLocale(current, current !== 'en' && looksEnglish(event.text) ? offerLocales(result, ['en']) : result);
    }
    case 'postback': {
      const chosen = decodeLanguagePostback(event.data);
      if (chosen?.locale) return switchTo(localized, saved, chosen.locale);
      if (chosen) return { session: saved ?? null, reply: [{ kind: 'language-menu' }], outcome: 'language-menu', locale: current };
      break;
    }
    case 'unfollow':
    case 'other-message':
    case 'in-group':
      break;
  }
  return inLocale(current, step(engineFor(localized, current), saved, event));
}

function switchTo(localized: LocalizedEngine, saved: Session | undefined, locale: Locale): LocalizedStepResult {
  const result = resume(engineFor(localized, locale), saved, localized.languages.languages[locale].switched);
  return { ...inLocale(locale, result), outcome: 'language' };
}

/** The profile's language was neither Japanese nor English: say why this is English, and offer Japanese at once. */
function offerJapanese(localized: LocalizedEngine, result: StepResult): StepResult {
  const reply = result.reply.map((part, index): ReplyPart =>
    index === result.reply.length - 1 && part.kind === 'question' ? { ...part, intro: localized.languages.menu.guessed } : part,
  );
  return offerLocales({ ...result, reply }, ['ja', 'ja-easy']);
}

/** One-tap switches to these languages among the reply's closing buttons (a question's, or a result's). */
function offerLocales(result: StepResult, locales: readonly Locale[]): StepResult {
  const reply = result.reply.map((part, index): ReplyPart =>
    index === result.reply.length - 1 && (part.kind === 'question' || part.kind === 'after-result') ? { ...part, offerLocales: locales } : part,
  );
  return { ...result, reply };
}

function inLocale(locale: Locale, result: StepResult): LocalizedStepResult {
  return { ...result, session: result.session && { ...result.session, locale }, locale };
}

function engineFor(localized: LocalizedEngine, locale: Locale): Engine {
  const engine = localized.engines.get(locale);
  if (!engine) throw new Error(`no engine for locale ${locale}`);
  return engine;
}
