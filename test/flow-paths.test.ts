import { getShortestPaths, getSimplePaths } from 'xstate/graph';
import type { FlowEvent } from '../src/core/flow/compile-flow';
import { createEngine } from '../src/core/conversation/engine';
import { loadContent } from '../src/adapters/content/load-content';
import { cardTitles, quickReplyOf, resultCarousels, ROOT, startTestBot, telLinks, useSharedTestBot } from './helpers/test-bot';

/**
 * The routing table, written by hand from the flyer's chart and the agencies' own pages (the `source:` of each window
 * in data/agencies.yaml): the buttons a person taps from the first question, the windows the result must show (in order), and the
 * numbers its call buttons must dial. Every path of the real flow must appear here, and nothing else.
 */
const EVIDENCE = '証拠の残し方';
const PLATFORMS = 'サービスに直接報告';
const TO_DEFAMATION_HELP = '悪口・さらしの相談へ';
const TO_SEXTORTION = 'おどされているとき';

/** `chips`: what the result offers besides the crisis chip, 戻る and 最初から. */
const ROUTES: readonly { taps: string[]; agencies: string[]; tels: string[]; chips?: string[] }[] = [
  {
    // Someone who wants to talk gets lines to call now (the crisis card, open lines first: the test clock reads
    // Monday evening), the portal to chat or SNS lines, and チャイルドライン for children.
    taps: ['悪口・さらしなどの被害', 'つらい気持ちを話したい'],
    agencies: ['心のSOS まもろうよこころ', 'チャイルドライン'],
    tels: ['tel:110', 'tel:119', 'tel:0120279338', 'tel:0120783556', 'tel:0120078310', 'tel:0570064556', 'tel:0120997777'],
  },
  { taps: ['悪口・さらしなどの被害', 'わからない'], agencies: ['違法・有害情報相談センター'], tels: [] },
  {
    // Abuse or exposure, with no idea yet what to ask for: every window that takes defamation and privacy.
    taps: ['悪口・さらしなどの被害', '解決のしかたを相談したい', 'わからない'],
    chips: [EVIDENCE, PLATFORMS],
    agencies: ['違法・有害情報相談センター', '誹謗中傷ホットライン', '人権相談（法務省）'],
    tels: ['tel:0570003110', 'tel:0120007110'],
  },
  {
    taps: ['悪口・さらしなどの被害', '解決のしかたを相談したい', '書きこみ・画像を消したい', '消し方を教えてほしい'],
    chips: [EVIDENCE, PLATFORMS],
    agencies: ['違法・有害情報相談センター'],
    tels: [],
  },
  {
    taps: ['悪口・さらしなどの被害', '解決のしかたを相談したい', '書きこみ・画像を消したい', '人権の窓口に相談したい'],
    chips: [EVIDENCE, PLATFORMS],
    agencies: ['人権相談（法務省）'],
    tels: ['tel:0570003110', 'tel:0120007110'],
  },
  {
    taps: ['悪口・さらしなどの被害', '解決のしかたを相談したい', '書きこみ・画像を消したい', '悪口を代わりに連絡してほしい'],
    chips: [EVIDENCE, PLATFORMS],
    agencies: ['誹謗中傷ホットライン'],
    tels: [],
  },
  {
    taps: ['悪口・さらしなどの被害', '解決のしかたを相談したい', '書きこみ・画像を消したい', '性的な画像・いじめ動画など'],
    chips: [EVIDENCE, PLATFORMS],
    agencies: ['セーフライン'],
    tels: [],
  },
  {
    // Sexual images of an adult posted without consent: セーフライン asks for removal; the police take it as a crime.
    taps: ['悪口・さらしなどの被害', '解決のしかたを相談したい', '書きこみ・画像を消したい', '性的な画像を勝手に載せられた'],
    chips: [TO_SEXTORTION, EVIDENCE, PLATFORMS],
    // Besides the deletion request and the police, #8891 (sexual violence) and the women's rights line.
    // Cards of similar heights share a carousel (render-reply.ts): the police's longer card goes with the women's line.
    agencies: ['セーフライン', '性犯罪・性暴力被害者のためのワンストップ支援センター', '警察のサイバー犯罪相談窓口', '女性の人権ホットライン'],
    tels: ['tel:%238891', 'tel:%239110', 'tel:0570070810'],
  },
  {
    taps: ['悪口・さらしなどの被害', '解決のしかたを相談したい', '書きこみ・画像を消したい', 'わからない・全部見る'],
    chips: [EVIDENCE, PLATFORMS],
    agencies: ['違法・有害情報相談センター', '誹謗中傷ホットライン', 'セーフライン', '人権相談（法務省）'],
    tels: ['tel:0570003110', 'tel:0120007110'],
  },
  {
    taps: ['悪口・さらしなどの被害', '解決のしかたを相談したい', '相手にお金を請求したい'],
    chips: [EVIDENCE],
    agencies: ['弁護士', '法テラス'],
    tels: ['tel:0570078374', 'tel:0367455600'],
  },
  {
    taps: ['悪口・さらしなどの被害', '解決のしかたを相談したい', 'おどされている・警察へ'],
    chips: [EVIDENCE],
    agencies: ['警察（110番）', '警察のサイバー犯罪相談窓口'],
    tels: ['tel:110', 'tel:%239110'],
  },
  {
    // A threat to spread sexual images (or a child's): 110 and the police first, セーフライン to remove what spread.
    taps: ['悪口・さらしなどの被害', '解決のしかたを相談したい', '性的な画像でおどされている'],
    chips: [EVIDENCE],
    // A child threatened with photos: 189 besides the police.
    // 110 first; the police's longer card in a carousel of its own, under the others.
    agencies: ['警察（110番）', 'セーフライン', '児童相談所虐待対応ダイヤル「189」', '警察のサイバー犯罪相談窓口'],
    tels: ['tel:110', 'tel:189', 'tel:%239110'],
  },
  {
    taps: ['違法・有害な情報を見つけた', '違法な情報・自殺へのさそい'],
    chips: [TO_DEFAMATION_HELP],
    agencies: ['インターネット・ホットラインセンター'],
    tels: [],
  },
  { taps: ['違法・有害な情報を見つけた', '有害な情報・いじめ動画'], agencies: ['セーフライン'], tels: [], chips: [TO_DEFAMATION_HELP] },
  {
    // インターネット・ホットラインセンター sends threats to 110 itself, so 110 and the police are the answer.
    taps: ['違法・有害な情報を見つけた', '殺害予告・爆破予告など'],
    chips: [EVIDENCE],
    agencies: ['警察（110番）', '警察のサイバー犯罪相談窓口'],
    tels: ['tel:110', 'tel:%239110'],
  },
  {
    taps: ['違法・有害な情報を見つけた', 'わからない'],
    agencies: ['インターネット・ホットラインセンター', 'セーフライン'],
    tels: [],
    chips: [TO_DEFAMATION_HELP],
  },
  {
    taps: ['いま身の危険を感じる'],
    agencies: ['警察（110番）', '警察のサイバー犯罪相談窓口'],
    tels: ['tel:110', 'tel:%239110'],
    chips: [EVIDENCE],
  },
  { taps: ['ウイルス・乗っ取り'], agencies: ['情報セキュリティ安心相談窓口'], tels: ['tel:0359787509'] },
  { taps: ['わからない'], agencies: ['違法・有害情報相談センター', '心のSOS まもろうよこころ'], tels: [] },
];

