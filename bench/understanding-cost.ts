/**
 * What understanding typed text costs per event: normalising the text once, scanning it for crisis words and
 * understanding phrases, the trained classifier (flows/understanding-model.json), and looking it up among the option
 * labels, exactly as step() does for a text event. Prints one JSON line per message size with p50 / p99 in µs,
 * then the start-up (content loaded and checked, model included) and the heap the classifier takes.
 * Bounded: a fixed number of samples per size.
 *
 *   node --expose-gc dist/bench/understanding-cost.js
 */
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { readFileSync, statSync } from 'node:fs';
import { CONTENT_FILES, loadContent } from '../src/adapters/content/load-content';
import { createIntentClassifier, type IntentModel } from '../src/core/understanding/intent-model';
import { createEngine } from '../src/core/conversation/engine';
import { summarize } from './summarize';

const root = path.resolve(__dirname, '../..');
const loadStarted = performance.now();
const content = loadContent(root);
const { matcher } = createEngine(content, { sessionTtlMinutes: 30 });
const startupMs = performance.now() - loadStarted;

/** A long story of the kind people send, with emoji and punctuation: the realistic case. */
const STORY =
  '先月からTwitterで知らないアカウントに毎日のように悪口を書かれています😢 学校の名前や顔写真まで載せられていて、' +
  '本当に困っています。友達にも見られてしまい、学校に行くのがつらいです。書き込みを消してもらうことはできますか？' +
  '親にはまだ言えていません。どうしたらいいですか。';

const fill = (seed: string, length: number) => seed.repeat(Math.ceil(length / seed.length)).slice(0, length);

const MESSAGES: readonly { name: string; text: string; samples: number }[] = [
  { name: 'story, 200 chars', text: fill(STORY, 200), samples: 20_000 },
  { name: 'story, 5,000 chars', text: fill(STORY, 5_000), samples: 2_000 },
  { name: '5,000 「。」 (quadratic before)', text: '。'.repeat(5_000), samples: 2_000 },
  { name: '5,000 chars of ZWSP-split kana', text: fill('し\u200bに\u200bた\u200bく\u200bな\u200bい', 5_000), samples: 2_000 },
  { name: '5,000 chars, one phrase repeated', text: fill('殺害予告', 5_000), samples: 2_000 },
];

function measure(text: string, samples: number) {
  const run = () => {
    const typed = matcher.normalize(text);
    matcher.understand(typed);
    matcher.optionsLabelled(typed);
  };
  for (let i = 0; i < Math.min(2_000, samples); i++) run();
  const micros: number[] = [];
  for (let i = 0; i < samples; i++) {
    const started = performance.now();
    run();
    micros.push((performance.now() - started) * 1000);
  }
  return summarize(micros);
}

for (const { name, text, samples } of MESSAGES) {
  const { p50, p99, max } = measure(text, samples);
  console.log(JSON.stringify({ message: name, chars: text.length, samples, p50Micros: round(p50), p99Micros: round(p99), maxMicros: round(max) }));
}

console.log(JSON.stringify({ startupMs: Math.round(startupMs), what: 'loadContent (every locale, checked) + createEngine, model included' }));
console.log(JSON.stringify(classifierHeap()));

/** The heap one more classifier built from the committed model takes (its n-gram index and weights). */
function classifierHeap() {
  const gc = (globalThis as { gc?: () => void }).gc;
  if (!gc) return { classifierHeapBytes: 'run with node --expose-gc' };
  const model = JSON.parse(readFileSync(path.join(root, CONTENT_FILES.understandingModel), 'utf8')) as IntentModel;
  gc();
  const before = process.memoryUsage().heapUsed;
  const kept = createIntentClassifier(model);
  gc();
  const bytes = process.memoryUsage().heapUsed - before;
  kept.classify('');
  return { classifierHeapBytes: bytes, ngrams: Object.keys(model.features).length, modelFileBytes: statSync(path.join(root, CONTENT_FILES.understandingModel)).size };
}

function round(value: number): number {
  return Math.round(value * 10) / 10;
}
