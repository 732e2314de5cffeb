/**
 * `npm run train:understanding`: trains the intent classifier on test/understanding/corpus/ and writes
 * flows/understanding-model.json. Deterministic (sorted input, fixed seed): the same corpus, spellings and settings
 * give the same file, named by their sha256 (`trainingHash`). The bands are chosen by 5-fold cross-validation: every
 * pair on a grid is tried on the out-of-fold guesses, scored by the rule of intents.yaml through the real step, and
 * the pair that reaches a correct window in the first reply or one tap most often wins (ties: the higher bands).
 *
 *   npm run train:understanding             train and write the model
 *   npm run train:understanding -- --check  exit 1 if the model is stale (the corpus, spellings or settings changed)
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { CONTENT_FILES, loadContent } from '../src/adapters/content/load-content';
import type { IntentModel } from '../src/core/understanding/intent-model';
import { trainIntentWeights, TRAINING_SETTINGS } from '../src/core/understanding/train-intent-model';
import { crossValidate, intentsOf, replayClassifier, toExamples, trainingHashOf } from '../test/understanding/cross-validate';
import { createBot, GROUPS, groupScore, loadCorpus, loadIntentRules, percent, scoreMessage } from '../test/understanding/score-corpus';
import { parse } from 'yaml';

const root = path.resolve(__dirname, '../..');
const modelFile = path.join(root, CONTENT_FILES.understandingModel);
const FOLDS = 5;
const CONFIDENT = [0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9];
const UNSURE = [0.1, 0.15, 0.2, 0.25, 0.3, 0.4, 0.5, 0.6];

const corpus = loadCorpus(root);
const spellings = (parse(readFileSync(path.join(root, CONTENT_FILES.understanding), 'utf8')) as { spellings: Record<string, string[]> }).spellings;

// The content as it stands, with a model trained now (the committed one may be stale or missing): the normaliser
// and the flow for training, and a whole bot to score with.
const scratch = mkdtempSync(path.join(os.tmpdir(), 'understanding-model-'));
try {
  const bootstrap = path.join(scratch, 'model.json');
  const intentsFromFile = (examples: readonly { intent: string }[]) => [...new Set(examples.map((e) => e.intent))].sort();
  const firstNormalize = loadContentForTraining(bootstrap);
  const examples = toExamples(firstNormalize, corpus);
  const hash = trainingHashOf(firstNormalize, examples);
  if (process.argv.includes('--check')) {
    const committed = JSON.parse(readFileSync(modelFile, 'utf8')) as IntentModel;
    if (committed.trainingHash !== hash) {
      console.error(`${CONTENT_FILES.understandingModel}: stale (trained on other data); run npm run train:understanding`);
      process.exit(1);
    }
    console.log(`${CONTENT_FILES.understandingModel}: up to date (${hash.slice(0, 12)})`);
    process.exit(0);
  }
  const intents = intentsFromFile(examples);
  const started = performance.now();
  const weights = trainIntentWeights(examples, intents);
  const trainMs = performance.now() - started;
  const draft: IntentModel = { format: 1, trainingHash: hash, spellings, bands: { confident: 0.5, unsure: 0.3 }, ...weights };
  writeFileSync(bootstrap, JSON.stringify(draft));
  const content = loadContent(root, { understandingModel: bootstrap });
  const rules = loadIntentRules(root);

  const { guesses } = crossValidate(content, rules, corpus, { folds: FOLDS, bands: draft.bands, twoTaps: false });
  const sweep: { confident: number; unsure: number; percent: number; crisis: number; threat: number }[] = [];
  for (const confident of CONFIDENT) {
    for (const unsure of UNSURE.filter((u) => u <= confident)) {
      const bot = createBot(content, replayClassifier(intentsOf(examples), guesses, { confident, unsure }));
      const scored = corpus.map((item) => scoreMessage(bot, rules, item, { twoTaps: false }));
      const correct = scored.filter((s) => s.oneTap).length;
      sweep.push({
        confident,
        unsure,
        percent: round(percent({ correct, total: scored.length })),
        crisis: round(percent(groupScore(scored, GROUPS.crisis!))),
        threat: round(percent(groupScore(scored, GROUPS.threat!))),
      });
    }
  }
  // Most correct; then crisis and threats; then the higher bands (answer only when surer).
  const best = [...sweep].sort((a, b) => b.percent - a.percent || b.crisis - a.crisis || b.threat - a.threat || b.confident - a.confident || b.unsure - a.unsure)[0]!;
  const model: IntentModel = {
    ...draft,
    bands: { confident: best.confident, unsure: best.unsure },
    crossValidation: { folds: FOLDS, messages: corpus.length, chosen: best, sweep },
  };
  writeFileSync(modelFile, `${JSON.stringify(model)}\n`);
  console.log(`trained on ${examples.length} messages, ${intents.length} intents, ${Object.keys(model.features).length} n-grams kept, ${Math.round(trainMs)} ms`);
  console.log(`bands by ${FOLDS}-fold cross-validation: confident ≥ ${best.confident}, unsure ≥ ${best.unsure} → ${best.percent} % first reply or one tap (crisis ${best.crisis} %, threats ${best.threat} %)`);
  for (const row of sweep) console.log(`  confident ${row.confident.toFixed(2)}  unsure ${row.unsure.toFixed(2)}  ${row.percent.toFixed(1)} %`);
  console.log(`wrote ${CONTENT_FILES.understandingModel} (${hash.slice(0, 12)})`);
} finally {
  rmSync(scratch, { recursive: true, force: true });
}

/** Content good enough to normalise with, before any model fits: a model of two intents and no features. */
function loadContentForTraining(file: string) {
  const empty: IntentModel = {
    format: 1,
    trainingHash: '0'.repeat(64),
    spellings,
    intents: ['none', 'small_talk'],
    longestNgram: TRAINING_SETTINGS.longestNgram,
    scale: TRAINING_SETTINGS.scale,
    bands: { confident: 1, unsure: 1 },
    bias: [0, 0],
    features: {},
  };
  writeFileSync(file, JSON.stringify(empty));
  return loadContent(root, { understandingModel: file });
}

function round(value: number): number {
  return Math.round(value * 10) / 10;
}
