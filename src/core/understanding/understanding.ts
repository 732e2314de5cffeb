import { z } from 'zod';
import type { Flow } from '../flow/flow';
import { LINE_LIMITS } from '../line-limits';
import { createTextNormalizer, type NormalizeText } from './normalize-text';

const id = z.string().regex(/^[a-z][a-z0-9_]*$/, 'lower-case letters, digits and _').max(40);
const phrases = z.array(z.string().min(1)).min(1);
const understood = z.string().min(1).max(300);
const words = z.array(z.string().min(1)).default([]);

const resultEntrySchema = z
  .object({ id, understood, result: id, ifWrong: id.optional(), phrases })
  .strict();
const optionEntrySchema = z
  .object({ id, understood, option: z.string().regex(/^[a-z0-9_]+\.[a-z0-9_]+$/, 'questionId.optionId'), phrases })
  .strict();
const questionEntrySchema = z.object({ id, understood, question: id, guess: id, phrases }).strict();
/** What an intent of the classifier leads to: the same targets, without phrases (the model decides). */
const intentTargetSchema = z.union([
  resultEntrySchema.omit({ id: true, phrases: true }),
  optionEntrySchema.omit({ id: true, phrases: true }),
  questionEntrySchema.omit({ id: true, phrases: true }),
]);
const smallTalkSchema = z
  .object({ id, say: z.string().min(1).max(1000), then: z.enum(['first-question', 'same-place']), phrases })
  .strict();

export const understandingSchema = z
  .object({
    spellings: z.record(z.string().min(1), z.array(z.string().min(1)).min(1)).default({}),
    threat: z.array(resultEntrySchema).min(1),
    /** Windows asked about by name: `id` is the agency or crisis hotline, `result` one that shows it. */
    windows: z.array(resultEntrySchema).default([]),
    situations: z.array(z.union([resultEntrySchema, optionEntrySchema, questionEntrySchema])).min(1),
    smallTalk: z.array(smallTalkSchema).default([]),
    intents: z.record(id, intentTargetSchema).default({}),
    navigation: z
      .object({ restart: words, back: words, wrong: words, evidence: words.default([]) })
      .strict()
      .default({ restart: [], back: [], wrong: [], evidence: [] }),
    messages: z
      .object({
        wrong: z.string().min(1).max(LINE_LIMITS.quickReplyLabel),
        several: z.string().min(1).max(300),
        notUnderstood: z.string().min(1).max(1000),
      })
      .strict(),
  })
  .strict();

/**
 * Where an entry sends the person.
 * - result: straight to that result, with a ちがう button to `wrongQuestionId`, the question that would have asked;
 * - option: as if that option had been tapped;
 * - question: that question, with the best guess as its first button;
 * - say: a friendly answer, then the first question or the person's current place.
 */
export type UnderstandingTarget =
  | { readonly kind: 'result'; readonly resultId: string; readonly wrongQuestionId: string }
  | { readonly kind: 'option'; readonly questionId: string; readonly optionId: string }
  | { readonly kind: 'question'; readonly questionId: string; readonly guessOptionId: string }
  | { readonly kind: 'say'; readonly text: string; readonly then: 'first-question' | 'same-place' };

/**
 * Which answer wins when several phrases match: a threat over a window named over any situation, a clear one over a
 * vague one, small talk last. `intent`: an answer of the classifier (never matched by phrases).
 */
export type UnderstandingTier = 'threat' | 'window' | 'clear' | 'vague' | 'small-talk' | 'intent';

export interface UnderstandingEntry {
  /** `section.id`, e.g. `situations.delete_post`: what the logs carry. */
  readonly id: string;
  readonly tier: UnderstandingTier;
  /** The line that says what was understood (「書き込みの削除についてですね。」). */
  readonly understood?: string;
  readonly target: UnderstandingTarget;
  /** Normalised. */
  readonly phrases: readonly string[];
}

/** flows/understanding.yaml, checked against the flow, its phrases normalised once. */
export interface Understanding {
  readonly normalize: NormalizeText;
  readonly entries: readonly UnderstandingEntry[];
  readonly messages: z.infer<typeof understandingSchema>['messages'];
  /** Whole messages that count as a navigation button besides its label (もどる, 違う), not yet normalised. */
  readonly navigation: z.infer<typeof understandingSchema>['navigation'];
  /** What each intent of the classifier leads to, by intent (entries of tier `intent`, no phrases). */
  readonly intents: ReadonlyMap<string, UnderstandingEntry>;
  /** The spellings as written, which a trained model must have been trained with. */
  readonly spellings: Readonly<Record<string, readonly string[]>>;
}

/** Intents the conversation answers itself: the crisis card, small talk by its phrases, the apology. */
export const BUILT_IN_INTENTS: ReadonlySet<string> = new Set(['crisis', 'small_talk', 'none']);

/**
 * Checks every entry against the flow (targets exist; no phrase that is empty once normalised; no phrase that points
 * two ways, here or as a crisis word). Returns the problems as "section[index] (id): …", or the Understanding.
 */
