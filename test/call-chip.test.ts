import type { Locale } from '../src/core/locale/locale';
import { encodeLanguagePostback, encodePostback } from '../src/core/postback';
import { startTestBot, telLinks, type Message, type TestBot } from './helpers/test-bot';

/**
 * 「☎ 110に電話」: after a result, the chip after the crisis chip calls the first line of its windows that answers now,
 * the same tel: as that card's call button; a closed line (or one whose hours are unknown) gets no chip. Driven
 * through signed webhooks; the fake LINE API checks the reply against LINE's limits and schema.
 */

let t: TestBot;
beforeAll(async () => {
  t = await startTestBot();
});
afterEach(() => {
  expect(t.fake.rejected).toEqual([]);
});
afterAll(() => t.close());

const SUNDAY_NIGHT = '2026-12-06T23:30+09:00';
const MONDAY_MORNING = '2026-12-07T10:00+09:00';

/** The tap on the option that shows `resultId`, in a new chat in `locale`, at `at`. */
async function resultIn(locale: Locale, resultId: string, at: string): Promise<Message[]> {
  t.setClock(Date.parse(at));
  const person = t.user();
  await person.follow();
  if (locale !== 'ja') await person.postback(encodeLanguagePostback(locale));
  const { flow } = t.content.byLocale.get(locale) ?? t.content.byLocale.get('ja')!;
  const [questionId, option] = Object.entries(flow.questions)
    .flatMap(([id, question]) => question.options.map((o) => [id, o] as const))
    .find(([, o]) => o.next === resultId) ?? [];
  if (!questionId || !option) throw new Error(`no option leads to ${resultId}`);
  return person.postback(encodePostback({ action: 'choose', questionId, optionId: option.id }));
}

interface Chip {
  readonly type: string;
  readonly action: { readonly type: string; readonly label: string; readonly uri?: string; readonly data?: string };
}
const chipsOf = (reply: Message[]) => ((reply.at(-1)?.quickReply as { items: Chip[] } | undefined)?.items ?? []);
/** The tel: links of the cards, the chips left out. */
const cardTels = (reply: Message[]) => telLinks(reply.slice(0, -1));

/** Open on a weekday morning; the sources say they work in Japanese only, so an English reader gets no chip for them. */
const JAPANESE_ONLY_OPEN: [string, string, string, string][] = [
  ['delete_rights', MONDAY_MORNING, '0570-003-110', 'tel:0570003110'],
  ['damages', MONDAY_MORNING, '0570-078374', 'tel:0570078374'],
];

describe.each<[Locale, string]>([
  ['ja', '☎ {number}に電話'],
  ['ja-easy', '☎ {number}に 電話'],
  ['en', '☎ Call {number}'],
])('%s', (locale, wording) => {
  it.each<[string, string, string, string]>([
    ['police', SUNDAY_NIGHT, '110', 'tel:110'],
    ['report_threat', MONDAY_MORNING, '110', 'tel:110'],
    ...(locale === 'en' ? [] : JAPANESE_ONLY_OPEN),
  ])('%s at %s: the chip after the crisis chip calls %s, the number of a call button on the cards', async (resultId, at, number, uri) => {
    const reply = await resultIn(locale, resultId, at);
    const [first, second] = chipsOf(reply);
    // The crisis chip stays first (it must show without a swipe on a 320 px phone); the call right after it.
    expect(first?.action).toMatchObject({ type: 'postback', data: 'a=crisis' });
    expect(second).toEqual({ type: 'action', action: { type: 'uri', label: wording.replace('{number}', number), uri } });
    expect(cardTels(reply)).toContain(uri);
    expect(chipsOf(reply).filter((chip) => chip.action.type === 'uri')).toHaveLength(1);
  });

  it.each<[string, string]>([
    ['delete_rights', SUNDAY_NIGHT],
    ['damages', SUNDAY_NIGHT],
    ['posts_about_me', SUNDAY_NIGHT],
    ['delete_expert', MONDAY_MORNING],
    ...(locale === 'en' ? JAPANESE_ONLY_OPEN.map(([resultId, at]): [string, string] => [resultId, at]) : []),
  ])('%s at %s: no line that takes the reader is open now (or there is none), so no call chip', async (resultId, at) => {
    const reply = await resultIn(locale, resultId, at);
    expect(chipsOf(reply).length).toBeGreaterThan(0);
    expect(chipsOf(reply).filter((chip) => chip.action.type !== 'postback')).toEqual([]);
  });
});
