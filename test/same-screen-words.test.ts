import type { messagingApi } from '@line/bot-sdk';
import { LOCALES, type Locale } from '../src/core/locale/locale';
import { encodeLanguagePostback, encodePostback } from '../src/core/postback';
import { quickReplyOf, startTestBot, type Message, type TestBot, type TestUser } from './helpers/test-bot';

/**
 * What one screen says must not contradict or repeat itself: the evidence card never tells the person to press the
 * button they just pressed, a crisis reply carries no "keep the evidence" line, and a heading of the crisis card is
 * not said again by the badges under it. Every locale, every way in (taps, the rich menu's postbacks, typed words).
 */

let t: TestBot;
beforeAll(async () => {
  t = await startTestBot();
});
afterEach(() => expect(t.fake.rejected).toEqual([]));
afterAll(() => t.close());

const contentOf = (locale: Locale) => {
  const content = t.content.byLocale.get(locale);
  if (!content) throw new Error(`no content for ${locale}`);
  return content;
};

/** One way to each result, as the postbacks of its taps from the first question. */
function pathsToResults(): Map<string, string[]> {
  const { flow } = t.content;
  const paths = new Map<string, string[]>();
  const visit = (questionId: string, taps: string[]) => {
    for (const option of flow.questions[questionId]?.options ?? []) {
      const tapped = [...taps, encodePostback({ action: 'choose', questionId, optionId: option.id })];
      if (option.next in flow.questions) visit(option.next, tapped);
      else if (!paths.has(option.next)) paths.set(option.next, tapped);
    }
  };
  visit(flow.start, []);
  return paths;
}

/** A new friend in `locale`, after these taps. */
async function personAt(locale: Locale, taps: readonly string[]): Promise<TestUser> {
  const person = t.user();
  await person.follow();
  if (locale !== 'ja') await person.postback(encodeLanguagePostback(locale));
  for (const data of taps) await person.postback(data);
  return person;
}

/** Every word of a reply a person reads: text messages, card texts, button and chip labels. */
function wordsOf(reply: readonly Message[]): string[] {
  const words: string[] = [];
  const walk = (node: unknown): void => {
    if (Array.isArray(node)) node.forEach(walk);
    else if (node && typeof node === 'object') {
      const { text, label } = node as { text?: unknown; label?: unknown };
      if (typeof text === 'string') words.push(text);
      if (typeof label === 'string') words.push(label);
      Object.values(node).forEach(walk);
    }
  };
  walk(reply);
  return words;
}

/** The evidence button's label as a line quotes it when it says to press it: 「証拠の残し方」, "How to keep evidence". */
function quotedEvidenceLabel(locale: Locale): string {
  const label = contentOf(locale).flow.messages.labels.evidence;
  return locale === 'en' ? `"${label}"` : `「${label}」`;
}

/** The lines that tell a person to keep evidence: every result's advice that sends them to the evidence card. */
function evidenceLines(locale: Locale): string[] {
  const quoted = quotedEvidenceLabel(locale);
  return Object.values(contentOf(locale).flow.results).flatMap((result) => (result.advice?.includes(quoted) ? [result.advice] : []));
}

/** The quick replies other than the language ones (English typed into a Japanese chat offers English in one tap). */
function chipsBesideLanguages(reply: Message[]): string[] {
  const { languages } = t.content;
  const languageChips = new Set([languages.menu.label, ...Object.values(languages.languages).map((language) => language.name)]);
  return quickReplyOf(reply)
    .map((item) => item.action.label)
    .filter((label) => !languageChips.has(label));
}

/** A reply with the crisis card and no line that says to keep evidence, nor the way to the evidence card. */
function expectNoEvidenceLine(locale: Locale, reply: readonly Message[]): void {
  expect(reply.some((m) => m.type === 'flex' && JSON.stringify(m).includes('tel:0120783556'))).toBe(true);
  const words = wordsOf(reply);
  for (const line of evidenceLines(locale)) expect(words).not.toContain(line);
  expect(words.filter((line) => line.includes(quotedEvidenceLabel(locale)))).toEqual([]);
  expect(words).not.toContain(contentOf(locale).evidence.intro);
}

const RESULTS_WITH_EVIDENCE = () => Object.values(t.content.flow.results).filter((result) => result.evidence);

