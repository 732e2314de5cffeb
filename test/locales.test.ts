import { getSimplePaths } from 'xstate/graph';
import { createEngine } from '../src/core/conversation/engine';
import type { FlowEvent } from '../src/core/flow/compile-flow';
import { LOCALES, type Locale } from '../src/core/locale/locale';
import { encodeLanguagePostback, encodePostback } from '../src/core/postback';
import { lineEvents } from './helpers/line-events';
import { messageTexts, cardTitles, quickReplyOf, resultCarousels, type Message, type TestBot, type TestUser, useSharedTestBot } from './helpers/test-bot';

/**
 * The bot in every language: each locale reaches every result of the flow by taps, its replies pass LINE's limits
 * and OpenAPI schema (the fake LINE API rejects what LINE would), the language comes from the LINE profile, the
 * language buttons and typed names, and switching keeps the person's place.
 */

const t = useSharedTestBot();

const labelsOf = (reply: Message[]) => quickReplyOf(reply).map((i) => i.action.label);
const inLocale = (locale: Locale) => {
  const content = t().content.byLocale.get(locale);
  if (!content) throw new Error(`no content for ${locale}`);
  return content;
};

/** A new friend whose LINE app is set to `language` (as getProfile answers), greeted in `locale`. */
async function friendIn(locale: Locale): Promise<TestUser> {
  const person = t().user();
  t().fake.setProfile(person.userId, { language: locale === 'en' ? 'en' : 'ja' });
  await person.follow();
  if (locale === 'ja-easy') await person.postback(encodeLanguagePostback('ja-easy'));
  return person;
}

/**
 * Follows and waits for the greeting itself: the webhook is answered by its deadline even when the greeting is
 * still waiting for a slow profile.
 */
async function followAndWait(person: TestUser): Promise<Message[]> {
  const event = lineEvents.follow(person.userId);
  const before = t().fake.replies.length;
  expect((await t().post([event])).status).toBe(200);
  const replies = await t().fake.waitForReplies(before + 1);
  person.last = (replies.find((r) => r.body.replyToken === event.replyToken)?.body.messages ?? []) as Message[];
  return person.last;
}

/** Presses the quick reply that carries this postback, as LINE does (and fails if it is not on screen). */
async function press(person: TestUser, data: string): Promise<Message[]> {
  const item = quickReplyOf(person.last).find((i) => i.action.data === data);
  if (!item) throw new Error(`no button for ${data} among ${labelsOf(person.last).join(', ')}`);
  return person.postback(item.action.data);
}

/** Every path from the first question to a result, as (question, option) ids. */
function flowPaths(): { resultId: string; choices: { questionId: string; optionId: string }[] }[] {
  const { flow } = t().content;
  const { machine } = createEngine(t().content, { sessionTtlMinutes: 30 }).states;
  const options = {
    events: (snapshot: { value: unknown }) =>
      (flow.questions[String(snapshot.value)]?.options ?? []).map((o): FlowEvent => ({ type: 'CHOOSE', optionId: o.id })),
    serializeState: (snapshot: { value: unknown }) => JSON.stringify(snapshot.value),
  };
  return getSimplePaths(machine, options)
    .filter((path) => String(path.state.value) in flow.results)
    .map((path) => ({
      resultId: String(path.state.value),
      choices: path.steps.flatMap((step, index) => {
        const asked = path.steps[index - 1]?.state.value;
        const event = step.event as FlowEvent;
        return event.type === 'CHOOSE' && asked !== undefined ? [{ questionId: String(asked), optionId: event.optionId }] : [];
      }),
    }));
}

const PATHS = flowPathsOnce();
function flowPathsOnce() {
  let paths: ReturnType<typeof flowPaths> | undefined;
  return () => (paths ??= flowPaths());
}

