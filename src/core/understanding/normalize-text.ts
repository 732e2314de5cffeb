import { foldText } from './fold-text';
import { createPatternScanner } from './pattern-scanner';

/** Turns typed text (or a phrase of the content) into the one form phrases are compared in. */
export type NormalizeText = (text: string) => string;

/**
 * Folds the text (foldText), then rewrites each spelling variant to its main spelling (ひぼうちゅうしょう → 誹謗中傷),
 * leftmost-longest, in one more linear pass. Phrases go through the same function at start-up, so a phrase written
 * in any spelling meets the text in any spelling.
 *
 * @param spellings main spelling → the other ways people write it (folded here; checked by parseUnderstanding)
 */
export function createTextNormalizer(spellings: ReadonlyMap<string, readonly string[]>): NormalizeText {
  const replacements: string[] = [];
  const patterns: string[] = [];
  for (const [main, variants] of spellings) {
    const folded = foldText(main);
    // The main spelling maps to itself, so a variant inside it (中傷 in 誹謗中傷) is not rewritten again.
    for (const variant of [main, ...variants]) {
      patterns.push(foldText(variant));
      replacements.push(folded);
    }
  }
  const scanner = createPatternScanner(patterns);
  return (text) => {
    const folded = foldText(text);
    if (patterns.length === 0) return folded;
    // For each start, the longest variant found there (its pattern index + 1; 0 for none).
    const longestAt = new Int32Array(folded.length);
    scanner.scan(folded, (index, end) => {
      const start = end - patterns[index]!.length;
      const known = longestAt[start]!;
      if (known === 0 || patterns[known - 1]!.length < patterns[index]!.length) longestAt[start] = index + 1;
    });
    let out = '';
    let copiedTo = 0;
    for (let i = 0; i < folded.length; ) {
      const found = longestAt[i]!;
      if (found === 0) {
        i += 1;
        continue;
      }
      out += folded.slice(copiedTo, i) + replacements[found - 1]!;
      i += patterns[found - 1]!.length;
      copiedTo = i;
    }
    return copiedTo === 0 ? folded : out + folded.slice(copiedTo);
  };
}
