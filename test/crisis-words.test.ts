import { loadContent } from '../src/adapters/content/load-content';
import { createEngine } from '../src/core/conversation/engine';
import type { IntentClassifier } from '../src/core/understanding/intent-model';
import { ROOT } from './helpers/test-bot';

// The words alone: a classifier that never answers, so a miss here is a miss of data/crisis.yaml.
const wordsOnly: IntentClassifier = { intents: ['none'], bands: { confident: 1, unsure: 1 }, classify: () => [{ intent: 'none', probability: 1 }] };
const { matcher } = createEngine(loadContent(ROOT), { sessionTtlMinutes: 30, classifier: wordsOnly });
const detectCrisis = (text: string) => matcher.understand(matcher.normalize(text)).kind === 'crisis';

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
    // Missed before issue 7: other forms, stretched and small kana, English, invisible characters inside.
    // Missed before issue 15: an older person's polite wish, a farewell with thanks, means at hand, letters left.
    '早くお迎えが来てほしいと毎日思っております',
    'さようなら みんな ありがとう',
    'ありがとうございました。これで最後にします',
    'ロープを買ってきた',
    '家族に手紙を書きました',
    "I'm ending it all tonight",
    'thank you for everything. goodbye everyone',
    'I have the pills in my hand',
    'everyone would be better off without me',
    '生きているのがつらい',
    '死にたくなる',
    '死にたくて眠れない',
    '消えたくなる',
    'もう死ぬ',
    'リスカしたい',
    '首吊りたい',
    'とびおりたい',
    '死にたーい',
    'しにたぃ',
    'ODしたい',
    'ＯＤしたい',
    '明日自殺予告します',
    'suicide',
    'I want to kill myself',
    'I want to die',
    'もう死ぬほどつらい',
    // Indirect forms, acts already done and slang, from the QA pass (test/understanding/corpus/legacy-held-out-2.yaml has more).
    'もう無理',
    'もうげんかい',
    '生きてる意味ない',
    'もういきていけない',
    '生まれてこなければよかった',
    '死んだほうがマシ',
    '全部終わらせたい',
    'くすりいっぱいのんだ',
    '手首切っちゃった',
    '遺書を書いた',
    'タヒにたい',
    '死にたくない',
    "I don't want to live",
    '死ぬ',
    'ころして',
    '自分を消したい',
    ...['\u200b', '\u200c', '\u200d', '\u2060', '\u00ad', '\ufe0f', '\u200e', '\u200f', '\u202e', '\u2066', '\ufeff'].map(
      (invisible) => `死${invisible}にたい`,
    ),
  ])('%s calls up the crisis card', (text) => {
    expect(detectCrisis(text)).toBe(true);
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
    // Idioms that are not crisis.
    '死ぬほど笑った',
    '消えたいほど恥ずかしい',
    '首をつかまれた',
    'わたしにたいしてわるくちをかかれた',
    '笑いすぎて死にそう',
    '推しが尊くて死ぬ',
    '死ぬ気でがんばる',
    '死ぬかと思った',
    '「殺してやる」ってDMが来た',
    '違法な情報・自殺へのさそい',
    'someone says they will kill me',
  ])('%s does not', (text) => {
    expect(detectCrisis(text)).toBe(false);
  });

  it('still answers a crisis word said next to a phrase about content', () => {
    expect(detectCrisis('自殺の誘引を見て、私も死にたくなった… 死にたい')).toBe(true);
  });
});
