/**
 * `npm run eval:understanding`: how well typed text is understood, by the rule of test/understanding/intents.yaml
 * (a correct window in the first reply, or after one tap on its first answer button). Prints 5-fold
 * cross-validation on the corpus (test/understanding/corpus/: each fold answered by a classifier trained without
 * it, with the committed model's bands), the corpus answered by the committed model (tuned on), and, separately,
 * each blind set (test/understanding/blind-*.yaml, never tuned on): per intent, per style, the groups with their
 * own bar, and the main confusions. The test suite holds the bars (test/understanding-corpus.test.ts).
 */
import path from 'node:path';
import { loadContent } from '../src/adapters/content/load-content';
import { crossValidate } from '../test/understanding/cross-validate';
import {
  blindFiles,
  createBot,
  GROUPS,
  groupScore,
  loadCorpus,
  loadIntentRules,
  loadLabelled,
  percent,
  scoreMessage,
  summarize,
  type Score,
  type Scored,
} from '../test/understanding/score-corpus';

const root = path.resolve(__dirname, '../..');
const content = loadContent(root);
const bot = createBot(content);
const rules = loadIntentRules(root);
const corpus = loadCorpus(root);

const format = (score: Score) => `${percent(score).toFixed(1).padStart(5)} %  (${score.correct}/${score.total})`;

function report(name: string, scored: readonly Scored[]): void {
  const figures = summarize(scored);
  console.log(`\n${name}`);
  console.log(`  first reply or one tap  ${format(figures.oneTap)}`);
  console.log(`  within two taps         ${format(figures.twoTaps)}`);
  for (const [group, intents] of Object.entries(GROUPS)) console.log(`  ${group.padEnd(22)}  ${format(groupScore(scored, intents))}`);
  console.log('  by intent (first reply or one tap):');
  for (const [intent, score] of figures.byIntent) console.log(`    ${intent.padEnd(20)} ${format(score)}`);
  console.log('  by style:');
  for (const [style, score] of figures.byStyle) console.log(`    ${style.padEnd(20)} ${format(score)}`);
  if (figures.confusions.length > 0) console.log('  main confusions (expected → first reply):');
  for (const { pair, count, texts } of figures.confusions.slice(0, 25)) {
    console.log(`    ${pair}  ×${count}: ${texts.slice(0, 3).map((text) => `「${text.length > 40 ? `${text.slice(0, 40)}…` : text}」`).join(' ')}`);
  }
}

report(`5-fold cross-validation on the corpus (${corpus.length} messages)`, crossValidate(content, rules, corpus, { bands: content.classifier.bands }).scored);
report('corpus answered by the committed model (trained on it)', corpus.map((item) => scoreMessage(bot, rules, item)));
for (const file of blindFiles(root)) {
  report(`blind (never tuned on): ${file}`, loadLabelled(root, file).map((item) => scoreMessage(bot, rules, item)));
}