const t = useSharedTestBot();

/** The compiled machine and graph options that tap every option of each question (states told apart by name). */
function graph() {
  const { flow } = t().content;
  const machine = createEngine(t().content, { sessionTtlMinutes: 30 }).states.machine;
  const options = {
    events: (snapshot: { value: unknown }) =>
      (flow.questions[String(snapshot.value)]?.options ?? []).map((o): FlowEvent => ({ type: 'CHOOSE', optionId: o.id })),
    serializeState: (snapshot: { value: unknown }) => JSON.stringify(snapshot.value),
  };
  return { flow, machine, options };
}

/** Every path of the compiled machine from the first question to a result, as the labels a person taps. */
function flowPaths(): string[][] {
  const { flow, machine, options } = graph();
  return getSimplePaths(machine, options)
    .filter((path) => String(path.state.value) in flow.results)
    .map((path) =>
      // Each step holds the state an event led to, so the question asked is the previous step's state.
      path.steps.flatMap((step, index) => {
        const asked = path.steps[index - 1]?.state.value;
        const event = step.event as FlowEvent;
        if (event.type !== 'CHOOSE' || asked === undefined) return [];
        return flow.questions[String(asked)]?.options.find((o) => o.id === event.optionId)?.label ?? [];
      }),
    );
}

