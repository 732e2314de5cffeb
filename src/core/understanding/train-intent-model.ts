import { createSeededRandom } from '../seeded-random';
import { distinctNgrams } from './char-ngrams';
import { softmax, type IntentModel } from './intent-model';

export interface TrainingExample {
  /** Normalised as typed text is (Understanding.normalize). */
  readonly normalized: string;
  readonly intent: string;
}

export interface TrainingSettings {
  readonly longestNgram: number;
  /** An n-gram becomes a feature when at least this many training messages hold it. */
  readonly minMessages: number;
  readonly epochs: number;
  readonly learningRate: number;
  readonly l2: number;
  /** Weights smaller than this (before scaling) are dropped: most of them, at little cost in accuracy. */
  readonly prune: number;
  readonly scale: number;
  readonly seed: number;
}

export const TRAINING_SETTINGS: TrainingSettings = {
  longestNgram: 3,
  minMessages: 2,
  epochs: 25,
  learningRate: 0.5,
  l2: 1e-5,
  prune: 0.6,
  scale: 100,
  seed: 20261205,
};

/** What training decides; the caller adds the bands, the hash and the spellings. */
export type TrainedWeights = Pick<IntentModel, 'intents' | 'longestNgram' | 'scale' | 'bias' | 'features'>;

/**
 * Multinomial logistic regression by stochastic gradient descent with AdaGrad steps and L2, over unit-length binary
 * n-gram features. Deterministic: the examples are sorted, the order of each epoch comes from a seeded generator,
 * and the vocabulary and the output are sorted.
 */
export function trainIntentWeights(input: readonly TrainingExample[], intents: readonly string[], settings: TrainingSettings = TRAINING_SETTINGS): TrainedWeights {
  const examples = [...input].sort((a, b) => compare(a.normalized, b.normalized) || compare(a.intent, b.intent));
  const classes = intents.length;
  const classOf = new Map(intents.map((intent, index) => [intent, index]));
  const gramsOf = examples.map((example) => distinctNgrams(example.normalized, settings.longestNgram));
  const messagesWith = new Map<string, number>();
  for (const grams of gramsOf) for (const gram of grams) messagesWith.set(gram, (messagesWith.get(gram) ?? 0) + 1);
  const vocabulary = [...messagesWith].filter(([, count]) => count >= settings.minMessages).map(([gram]) => gram).sort(compare);
  const featureOf = new Map(vocabulary.map((gram, index) => [gram, index]));
  const rows = examples.map((example, i) => {
    const grams = gramsOf[i]!;
    const features = [...grams].flatMap((gram) => featureOf.get(gram) ?? []).sort((a, b) => a - b);
    const label = classOf.get(example.intent);
    if (label === undefined) throw new Error(`unknown intent ${example.intent}`);
    return { features: Int32Array.from(features), value: grams.size > 0 ? 1 / Math.sqrt(grams.size) : 0, label };
  });

  const weights = new Float64Array(vocabulary.length * classes);
  const squares = new Float64Array(vocabulary.length * classes);
  const bias = new Float64Array(classes);
  const biasSquares = new Float64Array(classes);
  const random = createSeededRandom(settings.seed);
  const order = rows.map((_row, index) => index);
  const logits = new Array<number>(classes);
  const step = (gradient: number, squared: Float64Array, at: number) => {
    squared[at]! += gradient * gradient;
    return (settings.learningRate * gradient) / Math.sqrt(squared[at]! + 1e-8);
  };
  for (let epoch = 0; epoch < settings.epochs; epoch++) {
    shuffle(order, random);
    for (const index of order) {
      const { features, value, label } = rows[index]!;
      for (let c = 0; c < classes; c++) {
        let sum = bias[c]!;
        for (const f of features) sum += weights[f * classes + c]! * value;
        logits[c] = sum;
      }
      const probabilities = softmax(logits);
      for (let c = 0; c < classes; c++) {
        const error = probabilities[c]! - (c === label ? 1 : 0);
        bias[c]! -= step(error, biasSquares, c);
        for (const f of features) {
          const at = f * classes + c;
          weights[at]! -= step(error * value + settings.l2 * weights[at]!, squares, at);
        }
      }
    }
  }

  const features: Record<string, number[]> = {};
  vocabulary.forEach((gram, f) => {
    // Softmax ignores a constant added to every intent's weight of one n-gram: centre each n-gram's weights on their
    // median, so that most become near zero and are pruned, and only the intents it speaks for or against remain.
    const row = Array.from(weights.subarray(f * classes, (f + 1) * classes));
    const median = [...row].sort((a, b) => a - b)[Math.floor(classes / 2)]!;
    const pairs: number[] = [];
    row.forEach((weight, c) => {
      const centred = weight - median;
      if (Math.abs(centred) >= settings.prune) pairs.push(c, Math.round(centred * settings.scale));
    });
    if (pairs.length > 0) features[gram] = pairs;
  });
  return {
    intents: [...intents],
    longestNgram: settings.longestNgram,
    scale: settings.scale,
    bias: [...bias].map((weight) => Math.round(weight * settings.scale)),
    features,
  };
}

const compare = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

function shuffle(order: number[], random: () => number): void {
  for (let i = order.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [order[i], order[j]] = [order[j]!, order[i]!];
  }
}
