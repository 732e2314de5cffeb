/** Latin letters, and the scripts Japanese is written in. */
const LATIN_LETTER = /[A-Za-z]/g;
const JAPANESE = /[\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Han}]/u;
/** At least this many Latin letters in at least two words: "help" or "LINE" alone is not a language. */
const MIN_LETTERS = 6;

/**
 * Whether a typed message reads as English (or another language in Latin letters, romaji included): Latin words
 * and no Japanese script. Used only to offer the English chip, which costs a misjudged writer nothing.
 */
export function looksEnglish(text: string): boolean {
  if (JAPANESE.test(text)) return false;
  const words = text.split(/\s+/).filter((word) => /[A-Za-z]/.test(word));
  return words.length >= 2 && (text.match(LATIN_LETTER)?.length ?? 0) >= MIN_LETTERS;
}
