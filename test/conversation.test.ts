import { createIdHasher } from '../src/adapters/log/hash-id';
import { lineEvents } from './helpers/line-events';
import { messageTexts, CHANNEL_SECRET, cardTitles, quickReplyOf, telLinks, type Message, useTestBot } from './helpers/test-bot';

const t = useTestBot();

const FIRST_QUESTION = 'どんなことで困っていますか？';
const labelsOf = (reply: Message[]) => quickReplyOf(reply).map((i) => i.action.label);

/** Each question, with the taps that reach it from the first question. */
const QUESTIONS: readonly [string, string[]][] = [
  ['どんなことで困っていますか？', []],
  ['どうしたいですか？', ['悪口・さらしなどの被害']],
  ['どれがいちばん近いですか？', ['悪口・さらしなどの被害', '解決のしかたを相談したい']],
  ['どんな手伝いがほしいですか？', ['悪口・さらしなどの被害', '解決のしかたを相談したい', '書きこみ・画像を消したい']],
  ['どんな情報ですか？', ['違法・有害な情報を見つけた']],
];

async function personAt(taps: string[]) {
  const person = t().user();
  await person.follow();
  for (const label of taps) await person.tap(label);
  return person;
}

describe('starting', () => {
  it('greets a new friend with the privacy note and the first question', async () => {
    const reply = await t().user().follow();
    expect(reply).toHaveLength(2);
    expect(messageTexts(reply)).toContain('メッセージの中身は保存しません');
    expect(messageTexts(reply)).toContain('30分間');
    expect(String(reply[1]?.text)).toContain(FIRST_QUESTION);
    expect(labelsOf(reply)).toEqual([
      'つらい・いますぐ相談',
      '悪口・さらしなどの被害',
      '違法・有害な情報を見つけた',
      'いま身の危険を感じる',
      'ウイルス・乗っ取り',
      'わからない',
      'Language / ことば',
    ]);
  });

  it('shows each tap in the chat as the person’s own words (displayText)', async () => {
    const reply = await t().user().follow();
    expect(quickReplyOf(reply)[1]?.action.displayText).toBe('ネットで悪口（誹謗中傷）やプライバシーの侵害などの被害にあった');
  });

  it('puts the crisis chip first on every question, and 戻る, 最初から last on every question after the first', async () => {
    for (const [, taps] of QUESTIONS) {
      const labels = labelsOf((await personAt(taps)).last);
      expect(labels[0]).toBe('つらい・いますぐ相談');
      if (taps.length > 0) expect(labels.slice(-2)).toEqual(['戻る', '最初から']);
      else expect(labels).not.toContain('戻る');
    }
  });
});

describe('typed answers', () => {
  it.each([
    ['the label', '悪口・さらしなどの被害'],
    ['the number', '1'],
    ['a full-width number', '１'],
    ['the label with spaces and a full stop', ' 悪口・さらしなどの被害。'],
  ])('%s counts as the tap', async (_name, typed) => {
    const person = await personAt([]);
    expect(messageTexts(await person.say(typed))).toContain('どうしたいですか？');
  });

  it.each([['最初から'], ['はじめから']])('typed %s restarts', async (typed) => {
    const person = await personAt(['悪口・さらしなどの被害', '解決のしかたを相談したい']);
    expect(messageTexts(await person.say(typed))).toContain(FIRST_QUESTION);
  });

  it('typed 戻る goes back one question', async () => {
    const person = await personAt(['悪口・さらしなどの被害', '解決のしかたを相談したい']);
    expect(messageTexts(await person.say('戻る'))).toContain('どうしたいですか？');
  });
});