describe.each(LOCALES)('in %s', (locale) => {
  it('reaches every result of the flow by taps, each reply in this language and within LINE limits', async () => {
    const content = inLocale(locale);
    const paths = PATHS();
    expect(paths.length).toBeGreaterThan(10);
    for (const path of paths) {
      const person = await friendIn(locale);
      for (const choice of path.choices) {
        await press(person, encodePostback({ action: 'choose', questionId: choice.questionId, optionId: choice.optionId }));
      }
      const result = content.flow.results[path.resultId];
      expect(messageTexts(person.last)).toContain(result?.text);
      expect(cardTitles(person.last).length).toBeGreaterThanOrEqual(result?.agencies.length ?? 1);
      expect(labelsOf(person.last)).toContain(content.flow.messages.labels.restart);
    }
  });

  it('asks every question in this language', async () => {
    const content = inLocale(locale);
    const person = await friendIn(locale);
    expect(messageTexts(person.last)).toContain(content.flow.questions[content.flow.start]?.text);
    for (const option of content.flow.questions[content.flow.start]?.options ?? []) {
      expect(labelsOf(person.last)).toContain(option.label);
    }
  });

  it('shows the crisis card in this language when a crisis word is typed', async () => {
    const content = inLocale(locale);
    const person = await friendIn(locale);
    const reply = await person.say('死にたい');
    expect(messageTexts(reply)).toContain(content.flow.messages.crisisIntro);
    expect(JSON.stringify(reply)).toContain(content.hours.crisis.openNow);
    expect(JSON.stringify(reply)).toContain('"uri":"tel:110"');
  });

  it('answers text it does not understand in this language, and offers the language menu', async () => {
    const content = inLocale(locale);
    const person = await friendIn(locale);
    expect(messageTexts(await person.say('qwertyuiop'))).toContain(content.understanding.messages.notUnderstood);
    const menu = await press(person, encodeLanguagePostback());
    expect(messageTexts(menu)).toBe(content.languages.menu.text);
    expect(labelsOf(menu)).toEqual([content.flow.messages.labels.crisis, '日本語', 'やさしいにほんご', 'English']);
  });
});

describe('the language of a new friend, from their LINE profile', () => {
  it.each<[string, Parameters<TestBot['fake']['setProfile']>[1], Locale, string | undefined]>([
    ['en', { language: 'en' }, 'en', undefined],
    ['en-US', { language: 'en-US' }, 'en', undefined],
    ['ja', { language: 'ja' }, 'ja', undefined],
    ['pt-BR: English, with Japanese one tap away', { language: 'pt-BR' }, 'en', undefined],
    ['no language shared', {}, 'ja', undefined],
    ['an error from LINE', { failWith: 500 }, 'ja', 'error'],
    ['no answer from LINE (bounded wait)', 'hang', 'ja', 'timeout'],
  ])('%s', async (_name, profile, locale, problem) => {
    const person = t().user();
    t().fake.setProfile(person.userId, profile);
    const reply = await followAndWait(person);
    const content = inLocale(locale);
    expect(messageTexts(reply)).toContain(content.flow.messages.greeting);
    expect(t().fake.profileRequests.filter((r) => r.userId === person.userId)).toEqual([
      { userId: person.userId, authorization: 'Bearer test-access-token' },
    ]);
    // One chat's events run in order, so once the next one is answered the follow's log line is written.
    await person.say('1');
    const line = t().logs.findLast((l) => l.event === 'follow');
    expect(line).toMatchObject({ outcome: 'greeted', locale });
    expect(line?.profile).toBe(problem);
    expect(JSON.stringify(t().logs)).not.toContain(person.userId);
  });

  it('a guessed English greeting says why, and switches to Japanese in one tap', async () => {
    const person = t().user();
    t().fake.setProfile(person.userId, { language: 'pt' });
    const reply = await person.follow();
    expect(messageTexts(reply)).toContain(t().content.languages.menu.guessed);
    expect(labelsOf(reply).slice(-2)).toEqual(['日本語', 'やさしいにほんご']);
    const japanese = await person.tap('日本語');
    expect(messageTexts(japanese)).toContain(t().content.flow.questions.situation?.text);
    expect(messageTexts(japanese)).toContain(t().content.languages.languages.ja.switched);
  });

  it('only follows ask for the profile', async () => {
    const person = t().user();
    await person.follow();
    await person.say('こんにちは');
    await person.tap('わからない');
    expect(t().fake.profileRequests.filter((r) => r.userId === person.userId)).toHaveLength(1);
  });
});

