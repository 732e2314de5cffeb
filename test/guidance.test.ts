import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { messagingApi } from '@line/bot-sdk';
import { parse } from 'yaml';
import { quickReplyOf, ROOT, type Message, useSharedTestBot } from './helpers/test-bot';

/**
 * What a person can act on beyond the windows: 「証拠の残し方」, the services' own report pages, what each window
 * can do at a glance, the date its facts were checked, 「情報がちがう？」, and one tap out of a wrong branch.
 */
const t = useSharedTestBot();

const TO_DELETE_ALL = ['悪口・さらしなどの被害', '解決のしかたを相談したい', '書きこみ・画像を消したい', 'わからない・全部見る'];
const TO_DAMAGES = ['悪口・さらしなどの被害', '解決のしかたを相談したい', '相手にお金を請求したい'];
const TO_POLICE = ['悪口・さらしなどの被害', '解決のしかたを相談したい', 'おどされている・警察へ'];
const TO_THREAT = ['違法・有害な情報を見つけた', '殺害予告・爆破予告など'];
const TO_ILLEGAL = ['違法・有害な情報を見つけた', '違法な情報・自殺へのさそい'];

async function at(taps: string[]) {
  const person = t().user();
  await person.follow();
  for (const label of taps) await person.tap(label);
  return person;
}

const labels = (reply: Message[]) => quickReplyOf(reply).map((item) => item.action.label);
const flexes = (reply: Message[]) => reply.filter((m): m is Message & messagingApi.FlexMessage => m.type === 'flex');
const bubbles = (reply: Message[]) =>
  flexes(reply).flatMap((m) => (m.contents.type === 'carousel' ? m.contents.contents : [m.contents]));
/** Every postback a card's buttons send. */
const cardPostbacks = (reply: Message[]) =>
  [...JSON.stringify(bubbles(reply)).matchAll(/"type":"postback","label":"([^"]+)","data":"([^"]+)"/g)].map((m) => ({ label: m[1], data: m[2] }));

describe('「証拠の残し方」', () => {
  it.each([
    ['delete', TO_DELETE_ALL],
    ['damages', TO_DAMAGES],
    ['police', TO_POLICE],
    ['threat', TO_THREAT],
  ])('is offered after the %s result, and keeps the person at that result', async (_name, taps) => {
    const person = await at(taps);
    const before = labels(person.last);
    expect(before).toContain('証拠の残し方');
    const reply = await person.tap('証拠の残し方');
    const card = JSON.stringify(bubbles(reply));
    expect(card).toContain('書きこみのURL');
    expect(card).toContain('スクリーンショット');
    expect(card).toContain('子どもの性的な画像や動画は、保存も転送もしないでください');
    // The person is still at the result: the same buttons follow the card.
    expect(labels(reply)).toEqual(before);
  });

  it('is not offered where there is nothing to keep (a person who wants to talk)', async () => {
    const person = await at(['悪口・さらしなどの被害', 'つらい気持ちを話したい']);
    expect(labels(person.last)).not.toContain('証拠の残し方');
  });

  it('works from anywhere as a postback (the rich menu may link it), then asks the question again', async () => {
    const person = await at([]);
    const reply = await person.postback('a=evidence');
    expect(JSON.stringify(bubbles(reply))).toContain('証拠の残し方');
    expect(String(reply.at(-1)?.text)).toContain('どんなことで困っていますか？');
  });

  it('leads on to the services’ own report pages', async () => {
    const person = await at(TO_DELETE_ALL);
    const evidence = await person.tap('証拠の残し方');
    const next = cardPostbacks(evidence).find((p) => p.data === 'a=platforms');
    expect(next?.label).toBe('サービスに直接報告');
    const reply = await person.postback('a=platforms');
    const services = (parse(readFileSync(path.join(ROOT, 'data/platforms.yaml'), 'utf8')) as { services: { url: string; provider?: string }[] }).services;
    const uris = [...JSON.stringify(bubbles(reply)).matchAll(/"uri":"(https:[^"]+)"/g)].map((m) => m[1]);
    // The services designated under 情報流通プラットフォーム対処法 first, then the others, then the draft page.
    const designatedFirst = [...services.filter((s) => s.provider), ...services.filter((s) => !s.provider)];
    expect(uris).toEqual([...designatedFirst.map((s) => s.url), 'https://bot.example.jp/first-step/draft?lang=ja']);
  });
});

describe('the services’ report pages', () => {
  it('are offered on the delete route', async () => {
    const person = await at(TO_DELETE_ALL);
    expect(labels(person.last)).toContain('サービスに直接報告');
    const reply = await person.tap('サービスに直接報告');
    expect(JSON.stringify(bubbles(reply))).toContain('サービスに直接報告する');
  });
});

