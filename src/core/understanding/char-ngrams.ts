/**
 * The features of the intent classifier: every run of 1 to `longest` characters of the normalised text, the text's
 * start and end marked by a space (normalised text holds only letters and digits), so 「消して」 at the end of a
 * message differs from one in its middle. Each distinct n-gram counts once.
 */
export function distinctNgrams(normalized: string, longest: number): Set<string> {
  const marked = ` ${normalized} `;
  const grams = new Set<string>();
  for (let start = 0; start < marked.length; start++) {
    for (let length = 1; length <= longest && start + length <= marked.length; length++) {
      if (length === 1 && (start === 0 || start === marked.length - 1)) continue;
      grams.add(marked.slice(start, start + length));
    }
  }
  return grams;
}
