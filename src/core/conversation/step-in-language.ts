import type { LocalizedContent } from '../content';
import type { Flow } from '../flow/flow';
import { SOURCE_LOCALE, toProfileLocale, type Locale } from '../locale/locale';
import type { Languages } from '../locale/languages';
import type { NormalizeText } from '../understanding/normalize-text';
import { decodeLanguagePostback } from '../postback';
import type { BotEvent } from './bot-event';
import { createEngine, type Engine } from './engine';
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
  readonly normalize: NormalizeText;
}

/** How an event was handled: the flow's outcomes, and the language switched or its menu shown. */
export type LocalizedOutcome = Outcome | 'language' | 'language-menu';

export interface LocalizedStepResult extends Omit<StepResult, 'outcome'> {
  /** The language the reply is written in. */
  readonly locale: Locale;
  readonly outcome: LocalizedOutcome;
}

export function createLocalizedEngine(content: LocalizedContent, options: { sessionTtlMinutes: number }): LocalizedEngine {
  const engines = new Map([...content.byLocale].map(([locale, localized]) => [locale, createEngine(localized, options)]));
  const typedLanguages = new Map<string, Locale>();
  for (const [locale, language] of Object.entries(content.languages.languages) as [Locale, Languages['languages'][Locale]][]) {
    for (const word of language.typed) typedLanguages.set(content.understanding.normalize(word), locale);
  }
  return { engines, flow: content.flow, languages: content.languages, typedLanguages, normalize: content.understanding.normalize };
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
      const chosen = localized.typedLanguages.get(localized.normalize(event.text));
      if (chosen) return switchTo(localized, saved, chosen);
      break;
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
    index === result.reply.length - 1 && part.kind === 'question'
      ? { ...part, intro: localized.languages.menu.guessed, offerLocales: ['ja', 'ja-easy'] }
      : part,
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
