import { createHash } from 'node:crypto';
import type { LocalizedContent } from '../../src/core/content';
import { createIntentClassifier, type IntentClassifier, type IntentGuess, type IntentModel } from '../../src/core/understanding/intent-model';
import { trainIntentWeights, TRAINING_SETTINGS, type TrainingExample, type TrainingSettings } from '../../src/core/understanding/train-intent-model';
import { createBot, scoreMessage, type IntentRules, type LabelledMessage, type Scored } from './score-corpus';

/** The training examples of a corpus: each message under its first intent; questions about a window by name are matched by name, not learnt. */
export function toExamples(content: LocalizedContent, items: readonly LabelledMessage[]): TrainingExample[] {
  return items
    .filter((item) => item.intents[0] !== 'window')
    .map((item) => ({
      normalized: content.understanding.normalize(item.text),
      // Small talk is learnt by kind (small_talk:greeting…), so a greeting no phrase knows still gets its answer.
      intent: item.intents[0] === 'small_talk' ? `small_talk:${item.say}` : item.intents[0]!,
    }));
}

/** sha256 of everything training reads (the examples, the spellings, the settings): the model's `trainingHash`. */
export function trainingHashOf(content: LocalizedContent, examples: readonly TrainingExample[], settings: TrainingSettings = TRAINING_SETTINGS): string {
  const sorted = examples.map((e) => `${e.intent}\t${e.normalized}`).sort();
  return createHash('sha256').update(JSON.stringify({ sorted, spellings: content.understanding.spellings, settings })).digest('hex');
}

export const intentsOf = (examples: readonly TrainingExample[]) => [...new Set(examples.map((e) => e.intent))].sort();

/** A classifier from freshly trained weights, with the given bands (no file, no hash). */
export function classifierFrom(
  content: LocalizedContent,
  examples: readonly TrainingExample[],
  intents: readonly string[],
  bands: IntentModel['bands'],
  settings: TrainingSettings = TRAINING_SETTINGS,
): IntentClassifier {
  const weights = trainIntentWeights(examples, intents, settings);
  return createIntentClassifier({ format: 1, trainingHash: '0'.repeat(64), spellings: content.understanding.spellings as Record<string, string[]>, bands, ...weights });
}

/** FNV-1a: a fixed, spread-out order of messages for the folds. */
function fnv(text: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) hash = Math.imul(hash ^ text.charCodeAt(i), 0x01000193) >>> 0;
  return hash;
}

/** Deterministic stratified folds: by intent, then by a hash of the text, dealt round. */
export function foldsOf(items: readonly LabelledMessage[], folds: number): number[] {
  const order = items
    .map((item, index) => ({ index, key: `${item.intents[0]}\u0000${fnv(item.text).toString(16).padStart(8, '0')}\u0000${item.text}` }))
    .sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  const fold = new Array<number>(items.length);
  order.forEach(({ index }, rank) => (fold[index] = rank % folds));
  return fold;
}

/**
 * k-fold cross-validation of the whole answer (rules, phrases and a classifier trained without the fold), scored by
 * the rule of intents.yaml. Also returns each message's out-of-fold guesses, for choosing the bands.
 */
export function crossValidate(
  content: LocalizedContent,
  rules: IntentRules,
  items: readonly LabelledMessage[],
  options: { folds?: number; bands: IntentModel['bands']; settings?: TrainingSettings; twoTaps?: boolean },
): { scored: Scored[]; guesses: Map<string, readonly IntentGuess[]> } {
  const folds = options.folds ?? 5;
  const fold = foldsOf(items, folds);
  const intents = intentsOf(toExamples(content, items));
  const scored = new Array<Scored>(items.length);
  const guesses = new Map<string, readonly IntentGuess[]>();
  for (let k = 0; k < folds; k++) {
    const training = toExamples(content, items.filter((_item, i) => fold[i] !== k));
    const classifier = classifierFrom(content, training, intents, options.bands, options.settings);
    const bot = createBot(content, classifier);
    items.forEach((item, i) => {
      if (fold[i] !== k) return;
      const normalized = content.understanding.normalize(item.text);
      guesses.set(normalized, classifier.classify(normalized));
      scored[i] = scoreMessage(bot, rules, item, { twoTaps: options.twoTaps ?? true });
    });
  }
  return { scored, guesses };
}

/** A classifier that answers with recorded guesses (out-of-fold), to try bands without training again. */
export function replayClassifier(intents: readonly string[], guesses: ReadonlyMap<string, readonly IntentGuess[]>, bands: IntentModel['bands']): IntentClassifier {
  const none: readonly IntentGuess[] = [{ intent: 'none', probability: 1 }];
  return { intents, bands, classify: (normalized) => guesses.get(normalized) ?? none };
}
