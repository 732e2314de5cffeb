import { z } from 'zod';
import { distinctNgrams } from './char-ngrams';

/**
 * The trained intent classifier (flows/understanding-model.json, written by `npm run train:understanding`):
 * multinomial logistic regression over the character n-grams of the normalised text. Weights are integers (the
 * real weight times `scale`), stored per n-gram as [intent index, weight, intent index, weight, …] for the intents
 * whose weight survived pruning.
 */
export const intentModelSchema = z
  .object({
    format: z.literal(1),
    /** sha256 of what it was trained on (the corpus, the spellings and the settings): retrain when it changes. */
    trainingHash: z.string().regex(/^[0-9a-f]{64}$/),
    /** The spellings of flows/understanding.yaml it was trained with: the features are n-grams of text they rewrote. */
    spellings: z.record(z.string(), z.array(z.string())),
    intents: z.array(z.string().regex(/^[a-z_]+(:[a-z0-9_]+)?$/)).min(2),
    longestNgram: z.number().int().min(1).max(5),
    scale: z.number().int().positive(),
    /** Chosen by cross-validation: at or above `confident` the intent is answered; from `unsure`, asked about. */
    bands: z.object({ confident: z.number().min(0).max(1), unsure: z.number().min(0).max(1) }).strict(),
    bias: z.array(z.number().int()),
    features: z.record(z.string().min(1), z.array(z.number().int())),
    /** The cross-validation figures the bands were chosen on, for the README. */
    crossValidation: z.record(z.string(), z.unknown()).optional(),
  })
  .strict();

export type IntentModel = z.infer<typeof intentModelSchema>;

export interface IntentGuess {
  readonly intent: string;
  readonly probability: number;
}

export interface IntentClassifier {
  readonly intents: readonly string[];
  readonly bands: IntentModel['bands'];
  /** The cross-validation figures the bands were chosen on, as training recorded them. */
  readonly crossValidation?: IntentModel['crossValidation'];
  /** Every intent with its probability, the likeliest first. Linear in the text. */
  classify(normalized: string): readonly IntentGuess[];
}

/** Problems with a model's shape beyond its schema ("field: problem"), or none. */
export function checkIntentModel(model: IntentModel): string[] {
  const problems: string[] = [];
  if (model.bias.length !== model.intents.length) problems.push(`bias: ${model.bias.length} weights for ${model.intents.length} intents`);
  if (model.bands.unsure > model.bands.confident) problems.push('bands: unsure is above confident');
  for (const [gram, pairs] of Object.entries(model.features)) {
    if (pairs.length % 2 !== 0 || pairs.some((value, i) => i % 2 === 0 && (value < 0 || value >= model.intents.length))) {
      problems.push(`features.${gram}: not [intent index, weight] pairs`);
      break;
    }
  }
  return problems;
}

export function createIntentClassifier(model: IntentModel): IntentClassifier {
  const classes = model.intents.length;
  const index = new Map<string, Int32Array>();
  for (const [gram, pairs] of Object.entries(model.features)) index.set(gram, Int32Array.from(pairs));
  const bias = model.bias.map((weight) => weight / model.scale);
  return {
    intents: model.intents,
    bands: model.bands,
    ...(model.crossValidation && { crossValidation: model.crossValidation }),
    classify(normalized) {
      const sums = new Float64Array(classes);
      const grams = distinctNgrams(normalized, model.longestNgram);
      for (const gram of grams) {
        const pairs = index.get(gram);
        if (!pairs) continue;
        for (let i = 0; i < pairs.length; i += 2) sums[pairs[i]!]! += pairs[i + 1]!;
      }
      // Each n-gram weighs 1/√(distinct n-grams of the text), known or not, as in training: unit-length features.
      const norm = grams.size > 0 ? 1 / (Math.sqrt(grams.size) * model.scale) : 0;
      const logits = bias.map((b, c) => b + sums[c]! * norm);
      return softmax(logits)
        .map((probability, c) => ({ intent: model.intents[c]!, probability }))
        .sort((a, b) => b.probability - a.probability);
    },
  };
}

export function softmax(logits: readonly number[]): number[] {
  const max = Math.max(...logits);
  const exps = logits.map((logit) => Math.exp(logit - max));
  const total = exps.reduce((sum, value) => sum + value, 0);
  return exps.map((value) => value / total);
}
