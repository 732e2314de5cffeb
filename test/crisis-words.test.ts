import { loadContent } from '../src/adapters/content/load-content';
import { detectCrisis } from '../src/core/crisis/crisis';
import { ROOT } from './helpers/test-bot';

const { crisis } = loadContent(ROOT);

describe('crisis words in data/crisis.yaml', () => {
  it.each([
    '死にたい',
    'もう死にたいです',
    'しにたい',
    'シニタイ',
    '消えたい…',
    '自殺しようと思う',
    'ｼﾞｻﾂ',
    '生きるのがつらい',
    'いなくなりたい',
    '死 に た い',
  ])('%s calls up the crisis card', (text) => {
    expect(detectCrisis(crisis, text)).toBe(true);
  });

  it.each([
    '写真を消したい',
    '書き込みを消してほしい',
    '自殺の誘引の書き込みを見つけた',
    '自殺予告を見つけたので通報したい',
    '投稿が消えた',
    '死角になっている',
    '殺害予告を見つけた',
    'いなくなった猫',
    '1',
  ])('%s does not', (text) => {
    expect(detectCrisis(crisis, text)).toBe(false);
  });

  it('still answers a crisis word said next to a phrase about content', () => {
    expect(detectCrisis(crisis, '自殺の誘引を見て、私も死にたくなった… 死にたい')).toBe(true);
  });
});
