import { loadContent } from '../src/adapters/content/load-content';
import { ROOT } from './helpers/test-bot';
import { CORPUS_FILES, engineForPart, loadCorpus, percent, scoreCorpus } from './understanding/score-corpus';

const content = loadContent(ROOT);
const describeMisses = (misses: ReturnType<typeof scoreCorpus>['misses']) =>
  misses.map(({ item, got }) => `${item.category}: 「${item.text}」 expected ${item.expect}, got ${got}`).join('\n');

/** The bar from issue 7; `npm run eval:understanding` prints the figures and the confusions. */
describe.each(Object.entries(CORPUS_FILES) as [keyof typeof CORPUS_FILES, string][])('the labelled corpus (%s part)', (part, file) => {
  const items = loadCorpus(ROOT, file);
  const score = scoreCorpus(engineForPart(content, part), items);

  it('is understood at 90 % or better overall', () => {
    expect({ percent: percent(score.overall) >= 90, misses: describeMisses(score.misses) }).toMatchObject({ percent: true });
  });

  it.each(['crisis', 'threat'])('understands every %s phrasing', (category) => {
    const misses = score.misses.filter(({ item }) => item.category === category);
    expect(describeMisses(misses)).toBe('');
    expect(score.byCategory.get(category)?.total).toBeGreaterThan(0);
  });
});

it('has at least 200 phrasings', () => {
  const total = Object.values(CORPUS_FILES).reduce((sum, file) => sum + loadCorpus(ROOT, file).length, 0);
  expect(total).toBeGreaterThanOrEqual(200);
});
