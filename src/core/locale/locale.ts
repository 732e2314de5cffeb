/**
 * The languages the bot speaks. `ja` is the source: the text in flows/ and data/ as written. The others are
 * overlays keyed like it (flows/locales/, data/locales/): `ja-easy` is やさしい日本語 (the government's guideline:
 * short sentences, one idea each, everyday words), `en` is English.
 */
export const LOCALES = ['ja', 'ja-easy', 'en'] as const;
export type Locale = (typeof LOCALES)[number];

/** The locale every content file is written in, and the one used when nothing else is known. */
export const SOURCE_LOCALE: Locale = 'ja';

/** The locales that are overlays on the source. */
export const OVERLAY_LOCALES = LOCALES.filter((locale) => locale !== SOURCE_LOCALE);

export function isLocale(value: unknown): value is Locale {
  return (LOCALES as readonly unknown[]).includes(value);
}

/** What the LINE profile's language tells us: the locale to start in, and whether it was a guess. */
export interface ProfileLocale {
  readonly locale: Locale;
  /** True when the profile's language is neither Japanese nor English: English is offered, Japanese one tap away. */
  readonly guessed: boolean;
}

/**
 * The locale for a LINE profile's `language` (a BCP 47 tag such as "en", "en-US", "ja", "pt-BR"; absent when the
 * person has not shared it or the profile could not be read in time), or for one of the bot's own locales by name.
 * @see https://developers.line.biz/en/reference/messaging-api/#get-profile
 */
export function toProfileLocale(language: string | undefined): ProfileLocale {
  if (language === undefined) return { locale: SOURCE_LOCALE, guessed: false };
  const tag = language.toLowerCase().replaceAll('_', '-');
  // No LINE app is set to やさしい日本語; the browser preview's ?lang=ja-easy plays a person who would be.
  if (isLocale(tag)) return { locale: tag, guessed: false };
  const primary = tag.split('-')[0];
  if (primary === 'ja') return { locale: 'ja', guessed: false };
  if (primary === 'en') return { locale: 'en', guessed: false };
  return { locale: 'en', guessed: true };
}
