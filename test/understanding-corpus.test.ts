import { loadContent } from '../src/adapters/content/load-content';
import { ROOT } from './helpers/test-bot';
import { createBot, GROUPS, groupScore, loadCorpus, loadIntentRules, percent, scoreMessage, type Scored } from './understanding/score-corpus';

const bot = createBot(loadContent(ROOT));
const rules = loadIntentRules(ROOT);
const corpus = loadCorpus(ROOT);
const describeMisses = (misses: readonly Scored[]) => misses.map(({ item, got }) => `${item.file}: 「${item.text}」 is ${item.intents.join('|')}, got ${got}`).join('\n');

/** The rule of test/understanding/intents.yaml; `npm run eval:understanding` prints the figures and the confusions. */
describe('the labelled corpus (test/understanding/corpus/)', () => {
  // The parts converted from the old format: the phrases were tuned on them, so they hold a high bar.
  const legacy = corpus.filter((item) => item.file.includes('/legacy-')).map((item) => scoreMessage(bot, rules, item));

  it('reaches a correct window in the first reply or one tap for 80 % or more of the legacy parts', () => {
    const correct = legacy.filter((s) => s.oneTap).length;
    expect(percent({ correct, total: legacy.length })).toBeGreaterThanOrEqual(80);
  });

  it.each(['crisis', 'threat'])('answers every %s message of the legacy parts', (group) => {
    const intents = GROUPS[group]!;
    expect(describeMisses(legacy.filter((s) => !s.oneTap && s.item.intents.some((i) => intents.includes(i))))).toBe('');
    expect(groupScore(legacy, intents).total).toBeGreaterThan(0);
  });

  it('labels every message with an intent of test/understanding/intents.yaml', () => {
    const known = new Set([...rules.keys()]);
    expect(corpus.flatMap((item) => item.intents.filter((intent) => !known.has(intent)))).toEqual([]);
    expect(corpus.length).toBeGreaterThanOrEqual(500);
  });
});