describe('switching language mid-conversation keeps the place', () => {
  const toSolution = async (person: TestUser) => {
    await person.tap('悪口・さらしなどの被害');
    await person.tap('解決のしかたを相談したい');
  };

  it.each<[string, Locale]>([
    ['English', 'en'],
    ['english', 'en'],
    ['ＥＮＧＬＩＳＨ', 'en'],
    ['やさしいにほんご', 'ja-easy'],
    ['やさしい日本語', 'ja-easy'],
  ])('typing %s at a question', async (typed, locale) => {
    const person = t().user();
    await person.follow();
    await toSolution(person);
    const content = inLocale(locale);
    const reply = await person.say(typed);
    expect(messageTexts(reply)).toContain(content.languages.languages[locale].switched);
    expect(messageTexts(reply)).toContain(content.flow.questions.solution?.text);
    // 戻る still goes back along the same path, now in the new language.
    const back = await person.tap(content.flow.messages.labels.back);
    expect(messageTexts(back)).toContain(content.flow.questions.trouble?.text);
    const again = await person.say('日本語');
    expect(messageTexts(again)).toContain(t().content.flow.questions.trouble?.text);
  });

  it('switching after a result shows the result\'s buttons in the new language, and the cards follow', async () => {
    const person = t().user();
    await person.follow();
    await toSolution(person);
    await person.tap('相手にお金を請求したい');
    const en = inLocale('en');
    const reply = await person.say('English');
    const { labels } = en.flow.messages;
    expect(labelsOf(reply)).toEqual([labels.crisis, labels.evidence, labels.back, labels.restart]);
    const back = await person.tap(en.flow.messages.labels.back);
    expect(messageTexts(back)).toContain(en.flow.questions.solution?.text);
    const result = await person.tap(en.flow.questions.solution?.options.find((o) => o.id === 'damages')?.label ?? '');
    expect(cardTitles(result)[0]).toBe('法テラス 多言語情報提供サービス');
  });

  it('the language menu from the first question, then a language', async () => {
    const person = t().user();
    await person.follow();
    await person.tap('Language / ことば');
    const reply = await person.tap('やさしいにほんご');
    const easy = inLocale('ja-easy');
    expect(messageTexts(reply)).toContain(easy.flow.questions.situation?.text);
    expect(labelsOf(reply)).toContain('Language / ことば');
  });

  it('unfollow forgets the chosen language with everything else', async () => {
    const person = t().user();
    t().fake.setProfile(person.userId, { language: 'ja' });
    await person.follow();
    await person.say('English');
    await t().send(lineEvents.unfollow(person.userId));
    const reply = await person.follow();
    expect(messageTexts(reply)).toContain(t().content.flow.messages.greeting);
  });
});

describe('windows that speak English', () => {
  it('come first on the routes they serve, with 「English OK」; Japanese-only lines say so', async () => {
    const person = await friendIn('en');
    const en = inLocale('en');
    for (const label of ['Posts about me', 'Find a way to fix it', 'Get compensation']) await person.tap(label);
    // 法テラス's two cards share a carousel; the shorter 弁護士 card has one of its own, under them.
    expect(cardTitles(person.last)).toEqual(['法テラス 多言語情報提供サービス', '法テラス', '弁護士']);
    const [multilingual, houterasu] = flexBubbles(person.last);
    expect(multilingual).toContain(en.cards.englishOk);
    expect(multilingual).toContain('tel:0570078377');
    expect(houterasu).toContain(en.cards.japaneseOnly);
    expect(houterasu).toContain('Houterasu, the Japan Legal Support Center');
  });

  it('the human-rights routes gain the foreign-language line in English, not in Japanese', async () => {
    const en = await friendIn('en');
    for (const label of ['Posts about me', 'Find a way to fix it', 'Get a post removed', 'Human rights office']) await en.tap(label);
    expect(cardTitles(en.last)).toEqual(['外国語人権相談ダイヤル', '人権相談（法務省）']);
    const ja = await friendIn('ja');
    for (const label of ['悪口・さらしなどの被害', '解決のしかたを相談したい', '書きこみ・画像を消したい', '人権の窓口に相談したい']) await ja.tap(label);
    expect(cardTitles(ja.last)).toEqual(['人権相談（法務省）']);
  });

  it('say nothing about the language of 110 and 119', async () => {
    const person = await friendIn('en');
    const crisis = await person.say('I want to die');
    const en = inLocale('en');
    const card = JSON.stringify(crisis);
    expect(card).toContain('tel:110');
    expect(card).not.toContain(en.cards.japaneseOnly);
    expect(card).not.toContain(en.cards.englishOk);
  });
});

/** Each carousel bubble as JSON, to look for words and numbers in it. */
function flexBubbles(reply: Message[]): string[] {
  return resultCarousels(reply).flatMap((flex) => (flex.contents.type === 'carousel' ? flex.contents.contents : [])).map((bubble) => JSON.stringify(bubble));
}