describe('the flow, every path', () => {
  it('has exactly the routes of the routing table', () => {
    const key = (taps: string[]) => taps.join(' → ');
    expect(flowPaths().map(key).sort()).toEqual(ROUTES.map((r) => key(r.taps)).sort());
  });

  it('reaches every question and result', () => {
    const { flow, machine, options } = graph();
    const reached = getShortestPaths(machine, options).map((path) => String(path.state.value));
    expect(new Set(reached)).toEqual(new Set([...Object.keys(flow.questions), ...Object.keys(flow.results)]));
  });

  it.each(ROUTES.map((route) => [route.taps.join(' → '), route] as const))('%s', async (_name, route) => {
    expect(route.taps.length).toBeLessThanOrEqual(4);
    const person = t().user();
    await person.follow();
    for (const label of route.taps) await person.tap(label);
    const reply = person.last;

    expect(cardTitles(reply)).toEqual(route.agencies);
    // The cards' call buttons (the message after them carries only the call chip, checked in call-chip.test.ts).
    expect(telLinks(reply.slice(0, -1))).toEqual(route.tels);
    const labels = quickReplyOf(reply).map((item) => item.action.label);
    expect(labels).toEqual(['つらい・いますぐ相談', ...(route.chips ?? []), '戻る', '最初から']);
    expect(reply.length).toBeLessThanOrEqual(5);
    const altTexts = resultCarousels(reply).map((flex) => flex.altText).join(' / ');
    for (const name of route.agencies) expect(altTexts).toContain(name);
    expect(t().fake.rejected).toEqual([]);
  });

  it('never sends a defamation or privacy victim to インターネット・ホットラインセンター', async () => {
    for (const route of ROUTES.filter((r) => r.taps[0] === '悪口・さらしなどの被害')) {
      expect(route.agencies).not.toContain('インターネット・ホットラインセンター');
    }
  });

  it.each(Object.values(loadContent(ROOT).flow.results).map((r) => [r.id, r] as const))(
    'result %s shows no window whose doesNotTake excludes its cases',
    (_id, result) => {
      const { agencies } = loadContent(ROOT);
      const refused = result.agencies.flatMap(({ id }) =>
        result.about.filter((c) => agencies.get(id)?.doesNotTake.includes(c)).map((c) => `${id} refuses ${c}`),
      );
      expect(refused).toEqual([]);
    },
  );
});

describe('agency cards', () => {
  it('prints each number, dials it with tel:, opens the site on desktop, and warns when a call is paid', async () => {
    const person = t().user();
    await person.follow();
    for (const label of ['悪口・さらしなどの被害', '解決のしかたを相談したい', '相手にお金を請求したい']) await person.tap(label);
    const text = JSON.stringify(person.last);
    expect(text).toContain('☎ 0570-078374');
    expect(text).toContain('ナビダイヤル（通話料がかかります）');
    expect(text).toContain('"altUri":{"desktop":"https://www.houterasu.or.jp/"}');
    expect(text).toContain('"uri":"https://www.houterasu.or.jp/"');
    expect(text).toContain('"url":"https://bot.example.jp/icons/phone.png"');
  });

  it('shows channels as text when PUBLIC_BASE_URL is not set', async () => {
    const plain = await startTestBot({ PUBLIC_BASE_URL: '' });
    try {
      const person = plain.user();
      await person.follow();
      await person.tap('ウイルス・乗っ取り');
      const text = JSON.stringify(person.last);
      expect(text).not.toContain('"type":"icon"');
      expect(text).toContain('電話・メール');
      expect(plain.fake.rejected).toEqual([]);
    } finally {
      await plain.close();
    }
  });
});