describe('anything else gets a kind answer and the same question again', () => {
  it.each(QUESTIONS)('text the bot does not understand at 「%s」', async (question, taps) => {
    const person = await personAt(taps);
    const before = labelsOf(person.last);
    const reply = await person.say('ぴよぴよ');
    expect(reply).toHaveLength(1);
    expect(messageTexts(reply)).toContain('うまく読み取れませんでした');
    expect(messageTexts(reply)).toContain('110番');
    expect(messageTexts(reply)).toContain('「つらい・いますぐ相談」');
    expect(messageTexts(reply)).toContain(question);
    expect(labelsOf(reply)).toEqual(before);
  });

  it.each(lineEvents.otherMessages('Uplaceholder').map(([type]) => [type]))('a %s message', async (type) => {
    const person = await personAt(['違法・有害な情報を見つけた']);
    const event = lineEvents.otherMessages(person.userId).find(([name]) => name === type)?.[1];
    if (!event) throw new Error(type);
    const reply = await t().send(event);
    expect(messageTexts(reply)).toContain('うまく受け取れませんでした');
    expect(messageTexts(reply)).toContain('どんな情報ですか？');
    expect(labelsOf(reply)).toEqual(labelsOf(person.last));
  });

  it('a greeting from someone the bot has no session for gets a friendly answer and the first question', async () => {
    const reply = await t().user().say('こんにちは');
    expect(messageTexts(reply)).toContain('相談できる窓口をいっしょにさがします');
    expect(messageTexts(reply)).toContain(FIRST_QUESTION);
  });

  it('after a result, free text keeps the result’s buttons', async () => {
    const person = await personAt(['ウイルス・乗っ取り']);
    const reply = await person.say('ありがとう');
    expect(labelsOf(reply)).toEqual(['つらい・いますぐ相談', '戻る', '最初から']);
  });
});

describe('crisis words answer at once, from any step', () => {
  // Lines open now come first: the test clock reads Monday 18:20 in Japan, when いのちの電話 answers too.
  const CRISIS_TELS = ['tel:110', 'tel:119', 'tel:0120279338', 'tel:0120783556', 'tel:0120078310', 'tel:0570064556'];
  const steps: [string, string[]][] = [...QUESTIONS, ['a result', ['ウイルス・乗っ取り']]];

  it.each(steps.flatMap(([name, taps]) => ['死にたい', 'もう消えたい', 'ジサツしたい'].map((word) => [name, word, taps] as const)))(
    'at 「%s」, typing %s',
    async (_name, word, taps) => {
      const person = await personAt(taps);
      const buttonsBefore = labelsOf(person.last);
      const reply = await person.say(word);
      expect(reply).toHaveLength(3);
      expect(telLinks(reply)).toEqual(CRISIS_TELS);
      expect(JSON.stringify(reply)).toContain('https://www.mhlw.go.jp/mamorouyokokoro/');
      expect(JSON.stringify(reply)).toContain('ナビダイヤル（通話料がかかります）');
      expect(labelsOf(reply)).toEqual(buttonsBefore);
    },
  );

  it('the crisis button on every question opens the same card', async () => {
    const person = await personAt(['悪口・さらしなどの被害']);
    const reply = await person.tap('つらい・いますぐ相談');
    expect(telLinks(reply)).toEqual(CRISIS_TELS);
  });
});

describe('戻る and 最初から', () => {
  it('戻る walks back one question at a time to the first', async () => {
    const person = await personAt(['悪口・さらしなどの被害', '解決のしかたを相談したい', '書きこみ・画像を消したい']);
    expect(messageTexts(await person.tap('戻る'))).toContain('どれがいちばん近いですか？');
    expect(messageTexts(await person.tap('戻る'))).toContain('どうしたいですか？');
    expect(messageTexts(await person.tap('戻る'))).toContain(FIRST_QUESTION);
  });

  it('戻る after a result shows the question that led there', async () => {
    const person = await personAt(['違法・有害な情報を見つけた', 'わからない']);
    expect(messageTexts(await person.tap('戻る'))).toContain('どんな情報ですか？');
  });

  it('最初から after a result shows the first question', async () => {
    const person = await personAt(['いま身の危険を感じる']);
    expect(messageTexts(await person.tap('最初から'))).toContain(FIRST_QUESTION);
  });
});

