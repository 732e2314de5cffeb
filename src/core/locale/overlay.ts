/**
 * Translation overlays: a locale's text for a content document, keyed like the document itself, so a translator
 * sees one short file per locale and the loader can tell exactly what is missing or left over.
 *
 * Keys are derived from the source (Japanese) document, never listed by hand: every string a person can read (one
 * with a kana or kanji in it) is a key, named by its path with list items that carry an `id` named by that id
 * (`questions.situation.options.trouble.label`) and other list items by position (`phones.0.label`). Text added to
 * the source later is therefore a missing key in every overlay until someone translates it.
 */

/**
 * A string a person reads: it has Japanese in it (kana, kanji, Japanese punctuation or full-width forms, ※, ・).
 * Ids, numbers, URLs and enum values have none.
 */
const PERSON_TEXT = /[\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Han}\u3000-\u303f\uff00-\uffef\u203b\u30fb]/u;
/** `{ttlMinutes}` and the like: filled in by code, so every translation must keep the same ones. */
const PLACEHOLDER = /\{[A-Za-z]+\}/g;

type PathSegment = string | number;

export interface TextSlot {
  /** Where the text sits in the source document. */
  readonly path: readonly PathSegment[];
  readonly text: string;
}

/** How one source document is translated. */
export interface OverlayRule {
  /** Top-level fields that are not shown to people (e.g. words matched against what people type). */
  readonly skip?: readonly string[];
  /** Fields, at any depth, that are not shown to people (e.g. `phrases` of understanding entries). */
  readonly skipFields?: readonly string[];
  /**
   * Fields whose source text stays (names people must recognise when they call); the locale's text goes beside it
   * in `<field>Note`.
   */
  readonly keep?: readonly string[];
}

/** Every person-facing string of a source document, by key. */
export function collectTexts(doc: unknown, rule: OverlayRule = {}): Map<string, TextSlot> {
  const slots = new Map<string, TextSlot>();
  const visit = (node: unknown, path: PathSegment[], key: string[]): void => {
    if (typeof node === 'string') {
      if (PERSON_TEXT.test(node)) slots.set(key.join('.'), { path, text: node });
      return;
    }
    if (Array.isArray(node)) {
      const byId = hasIds(node);
      node.forEach((item, index) => {
        const name = byId ? String((item as { id: string }).id) : String(index);
        visit(item, [...path, index], [...key, name]);
      });
      return;
    }
    if (typeof node === 'object' && node !== null) {
      for (const [field, value] of Object.entries(node)) {
        if ((path.length === 0 && rule.skip?.includes(field)) || rule.skipFields?.includes(field)) continue;
        visit(value, [...path, field], [...key, field]);
      }
    }
  };
  visit(doc, [], []);
  return slots;
}

/** An overlay document's strings by key; lists count by position, maps by name (ids are written as map keys). */
export function flattenOverlay(doc: unknown): Map<string, unknown> {
  const out = new Map<string, unknown>();
  const visit = (node: unknown, key: string[]): void => {
    if (Array.isArray(node)) node.forEach((item, index) => visit(item, [...key, String(index)]));
    else if (typeof node === 'object' && node !== null) {
      for (const [field, value] of Object.entries(node)) visit(value, [...key, field]);
    } else out.set(key.join('.'), node);
  };
  if (doc !== null && doc !== undefined) visit(doc, []);
  return out;
}

export interface OverlayResult {
  /** The source document with the locale's text in place; unchanged where problems were found. */
  readonly doc: unknown;
  /** "key: problem", one per missing, extra or malformed key. */
  readonly problems: readonly string[];
}

/**
 * Puts the overlay's text into a copy of the source document, checking that every key is there, and no other.
 * `translatedFrom` holds, by key, the source text each translation was made from: a translation whose source text
 * has changed since is out of date, and reported like a missing one.
 */
export function applyOverlay(
  source: unknown,
  overlay: unknown,
  rule: OverlayRule = {},
  translatedFrom?: ReadonlyMap<string, string>,
): OverlayResult {
  const slots = collectTexts(source, rule);
  const texts = flattenOverlay(overlay);
  const problems: string[] = [];
  const doc = structuredClone(source);
  for (const [key, slot] of slots) {
    const text = texts.get(key);
    if (text === undefined) {
      problems.push(`${key}: missing (the source says "${slot.text}")`);
      continue;
    }
    if (typeof text !== 'string' || text.trim() === '') {
      problems.push(`${key}: must be a non-empty string`);
      continue;
    }
    const from = translatedFrom?.get(key);
    if (translatedFrom && from !== slot.text) {
      problems.push(
        from === undefined
          ? `${key}: not marked as translated from the current source "${slot.text}" (check it, then npm run locales:stamp)`
          : `${key}: out of date: the source changed from "${from}" to "${slot.text}" (translate again, then npm run locales:stamp)`,
      );
    }
    const expected = placeholders(slot.text);
    if (placeholders(text) !== expected) problems.push(`${key}: must keep the placeholders ${expected || '(none)'}`);
    const field = slot.path.at(-1);
    if (typeof field === 'string' && rule.keep?.includes(field)) setAt(doc, [...slot.path.slice(0, -1), `${field}Note`], text);
    else setAt(doc, slot.path, text);
  }
  for (const key of texts.keys()) {
    if (!slots.has(key)) problems.push(`${key}: not in the source (a typo, or text the source no longer has)`);
  }
  return { doc, problems };
}

/**
 * Names a problem found in a translated document by its overlay key: "questions.found.options[1].label: …"
 * becomes "questions.found.options.harmful.label: …", as the translator wrote it.
 */
export function toOverlayProblem(doc: unknown, problem: string): string {
  const match = /^([^:\s]+): (.*)$/s.exec(problem);
  if (!match?.[1]) return problem;
  const segments = match[1].match(/[^.[\]]+/g) ?? [];
  let node = doc;
  const key = segments.map((segment) => {
    const index = /^\d+$/.test(segment) ? Number(segment) : undefined;
    if (Array.isArray(node) && index !== undefined) {
      const named = hasIds(node) ? String((node[index] as { id: string }).id) : segment;
      node = node[index];
      return named;
    }
    node = typeof node === 'object' && node !== null ? (node as Record<string, unknown>)[segment] : undefined;
    return segment;
  });
  return `${key.join('.')}: ${match[2]}`;
}

function hasIds(list: readonly unknown[]): boolean {
  return list.length > 0 && list.every((item) => typeof item === 'object' && item !== null && typeof (item as { id?: unknown }).id === 'string');
}

function placeholders(text: string): string {
  return [...text.matchAll(PLACEHOLDER)].map((m) => m[0]).sort().join(' ');
}

function setAt(doc: unknown, path: readonly PathSegment[], value: string): void {
  let node = doc as Record<PathSegment, unknown>;
  for (const segment of path.slice(0, -1)) node = node[segment] as Record<PathSegment, unknown>;
  const last = path.at(-1);
  if (last !== undefined) node[last] = value;
}