describe.each(LOCALES)('in %s', (locale) => {
  it('the advice under a result sends to the evidence button, so the test below can fail', () => {
    expect(evidenceLines(locale).length).toBeGreaterThan(5);
  });

  it('at every result that offers it, the evidence card does not ask to press its chip, and a crisis card after it carries no evidence line', async () => {
    const paths = pathsToResults();
    const { flow, evidence } = contentOf(locale);
    for (const result of RESULTS_WITH_EVIDENCE()) {
      const person = await personAt(locale, paths.get(result.id) ?? []);
      const card = await person.tap(flow.messages.labels.evidence);
      expect(wordsOf(card)).toContain(evidence.title);
      expect(wordsOf(card).filter((line) => line.includes(quotedEvidenceLabel(locale)))).toEqual([]);
      // Still at the result: the crisis chip (the rich menu sends the same postback) from there.
      expectNoEvidenceLine(locale, await person.tap(flow.messages.labels.crisis));
    }
  });

  it.each([
    ['its label', (label: string) => label],
    ['the rich menu’s words for it', () => '証拠の残し方を知りたい'],
    ['a plain wish', () => '証拠を残したい'],
    ['English', () => 'how do I keep evidence?'],
  ])('typing %s shows the evidence card as the chip does, at a result and at the first question', async (_way, typed) => {
    const { flow, evidence } = contentOf(locale);
    for (const taps of [pathsToResults().get('damages') ?? [], []]) {
      const person = await personAt(locale, taps);
      const chipsBefore = chipsBesideLanguages(person.last);
      const reply = await person.say(typed(flow.messages.labels.evidence));
      const words = wordsOf(reply);
      expect(words).toContain(evidence.title);
      expect(words.filter((line) => line.includes(quotedEvidenceLabel(locale)))).toEqual([]);
      // The person stays where they were, with the same buttons (English typed in Japanese offers English too).
      expect(chipsBesideLanguages(reply)).toEqual(chipsBefore);
    }
  });

  it('the evidence card from the rich menu (a postback from anywhere) does not ask to press it either', async () => {
    const person = await personAt(locale, []);
    const reply = await person.postback(encodePostback({ action: 'evidence' }));
    expect(wordsOf(reply)).toContain(contentOf(locale).evidence.title);
    expect(wordsOf(reply).filter((line) => line.includes(quotedEvidenceLabel(locale)))).toEqual([]);
  });
});

describe.each(LOCALES)('a crisis reply in %s carries no "keep the evidence" line', (locale) => {
  it.each([
    ['crisis words', '死にたい'],
    ['crisis words in English', 'I want to die'],
    ['crisis words in kana', 'しにたい'],
    ['the crisis chip’s label', 'つらい・いますぐ相談'],
  ])('after %s typed at a result that offers evidence, or typed first', async (_way, typed) => {
    const toPolice = pathsToResults().get('police') ?? [];
    for (const taps of [toPolice, []]) {
      const person = await personAt(locale, taps);
      expectNoEvidenceLine(locale, await person.say(typed));
    }
  });

  it('in the result that shows the crisis card with its windows (つらい気持ちを話したい)', async () => {
    const person = await personAt(locale, pathsToResults().get('talk') ?? []);
    expectNoEvidenceLine(locale, person.last);
  });
});

describe.each(LOCALES)('the crisis card in %s: no heading is said again by the badges under it', (locale) => {
  it.each([
    ['a holiday night', '2027-01-11T22:30+09:00'],
    ['a weekday night', '2026-12-07T23:30+09:00'],
    ['a weekday afternoon', '2026-12-07T15:00+09:00'],
    ['the 10th, when いのちの電話 answers all day', '2026-12-10T15:00+09:00'],
  ])('on %s', async (_when, at) => {
    t.setClock(Date.parse(at));
    const { hours } = contentOf(locale);
    const person = await personAt(locale, []);
    const reply = await person.tap(contentOf(locale).flow.messages.labels.crisis);
    const card = reply.find((m): m is Message & messagingApi.FlexMessage => m.type === 'flex');
    const bubble = card?.contents as messagingApi.FlexBubble | undefined;
    const body = wordsOf([bubble?.body] as unknown as Message[]);
    const headings = [hours.crisis.openNow, hours.crisis.closedNow, hours.crisis.other];
    const sectionUnder = (heading: string) => {
      const start = body.indexOf(heading);
      if (start < 0) return [];
      const next = body.findIndex((line, index) => index > start && headings.includes(line));
      return body.slice(start + 1, next < 0 ? undefined : next);
    };
    const closed = sectionUnder(hours.crisis.closedNow);
    // The closed heading says "closed": the badges under it say only when each line opens.
    for (const line of closed) {
      expect(line).not.toContain(hours.closedNoNext);
      expect(line).not.toContain(hours.crisis.closedNow);
    }
    const opensPrefix = hours.opens.replace('{next}', '');
    if (at.startsWith('2027-01-11')) expect(closed.some((line) => line.startsWith(opensPrefix))).toBe(true);
    // The header over the open lines is not said again under it either.
    expect(body).not.toContain(hours.crisis.openNow);
    // The same in the card's words for notifications: 「時間外の窓口: いのちの電話 0120-783-556 次は 明日 16:00」.
    const closedInWords = card?.altText.split('\n').find((line) => line.startsWith(`${hours.crisis.closedNow}:`));
    expect(closedInWords?.slice(hours.crisis.closedNow.length + 1) ?? '').not.toContain(hours.closedNoNext);
  });
});