describe('taps on older buttons', () => {
  it('a button from an earlier question of this conversation is applied from that question', async () => {
    const person = await personAt([]);
    const firstQuestion = person.last;
    await person.tap('違法・有害な情報を見つけた');
    person.last = firstQuestion;
    expect(messageTexts(await person.tap('悪口・さらしなどの被害'))).toContain('どうしたいですか？');
    expect(messageTexts(await person.tap('戻る'))).toContain(FIRST_QUESTION);
  });

  it('a result button from another branch still shows the right windows', async () => {
    const person = await personAt(['悪口・さらしなどの被害', '解決のしかたを相談したい']);
    const solution = person.last;
    await person.tap('最初から');
    await person.tap('違法・有害な情報を見つけた');
    person.last = solution;
    expect(cardTitles(await person.tap('相手にお金を請求したい'))).toEqual(['弁護士', '法テラス']);
  });

  it('after the session expired, an old button is applied from its question', async () => {
    const person = await personAt(['悪口・さらしなどの被害', '解決のしかたを相談したい']);
    t().advanceClock(31 * 60_000);
    expect(cardTitles(await person.tap('おどされている・警察へ'))).toEqual(['警察（110番）', '警察のサイバー犯罪相談窓口']);
  });

  it.each([
    ['a question that no longer exists', 'a=choose&q=removed&o=x'],
    ['an option that no longer exists', 'a=choose&q=situation&o=removed'],
    ['data this bot never wrote', 'hello'],
    ['戻る from a question that no longer exists', 'a=back&q=removed'],
  ])('%s: kindly says so and asks the current question', async (_name, data) => {
    const person = await personAt(['違法・有害な情報を見つけた']);
    const reply = await person.postback(data);
    expect(messageTexts(reply)).toContain('そのボタンは前の質問のものです');
    expect(messageTexts(reply)).toContain('どんな情報ですか？');
  });

  it('a session saved under another flow version keeps its place where that question still exists', async () => {
    const person = await personAt(['悪口・さらしなどの被害']);
    const key = createIdHasher(CHANNEL_SECRET)(person.userId);
    const loaded = await t().bot.sessions.load(key);
    // At 「どんな手伝いがほしいですか？」, having come through a question this version no longer has.
    const snapshot = { value: 'delete', context: { history: ['situation', 'removed_question'] } };
    expect(await t().bot.sessions.save(loaded, { flowVersion: 'older', snapshot })).toBe(true);
    // "1" answers that question (its first option), not the first question.
    const { flow } = t().content;
    const firstOption = flow.questions.delete?.options[0]?.next ?? '';
    expect(messageTexts(await person.say('1'))).toContain(flow.results[firstOption]?.text ?? flow.questions[firstOption]?.text);
  });

  it('a session saved under another flow version at a question this one lacks: a tap there restarts, saying the questions changed', async () => {
    const person = await personAt(['悪口・さらしなどの被害']);
    const key = createIdHasher(CHANNEL_SECRET)(person.userId);
    const loaded = await t().bot.sessions.load(key);
    expect(await t().bot.sessions.save(loaded, { flowVersion: 'older', snapshot: { value: 'removed_question', context: { history: ['situation'] } } })).toBe(true);
    const reply = await person.postback('a=choose&q=removed_question&o=x');
    expect(messageTexts(reply)).toContain(t().content.flow.messages.flowUpdated);
    expect(messageTexts(reply)).toContain(FIRST_QUESTION);
    expect(t().logs.at(-1)).toMatchObject({ outcome: 'flow-updated' });
  });
});

describe('unfollow', () => {
  it('forgets the person: the session is deleted', async () => {
    const person = await personAt(['悪口・さらしなどの被害']);
    const key = createIdHasher(CHANNEL_SECRET)(person.userId);
    expect((await t().bot.sessions.load(key)).session).toBeDefined();
    await t().post([lineEvents.unfollow(person.userId)]);
    expect((await t().bot.sessions.load(key)).session).toBeUndefined();
  });
});
