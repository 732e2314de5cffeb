import type { messagingApi } from '@line/bot-sdk';
import { encodeLanguagePostback } from '../src/core/postback';
import { cardTitles, quickReplyOf, type Message, type TestUser, useSharedTestBot } from './helpers/test-bot';

/**
 * A number in the first reply: a typed description the bot understands shows the windows that cover it (call
 * buttons or form links) in its first reply, with one narrowing question under it (flows/triage.yaml `narrowing`),
 * each chip one tap to the result for that wish, and 「ちがう」.
 */

const t = useSharedTestBot();

const CRISIS = 'つらい・いますぐ相談';
const CHIPS = ['消したい', 'お金を請求したい', '話を聞いてほしい', '脅されている'];
const POSTS_ABOUT_ME = ['違法・有害情報相談センター', '誹謗中傷ホットライン', '人権相談（法務省）'];
// The shorter cards share a carousel, 人権相談's longer one has its own under them (render-reply.ts).
const DELETE_ALL = ['違法・有害情報相談センター', '誹謗中傷ホットライン', 'セーフライン', '人権相談（法務省）'];
const GENERAL = ['違法・有害情報相談センター', '心のSOS まもろうよこころ'];
const POLICE = ['警察（110番）', '警察のサイバー犯罪相談窓口'];
const TALK = ['心のSOS まもろうよこころ', 'チャイルドライン'];

const labelsOf = (reply: Message[]) => quickReplyOf(reply).map((i) => i.action.label);

/** The call buttons and web links on the result's cards: what a person can act on at once. */
function cardLinks(reply: Message[]): string[] {
  const carousels = reply.filter((m) => m.type === 'flex' && (m as messagingApi.FlexMessage).contents.type === 'carousel');
  return [...JSON.stringify(carousels).matchAll(/"uri":"((?:tel:|https:)[^"]+)"/g)].map((m) => m[1] ?? '');
}

async function sayFirst(text: string): Promise<TestUser> {
  const person = t().user();
  await person.follow();
  await person.say(text);
  return person;
}

describe('a typed description gets windows in the first reply, the narrowing chips under them', () => {
  it.each([
    // [typed, the windows of the first reply, the chips it offers (those of the wish it already shows are left out)]
    ['悪口を書かれた', POSTS_ABOUT_ME, CHIPS],
    ['個人情報をさらされた', POSTS_ABOUT_ME, CHIPS],
    ['書き込みを消したい', DELETE_ALL, ['お金を請求したい', '話を聞いてほしい', '脅されている']],
    ['慰謝料を請求したい', ['弁護士', '法テラス'], ['消したい', '話を聞いてほしい', '脅されている']],
    ['誰かに話を聞いてほしい', TALK, ['消したい', 'お金を請求したい', '脅されている']],
    ['殺すと脅されています', POLICE, ['消したい', 'お金を請求したい', '話を聞いてほしい']],
    // Vague: the safest general windows instead of a bare question.
    ['ネットで困ってる', GENERAL, CHIPS],
    ['助けて', GENERAL, CHIPS],
    ['someone posted lies about me', POSTS_ABOUT_ME, CHIPS],
  ])('%s', async (typed, windows, chips) => {
    const person = await sayFirst(typed);
    expect(cardTitles(person.last)).toEqual(windows);
    expect(cardLinks(person.last).length).toBeGreaterThan(0);
    const labels = labelsOf(person.last);
    // The crisis chip first, then the narrowing chips, then ちがう.
    expect(labels.slice(0, chips.length + 2)).toEqual([CRISIS, ...chips, 'ちがう']);
    expect(labels.slice(-2)).toEqual(['戻る', '最初から']);
    expect(person.last.at(-1)?.text).toContain('いちばん近いものを下のボタンから選ぶと');
  });

  it('a description of found content shows the reporting windows, and ちがう asks which content it is', async () => {
    const person = await sayFirst('変なサイトを見つけた');
    expect(cardTitles(person.last)).toEqual(['インターネット・ホットラインセンター']);
    expect(labelsOf(person.last)).not.toContain('消したい');
    expect(String((await person.tap('ちがう'))[0]?.text)).toContain('どんな情報ですか？');
  });
});

describe('each narrowing chip is one tap to the result for that wish', () => {
  it.each([
    ['悪口を書かれた', '消したい', DELETE_ALL],
    ['悪口を書かれた', 'お金を請求したい', ['弁護士', '法テラス']],
    ['悪口を書かれた', '話を聞いてほしい', TALK],
    ['悪口を書かれた', '脅されている', POLICE],
    ['ネットで困ってる', '消したい', DELETE_ALL],
    ['慰謝料を請求したい', '脅されている', POLICE],
  ])('%s → %s', async (typed, chip, windows) => {
    const person = await sayFirst(typed);
    const reply = await person.tap(chip);
    expect(cardTitles(reply)).toEqual(windows);
    expect(cardLinks(reply).length).toBeGreaterThan(0);
    // A chosen result is not narrowed again: it closes as a tapped one does.
    expect(labelsOf(reply)).not.toContain('ちがう');
  });

  it.each([
    ['消したい', DELETE_ALL],
    ['お金を請求したい', ['弁護士', '法テラス']],
  ])('typing the chip %s takes it, as the tap would', async (typed, windows) => {
    const person = await sayFirst('悪口を書かれた');
    expect(cardTitles(await person.say(typed))).toEqual(windows);
  });

  it.each([
    ['threatened', ['警察（110番）', 'セーフライン', '児童相談所虐待対応ダイヤル「189」', '警察のサイバー犯罪相談窓口']],
    ['delete', ['セーフライン']],
  ])('under sexual images, the chip %s leads where the result sends it', async (chip, windows) => {
    const person = await sayFirst('悪口を書かれた');
    expect(cardTitles(await person.postback(`a=narrow&q=intimate_images&o=${chip}`))).toEqual(windows);
  });

  it('a chip that no longer leads anywhere is answered as out of date', async () => {
    const person = await sayFirst('悪口を書かれた');
    expect(String((await person.postback('a=narrow&q=posts_about_me&o=removed')).at(-1)?.text)).toContain('そのボタンは前の質問のものです');
  });
});

describe('the narrowing chips in every language', () => {
  it.each([
    ['en', 'someone posted lies about me', ['Remove it', 'Get compensation', 'Someone to listen', "I'm being threatened"]],
    ['ja-easy', '悪口を書かれた', ['けしたい', 'お金を もとめたい', '話を 聞いて ほしい', 'おどされて いる']],
  ] as const)('%s', async (locale, typed, chips) => {
    const person = t().user();
    await person.follow();
    await person.postback(encodeLanguagePostback(locale));
    await person.say(typed);
    expect(labelsOf(person.last).slice(1, 1 + chips.length)).toEqual(chips);
    expect(cardLinks(person.last).length).toBeGreaterThan(0);
    expect(cardLinks(await person.tap(chips[0])).length).toBeGreaterThan(0);
  });
});
