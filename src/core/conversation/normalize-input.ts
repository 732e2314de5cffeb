/**
 * Folds typed text to compare it with labels and words: NFKC (full-width digits and letters), katakana to
 * hiragana, no whitespace, no closing punctuation. People type on phones in many ways; a match must not depend on it.
 */
export function normalizeInput(text: string): string {
  return text
    .normalize('NFKC')
    .replace(/[\u30a1-\u30f6]/g, (ch) => String.fromCharCode(ch.charCodeAt(0) - 0x60))
    .replace(/\s+/g, '')
    .replace(/[。．.!！?？、,]+$/u, '')
    .toLowerCase();
}