export function toUnderstanding(
  parsed: z.infer<typeof understandingSchema>,
  flow: Flow,
  crisisHotlineIds: ReadonlySet<string> = new Set(),
): { understanding: Understanding; problems: string[] } {
  const problems: string[] = [];
  const normalize = createTextNormalizer(new Map(Object.entries(parsed.spellings)));
  const checkWords = (where: string, words: readonly string[]) =>
    words.forEach((word, index) => {
      if (!normalize(word)) problems.push(`${where}[${index}]: 「${word}」 is empty once normalised`);
    });
  for (const [main, variants] of Object.entries(parsed.spellings)) checkWords(`spellings.${main}`, variants);
  for (const [button, words] of Object.entries(parsed.navigation)) checkWords(`navigation.${button}`, words);
  const parents = parentQuestions(flow);
  const entries: UnderstandingEntry[] = [];
  const add = (section: string, index: number | undefined, entry: { id: string; phrases: string[] }, tier: UnderstandingTier, target: UnderstandingTarget | string, understoodLine?: string) => {
    const where = index === undefined ? `${section}.${entry.id}` : `${section}[${index}] (${entry.id})`;
    if (typeof target === 'string') {
      problems.push(`${where}: ${target}`);
      return;
    }
    const normalized: string[] = [];
    entry.phrases.forEach((phrase, i) => {
      const folded = normalize(phrase);
      if (folded) normalized.push(folded);
      else problems.push(`${where}.phrases[${i}]: 「${phrase}」 is empty once normalised`);
    });
    entries.push({ id: `${section}.${entry.id}`, tier, target, phrases: normalized, ...(understoodLine && { understood: understoodLine }) });
  };
  const toResult = (resultId: string, ifWrong: string | undefined): UnderstandingTarget | string => {
    if (!(resultId in flow.results)) return `result "${resultId}" is not a result of the flow`;
    const wrongQuestionId = ifWrong ?? parents.get(resultId);
    if (!wrongQuestionId || !(wrongQuestionId in flow.questions)) return `ifWrong "${ifWrong}" is not a question of the flow`;
    return { kind: 'result', resultId, wrongQuestionId };
  };
  const toTarget = (entry: z.infer<typeof intentTargetSchema>): UnderstandingTarget | string => {
    if ('result' in entry) return toResult(entry.result, entry.ifWrong);
    if ('option' in entry) {
      const [questionId = '', optionId = ''] = entry.option.split('.');
      const known = flow.questions[questionId]?.options.some((o) => o.id === optionId);
      return known ? { kind: 'option', questionId, optionId } : `option "${entry.option}" is not an option of the flow`;
    }
    const known = flow.questions[entry.question]?.options.some((o) => o.id === entry.guess);
    return known ? { kind: 'question', questionId: entry.question, guessOptionId: entry.guess } : `question "${entry.question}" has no option "${entry.guess}"`;
  };
  parsed.threat.forEach((entry, index) => add('threat', index, entry, 'threat', toResult(entry.result, entry.ifWrong), entry.understood));
  parsed.windows.forEach((entry, index) => {
    const shows = flow.results[entry.result];
    const shown = shows && (shows.agencies.some((agency) => agency.id === entry.id) || (shows.crisisHotlines && crisisHotlineIds.has(entry.id)));
    add('windows', index, entry, 'window', shown ? toResult(entry.result, entry.ifWrong) : `result "${entry.result}" does not show the window "${entry.id}"`, entry.understood);
  });
  parsed.situations.forEach((entry, index) =>
    add('situations', index, entry, 'question' in entry ? 'vague' : 'clear', toTarget(entry), entry.understood),
  );
  parsed.smallTalk.forEach((entry, index) => add('smallTalk', index, entry, 'small-talk', { kind: 'say', text: entry.say, then: entry.then }));
  problems.push(...findConflicts(entries));
  const intents = new Map<string, UnderstandingEntry>();
  for (const [intent, entry] of Object.entries(parsed.intents)) {
    if (BUILT_IN_INTENTS.has(intent)) {
      problems.push(`intents.${intent}: answered by the conversation itself (the crisis card, small talk, the apology); remove it`);
      continue;
    }
    add('intents', undefined, { id: intent, phrases: [] }, 'intent', toTarget(entry), entry.understood);
    const added = entries.at(-1);
    if (added?.id === `intents.${intent}`) intents.set(intent, entries.pop()!);
  }
  const understanding = { normalize, entries, messages: parsed.messages, navigation: parsed.navigation, intents, spellings: parsed.spellings };
  return { understanding, problems };
}

/** The same phrase (once normalised) in two entries that send the person to different places. */
function findConflicts(entries: readonly UnderstandingEntry[]): string[] {
  const seen = new Map<string, UnderstandingEntry>();
  const problems: string[] = [];
  for (const entry of entries) {
    for (const phrase of new Set(entry.phrases)) {
      const other = seen.get(phrase);
      if (other && JSON.stringify(other.target) !== JSON.stringify(entry.target)) {
        problems.push(`${entry.id}: the phrase 「${phrase}」 also points elsewhere, in ${other.id}`);
      } else if (!other) {
        seen.set(phrase, entry);
      }
    }
  }
  return problems;
}

/** For each node, the question that leads to it on the fewest taps: where 「ちがう」 goes by default. */
function parentQuestions(flow: Flow): Map<string, string> {
  const parents = new Map<string, string>();
  const queue = [flow.start];
  for (let head = 0; head < queue.length; head++) {
    const questionId = queue[head]!;
    for (const option of flow.questions[questionId]?.options ?? []) {
      if (!parents.has(option.next) && option.next !== flow.start) {
        parents.set(option.next, questionId);
        queue.push(option.next);
      }
    }
  }
  return parents;
}
