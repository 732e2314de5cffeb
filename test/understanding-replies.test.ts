import { messageTexts, cardTitles, quickReplyOf, telLinks, type Message, useSharedTestBot } from './helpers/test-bot';

const t = useSharedTestBot();

const FIRST_QUESTION = 'どんなことで困っていますか？';
/** The crisis chip first, 戻る and 最初から last; between them the narrowing chips, ちがう and what the result offers. */
const AFTER_UNDERSTOOD = { first: 'つらい・いますぐ相談', last: ['戻る', '最初から'] };
const labelsOf = (reply: Message[]) => quickReplyOf(reply).map((i) => i.action.label);

async function newPerson(taps: string[] = []) {
  const person = t().user();
  await person.follow();
  for (const label of taps) await person.tap(label);
  return person;
}

describe('a clear situation goes straight to its windows, says what was understood, and offers ちがう', () => {
  it.each([
    ['書き込みを消したい', '書きこみや画像を消すことについてですね。', ['違法・有害情報相談センター', '誹謗中傷ホットライン', 'セーフライン', '人権相談（法務省）'], 'どれがいちばん近いですか？'],
    ['この投稿をさくじょしてほしいです', '書きこみや画像を消すことについてですね。', ['違法・有害情報相談センター', '誹謗中傷ホットライン', 'セーフライン', '人権相談（法務省）'], 'どれがいちばん近いですか？'],
    ['慰謝料を請求したい', '損害賠償', ['弁護士', '法テラス'], 'どれがいちばん近いですか？'],
    ['アカウントを乗っ取られた', 'ウイルスや不正アクセス', ['情報セキュリティ安心相談窓口'], FIRST_QUESTION],
    ['のっとられたかも', 'ウイルスや不正アクセス', ['情報セキュリティ安心相談窓口'], FIRST_QUESTION],
    ['児童ポルノのサイトを見つけました', '違法な情報', ['インターネット・ホットラインセンター'], 'どんな情報ですか？'],
    ['殺害予告の書き込みを見つけた', '殺害予告や爆破予告', ['警察（110番）', '警察のサイバー犯罪相談窓口'], 'どんな情報ですか？'],
    ['自殺予告を見つけたので通報したい', '殺害予告や爆破予告', ['警察（110番）', '警察のサイバー犯罪相談窓口'], 'どんな情報ですか？'],
    ['誰かに話を聞いてほしい', '気持ち', ['心のSOS まもろうよこころ', 'チャイルドライン'], 'どうしたいですか？'],
  ])('%s', async (typed, understood, agencies, wrongQuestion) => {
    const person = await newPerson();
    const reply = await person.say(typed);
    expect(String(reply[0]?.text)).toContain(understood);
    expect(cardTitles(reply)).toEqual(agencies);
    expect(labelsOf(reply)[0]).toBe(AFTER_UNDERSTOOD.first);
    expect(labelsOf(reply)).toContain('ちがう');
    expect(labelsOf(reply).slice(-2)).toEqual(AFTER_UNDERSTOOD.last);
    expect(messageTexts(await person.tap('ちがう'))).toContain(wrongQuestion);
  });
});

describe('a threat to life or body gets 110 and the police at once, with a line on keeping the messages', () => {
  it.each([
    '殺すと脅されています',
    '家に行くと言われた',
    '殺害予告をされた',
    'つきまとわれて怖い',
    'ころすっていわれた😢',
    // Implied threats, romaji and dialect (issue 15).
    '夜中に「気をつけて帰ってね」ってDMが来た',
    '家のドアの写真と「楽しみにしてる」って送られてきた',
    'お前の車のナンバー知ってるからな',
    '配信のコメントで最寄り駅を書かれて「今から行く」って',
    'korosu zo',
    '今度会ったら殺したるからな',
  ])('%s', async (typed) => {
    for (const taps of [[], ['違法・有害な情報を見つけた'], ['ウイルス・乗っ取り']]) {
      const person = await newPerson(taps);
      const reply = await person.say(typed);
      expect(messageTexts(reply)).toContain('110番');
      // The line on keeping the messages, said once (not in the understood line and again under the cards).
      expect(messageTexts(reply).match(/消さずに/g)).toHaveLength(1);
      expect(cardTitles(reply)).toEqual(['警察（110番）', '警察のサイバー犯罪相談窓口']);
      expect(telLinks(reply)).toContain('tel:110');
    }
  });
});

describe('a vague message gets the safest general windows at once; ちがう asks the narrowest question', () => {
  it.each([
    ['ネットで困ってる', ['違法・有害情報相談センター', '心のSOS まもろうよこころ'], FIRST_QUESTION],
    ['助けて', ['違法・有害情報相談センター', '心のSOS まもろうよこころ'], FIRST_QUESTION],
    ['Twitterで悪口を書かれて困っています', ['違法・有害情報相談センター', '誹謗中傷ホットライン', '人権相談（法務省）'], 'どれがいちばん近いですか？'],
    ['変なサイトを見つけた', ['インターネット・ホットラインセンター'], 'どんな情報ですか？'],
    ['悪口を書かれて、消してほしいし慰謝料も請求したい', ['違法・有害情報相談センター', '誹謗中傷ホットライン', '人権相談（法務省）'], 'どれがいちばん近いですか？'],
  ])('%s', async (typed, agencies, question) => {
    const person = await newPerson();
    const reply = await person.say(typed);
    expect(cardTitles(reply)).toEqual(agencies);
    expect(labelsOf(reply)[0]).toBe('つらい・いますぐ相談');
    expect(messageTexts(await person.tap('ちがう'))).toContain(question);
  });
});