describe('agency cards', () => {
  it('say what each window can do, only where the data says so', async () => {
    const cards = JSON.stringify(bubbles((await at(TO_DELETE_ALL)).last));
    expect(cards).toContain('無料・方法を助言・登録が必要'); // 違法・有害情報相談センター
    expect(cards).toContain('名前が必要・無料・代わりに削除を依頼してくれる'); // 誹謗中傷ホットライン
    const ihc = JSON.stringify(bubbles((await at(TO_ILLEGAL)).last));
    expect(ihc).toContain('匿名OK・無料・代わりに削除を依頼してくれる');
  });

  it('show the date their facts were checked and a 「情報がちがう？」 button', async () => {
    const reply = (await at(TO_DELETE_ALL)).last;
    const cards = flexes(reply).flatMap((m) => (m.contents.type === 'carousel' ? m.contents.contents : []));
    expect(cards).toHaveLength(4);
    for (const bubble of cards) {
      const json = JSON.stringify(bubble);
      expect(json).toMatch(/情報確認日 \d{4}-\d{2}-\d{2}/);
      expect(json).toContain('"label":"情報がちがう？"');
    }
  });

  it('「情報がちがう？」 thanks the person and logs which agency, with no text and no user id', async () => {
    const person = await at(TO_DELETE_ALL);
    const tap = cardPostbacks(person.last).find((p) => p.label === '情報がちがう？');
    expect(tap?.data).toBe('a=report-info&g=ihaho');
    const reply = await person.postback(tap?.data ?? '');
    expect(String(reply[0]?.text)).toContain('教えてくれてありがとうございます');
    expect(labels(reply)).toContain('最初から');
    const line = t().logs.findLast((l) => l.outcome === 'info-reported');
    expect(line).toMatchObject({ agency: 'ihaho' });
    expect(JSON.stringify(line)).not.toContain(person.userId);
  });

  it('a 「情報がちがう？」 for an agency the bot does not know is answered as out of date', async () => {
    const person = await at(TO_DELETE_ALL);
    const reply = await person.postback('a=report-info&g=ghost');
    expect(String(reply.at(-1)?.text)).toContain('そのボタンは前の質問のものです');
  });
});

describe('a wrong branch', () => {
  it.each([
    ['illegal', TO_ILLEGAL],
    ['unsure', ['違法・有害な情報を見つけた', 'わからない']],
  ])('a defamation victim at 違法・有害な情報 (%s) is told where their case belongs, one tap away', async (_name, taps) => {
    const person = await at(taps);
    expect(String(person.last.at(-1)?.text)).toContain('自分への悪口やさらし');
    const reply = await person.tap('悪口・さらしの相談へ');
    expect(String(reply.at(-1)?.text)).toContain('どうしたいですか？');
  });
});

describe('data/: every URL and number has a public source and a date', () => {
  const files = ['data/agencies.yaml', 'data/crisis.yaml', 'data/evidence.yaml', 'data/platforms.yaml'];
  /** Walks the YAML; a URL or a phone number must sit in an object that, or whose ancestor, has both. */
  function unsourced(node: unknown, trail: string, sourced: boolean, out: string[]): string[] {
    if (Array.isArray(node)) node.forEach((child, i) => unsourced(child, `${trail}[${i}]`, sourced, out));
    else if (node && typeof node === 'object') {
      const record = node as Record<string, unknown>;
      const here =
        sourced || (typeof record.source === 'string' && record.source.startsWith('https://') && typeof record.verifiedAt === 'string');
      for (const key of ['url', 'tel', 'display']) if (key in record && !here) out.push(`${trail}.${key}`);
      for (const [key, value] of Object.entries(record)) unsourced(value, `${trail}.${key}`, here, out);
    }
    return out;
  }

  it.each(files)('%s', (file) => {
    const doc: unknown = parse(readFileSync(path.join(ROOT, file), 'utf8'));
    // A file-level date (evidence.yaml) dates the steps, each of which names its own source.
    const fileDated = !!doc && typeof doc === 'object' && 'verifiedAt' in doc;
    expect(unsourced(doc, file, false, [])).toEqual([]);
    const raw = readFileSync(path.join(ROOT, file), 'utf8');
    // Sources are public pages: no path to a file outside the repo.
    expect(raw).not.toContain('../');
    expect(fileDated || raw.includes('verifiedAt')).toBe(true);
  });
});

describe('the advice under a result is said once, right under its cards', () => {
  const ADVICE = '証拠を残しておきましょう';
  it.each([
    ['証拠の残し方', (person: Awaited<ReturnType<typeof at>>) => person.tap('証拠の残し方')],
    ['the crisis chip', (person: Awaited<ReturnType<typeof at>>) => person.tap('つらい・いますぐ相談')],
  ])('after %s the prompt does not tell to press it again, nor to keep evidence', async (_name, act) => {
    const person = await at(TO_DAMAGES);
    expect(String(person.last.at(-1)?.text)).toContain(ADVICE);
    const reply = await act(person);
    expect(String(reply.at(-1)?.text)).not.toContain(ADVICE);
  });
});
