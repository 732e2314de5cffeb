import type { Locale } from '../src/core/locale/locale';
import { encodeLanguagePostback } from '../src/core/postback';
import { messageTexts, cardTitles, quickReplyOf, telLinks, type Message, type TestUser, useSharedTestBot } from './helpers/test-bot';

/**
 * Typed text in the same room as the flow: navigation words of every language, typed numbers that mean the chip at
 * that place, a report about others' content that is not a crisis, and English typed into a Japanese session.
 */

const t = useSharedTestBot();

const labelsOf = (reply: Message[]) => quickReplyOf(reply).map((i) => i.action.label);
/** A line of the crisis card (いのちの電話's free number): the card, not the chip. */
const CRISIS_CARD_TEL = 'tel:0120783556';

const inLocale = (locale: Locale) => {
  const content = t().content.byLocale.get(locale);
  if (!content) throw new Error(`no content for ${locale}`);
  return content;
};
const questionText = (locale: Locale, questionId: string) => inLocale(locale).flow.questions[questionId]?.text ?? '';

/** A friend reading `locale`, after tapping the first option of the first question (悪口・さらしなどの被害). */
async function personIn(locale: Locale): Promise<TestUser> {
  const person = t().user();
  await person.follow();
  if (locale !== 'ja') await person.postback(encodeLanguagePostback(locale));
  await person.tap(inLocale(locale).flow.questions.situation!.options[0]!.label);
  return person;
}

describe('navigation words of every language work in every language', () => {
  it.each<[Locale, string, 'back' | 'restart']>([
    ['ja-easy', '戻る', 'back'],
    ['ja-easy', '最初から', 'restart'],
    ['ja-easy', 'Back', 'back'],
    ['ja', 'back', 'back'],
    ['ja', 'Start over', 'restart'],
    ['ja', 'go back', 'back'],
    ['ja', 'はじめから', 'restart'],
    ['en', '戻る', 'back'],
    ['en', 'もどる', 'back'],
    ['en', '最初から', 'restart'],
  ])('in %s, typed %s', async (locale, typed) => {
    const person = await personIn(locale);
    const reply = await person.say(typed);
    // From the second question both lead to the first, asked in the session's own language.
    expect(messageTexts(reply)).toContain(questionText(locale, 'situation'));
    expect(messageTexts(reply)).not.toContain(inLocale(locale).understanding.messages.notUnderstood.slice(0, 10));
  });

  it.each<[Locale, string]>([
    ['ja', 'Talk to someone now'],
    ['en', 'つらい・いますぐ相談'],
    ['ja-easy', 'つらい・いますぐ相談'],
  ])('in %s, the crisis button typed as %s brings the crisis card', async (locale, typed) => {
    const person = await personIn(locale);
    expect(telLinks(await person.say(typed))).toContain(CRISIS_CARD_TEL);
  });

  it.each<[Locale, string]>([
    ['ja', "That's not it"],
    ['en', 'ちがう'],
  ])('in %s, 「ちがう」 typed as %s after a typed answer goes one question back', async (locale, typed) => {
    const person = t().user();
    await person.follow();
    if (locale !== 'ja') await person.postback(encodeLanguagePostback(locale));
    await person.say('慰謝料を請求したい');
    expect(messageTexts(await person.say(typed))).toContain(questionText(locale, 'solution'));
  });
});

describe('a question’s numbered list and its chips are in one order, so a typed number is the chip at that place', () => {
  const places: [string, (locale: Locale) => Promise<TestUser>][] = [
    ['the second question', personIn],
    [
      'the question 「ちがう」 asks after a vague description',
      async (locale) => {
        const person = t().user();
        await person.follow();
        if (locale !== 'ja') await person.postback(encodeLanguagePostback(locale));
        await person.say('悪口を書かれた');
        await person.tap(inLocale(locale).understanding.messages.wrong);
        return person;
      },
    ],
  ];
  it.each(['ja', 'ja-easy', 'en'] as const)('%s', async (locale) => {
    for (const [, reach] of places) {
      const person = await reach(locale);
      const listed = messageTexts(person.last)
        .split('\n')
        .flatMap((line) => /^\d+\. (.+)$/.exec(line)?.[1] ?? []);
      const answers = labelsOf(person.last).filter((label) => listed.includes(label));
      expect(answers).toEqual(listed);
      expect(listed.length).toBeGreaterThan(1);
      for (const [index, label] of listed.entries()) {
        const typing = await reach(locale);
        const tapping = await reach(locale);
        expect(await typing.say(String(index + 1))).toEqual(await tapping.tap(label));
      }
    }
  });
});

describe('a report of a post inviting suicide goes to the reporting window, with the crisis chip beside it', () => {
  it.each(['自殺をさそう書き込みを見つけた', '自殺に誘う投稿を見つけました', '自殺をさそうアカウントがあります。通報したい'])('%s', async (typed) => {
    const person = t().user();
    await person.follow();
    const reply = await person.say(typed);
    expect(cardTitles(reply)).toEqual(['インターネット・ホットラインセンター']);
    expect(telLinks(reply)).not.toContain(CRISIS_CARD_TEL);
    expect(labelsOf(reply)[0]).toBe('つらい・いますぐ相談');
  });

  it.each(['自殺にさそわれた', '自殺したい', '死にたい'])('%s, about the writer, still brings the crisis card', async (typed) => {
    const person = t().user();
    await person.follow();
    expect(telLinks(await person.say(typed))).toContain(CRISIS_CARD_TEL);
  });
});

describe('English typed into a Japanese session offers English in one tap', () => {
  it.each<[Locale, string, boolean]>([
    ['ja', 'someone posted lies about me', true],
    ['ja', 'I do not know what to do', true],
    ['ja-easy', 'someone posted lies about me', true],
    ['ja', '悪口を書かれた', false],
    ['ja', 'LINEで悪口を書かれた', false],
    ['ja', 'help', false],
    ['en', 'someone posted lies about me', false],
  ])('in %s, %s', async (locale, typed, offered) => {
    const person = t().user();
    await person.follow();
    if (locale !== 'ja') await person.postback(encodeLanguagePostback(locale));
    const labels = labelsOf(await person.say(typed));
    expect(labels.includes('English')).toBe(offered);
    if (!offered) return;
    // Before 戻る and 最初から; one tap answers in English, where the person was.
    expect(labels.slice(-3)).toEqual(['English', inLocale(locale).flow.messages.labels.back, inLocale(locale).flow.messages.labels.restart]);
    const switched = await person.tap('English');
    expect(messageTexts(switched)).toContain(inLocale('en').languages.languages.en.switched);
  });
});
