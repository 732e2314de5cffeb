/**
 * `npm run eval:understanding`: how well typed text is understood, on the labelled corpus in test/understanding/.
 * Prints accuracy per category for the tuning part and, separately, the held-out part, then every confusion
 * (expected → what the bot did). The test suite holds the same thresholds (test/understanding-corpus.test.ts).
 */
import path from 'node:path';
import { loadContent } from '../src/adapters/content/load-content';
import { CORPUS_FILES, engineForPart, loadCorpus, percent, scoreCorpus, type CorpusScore } from '../test/understanding/score-corpus';

const root = path.resolve(__dirname, '../..');
const content = loadContent(root);

const format = (score: { correct: number; total: number }) =>
  `${percent(score).toFixed(1).padStart(5)} %  (${score.correct}/${score.total})`;

function report(name: string, result: CorpusScore): void {
  console.log(`\n${name}: ${format(result.overall)}`);
  for (const [category, score] of [...result.byCategory].sort(([a], [b]) => a.localeCompare(b))) {
    console.log(`  ${category.padEnd(11)} ${format(score)}`);
  }
  const confusions = new Map<string, string[]>();
  for (const { item, got } of result.misses) {
    const key = `${item.expect} → ${got}`;
    confusions.set(key, [...(confusions.get(key) ?? []), item.text]);
  }
  if (confusions.size > 0) console.log('  confusions (expected → got):');
  for (const [key, texts] of [...confusions].sort((a, b) => b[1].length - a[1].length)) {
    console.log(`    ${key}  ×${texts.length}: ${texts.map((text) => `「${text.length > 40 ? `${text.slice(0, 40)}…` : text}」`).join(' ')}`);
  }
}

const names: Record<keyof typeof CORPUS_FILES, string> = {
  tuning: 'tuning corpus',
  heldOut: 'held-out',
  heldOut2: 'held-out 2',
  english: 'English (scored with the English flow)',
  englishHeldOut: 'English held-out',
};
for (const [part, file] of Object.entries(CORPUS_FILES) as [keyof typeof CORPUS_FILES, string][]) {
  report(`${names[part]} (${file})`, scoreCorpus(engineForPart(content, part), loadCorpus(root, file)));
}