describe('ちがう typed after a vague answer does what the ちがう chip does: asks the question the bot answered', () => {
  // ハブられた points at 「どうしたいですか？」; its windows sit under 「どれがいちばん近いですか？」, where 戻る goes.
  it.each(['ハブられた'])('%s', async (said) => {
    const tapping = await newPerson();
    await tapping.say(said);
    const tapped = await tapping.tap('ちがう');
    const typing = await newPerson();
    await typing.say(said);
    const typed = await typing.say('ちがう');
    expect(messageTexts(tapped)).toContain('どうしたいですか？');
    expect(messageTexts(typed)).toBe(messageTexts(tapped));
    expect(labelsOf(typed)).toEqual(labelsOf(tapped));
  });
});

describe('a question about a window by name shows that window', () => {
  it.each([
    ['いのちの電話って夜中でもつながる？', 'いのちの電話'],
    ['よりそいホットラインの番号は？', 'よりそいホットライン'],
    ['法テラスの電話番号を教えて', '法テラス'],
    ['セーフラインってなに？', 'セーフライン'],
  ])('%s', async (typed, name) => {
    const person = await newPerson();
    const reply = await person.say(typed);
    expect(JSON.stringify(reply)).toContain(name);
    expect(telLinks(reply).length + cardTitles(reply).length).toBeGreaterThan(0);
  });
});

describe('greetings, thanks and 使い方 get a friendly answer', () => {
  it.each([
    ['こんにちは', '窓口をいっしょにさがします', FIRST_QUESTION],
    ['使い方を教えて', 'ボタンで選ぶか', FIRST_QUESTION],
    ['ありがとう', 'どういたしまして', FIRST_QUESTION],
  ])('%s', async (typed, answer, question) => {
    const reply = await (await newPerson()).say(typed);
    expect(messageTexts(reply)).toContain(answer);
    expect(messageTexts(reply)).toContain(question);
    expect(messageTexts(reply)).not.toContain('うまく');
  });

  it('thanks after a result keeps the result’s buttons', async () => {
    const person = await newPerson(['ウイルス・乗っ取り']);
    const reply = await person.say('ありがとうございました！');
    expect(messageTexts(reply)).toContain('どういたしまして');
    expect(labelsOf(reply)).toEqual(['つらい・いますぐ相談', '戻る', '最初から']);
  });
});

describe('typing an option’s label takes it, as a tap would', () => {
  it.each([
    ['from another branch', ['違法・有害な情報を見つけた'], '相手にお金を請求したい', ['弁護士', '法テラス']],
    ['from an earlier question', ['悪口・さらしなどの被害', '解決のしかたを相談したい'], 'ウイルス・乗っ取り', ['情報セキュリティ安心相談窓口']],
    ['a label that mentions a threat, at its own question', ['違法・有害な情報を見つけた'], '殺害予告・爆破予告など', ['警察（110番）', '警察のサイバー犯罪相談窓口']],
    ['a label that mentions a threat, from elsewhere', [], '殺害予告・爆破予告など', ['警察（110番）', '警察のサイバー犯罪相談窓口']],
    ['a label that holds a crisis word, from elsewhere', [], '違法な情報・自殺へのさそい', ['インターネット・ホットラインセンター']],
  ])('%s', async (_name, taps, typed, agencies) => {
    const person = await newPerson(taps);
    expect(cardTitles(await person.say(typed))).toEqual(agencies);
  });

  it('a label shared by several questions is taken at the latest one the person passed', async () => {
    const person = await newPerson(['違法・有害な情報を見つけた', '有害な情報・いじめ動画']);
    expect(cardTitles(await person.say('わからない'))).toEqual(['インターネット・ホットラインセンター', 'セーフライン']);
  });
});

describe('after a jump from typed text, 戻る and the old buttons still work', () => {
  it('戻る goes to the question before the result on its shortest path', async () => {
    const person = await newPerson();
    await person.say('慰謝料を請求したい');
    expect(messageTexts(await person.tap('戻る'))).toContain('どれがいちばん近いですか？');
    expect(messageTexts(await person.tap('戻る'))).toContain('どうしたいですか？');
  });

  it('typed ちがう after a result goes back one question', async () => {
    const person = await newPerson();
    await person.say('慰謝料を請求したい');
    expect(messageTexts(await person.say('ちがう'))).toContain('どれがいちばん近いですか？');
  });

  it.each([
    ['ちがう', 'どれがいちばん近いですか？'],
    ['違います', 'どれがいちばん近いですか？'],
    ['もどる', 'どれがいちばん近いですか？'],
    ['やり直したい', FIRST_QUESTION],
  ])('typed %s after the general windows of a vague message goes one question back', async (typed, question) => {
    const person = await newPerson();
    await person.say('悪口を書かれて、消してほしいし慰謝料も請求したい');
    const reply = await person.say(typed);
    expect(messageTexts(reply)).toContain(question);
    expect(messageTexts(reply)).not.toContain('うまく');
  });

  it('a ちがう button naming a question that no longer exists is answered as out of date', async () => {
    const person = await newPerson(['違法・有害な情報を見つけた']);
    expect(messageTexts(await person.postback('a=ask&q=removed'))).toContain('そのボタンは前の質問のものです');
  });
});

describe('crisis words come first, even beside a situation', () => {
  it.each(['悪口を書かれて死にたい', '削除してほしい、もう消えたい', '殺すと脅されてしにたぃ'])('%s', async (typed) => {
    const reply = await (await newPerson()).say(typed);
    expect(telLinks(reply)).toContain('tel:0120783556');
  });
});
