import type { messagingApi } from '@line/bot-sdk';
import { loadConfig } from '../src/config';
import { createBot } from '../src/create-bot';
import request from 'supertest';
import { quickReplyOf, ROOT, startTestBot, telLinks, type Message, type TestBot, useTestBot } from './helpers/test-bot';

/** Whether each window answers now, as a person sees it through LINE at fixed instants (Japan time). */
const t = useTestBot();

const TO_JINKEN = ['悪口・さらしなどの被害', '解決のしかたを相談したい', '書きこみ・画像を消したい', '人権の窓口に相談したい'];
const TO_DAMAGES = ['悪口・さらしなどの被害', '解決のしかたを相談したい', '相手にお金を請求したい'];

async function resultAt(at: string, taps: string[]): Promise<Message[]> {
  t().setClock(Date.parse(at));
  const person = t().user();
  await person.follow();
  for (const label of taps) await person.tap(label);
  return person.last;
}

/**
 * The windows' cards as one carousel (a result may show them in a few carousels of similar heights, with their
 * altTexts joined), or the crisis card where there is no carousel.
 */
const flexOf = (reply: Message[]): messagingApi.FlexMessage => {
  const flexes = reply.filter((m) => m.type === 'flex') as unknown as messagingApi.FlexMessage[];
  const carousels = flexes.flatMap((m) => (m.contents.type === 'carousel' ? [{ altText: m.altText, bubbles: m.contents.contents }] : []));
  if (carousels.length === 0) return flexes[0] as messagingApi.FlexMessage;
  return {
    type: 'flex',
    altText: carousels.map((c) => c.altText).join(' / '),
    contents: { type: 'carousel', contents: carousels.flatMap((c) => c.bubbles) },
  };
};
const resultText = (reply: Message[]) => String(reply[0]?.text);
/** The text under the cards: which windows take people now, the advice, the way on. */
const afterCardsText = (reply: Message[]) => String(reply.at(-1)?.text);
/** Every text on the cards, in order. */
const cardTexts = (reply: Message[]) => [...JSON.stringify(flexOf(reply).contents).matchAll(/"text":"([^"]*)"/g)].map((m) => m[1]);

describe('agency cards say whether each line answers now', () => {
  it('on a weekday morning the 人権相談 lines are open, in green, and no note is added', async () => {
    const reply = await resultAt('2027-01-12T10:00+09:00', TO_JINKEN);
    expect(cardTexts(reply).filter((text) => text === '● 受付中（17:15まで）')).toHaveLength(2);
    expect(JSON.stringify(flexOf(reply).contents)).toContain('"color":"#0A7F3A"');
    expect(resultText(reply)).not.toContain('受付時間外');
    expect(flexOf(reply).altText).toContain('0570-003-110 ● 受付中（17:15まで）');
  });

  it('on a holiday night they are closed, keep their grey call buttons, and the result points to what is open now', async () => {
    const reply = await resultAt('2027-01-11T22:30+09:00', TO_JINKEN);
    expect(cardTexts(reply).filter((text) => text === '受付時間外・次は 明日 8:30')).toHaveLength(2);
    expect(telLinks(reply)).toEqual(['tel:0570003110', 'tel:0120007110']);
    expect(JSON.stringify(flexOf(reply).contents)).not.toContain('"style":"primary"');
    // Under the cards, so the first call button stays on the first screen.
    expect(resultText(reply)).not.toContain('受付時間外');
    expect(afterCardsText(reply)).toContain('人権相談（法務省）の電話は、いまは受付時間外です。');
    expect(afterCardsText(reply)).toContain('いま受け付けている窓口：人権相談（法務省）のWebフォーム（24時間受付）');
    expect(flexOf(reply).altText).toContain('0570-003-110 受付時間外・次は 明日 8:30');
  });

  it('on Sunday night 法テラス is closed until Monday and its 24-hour mail form is offered', async () => {
    const reply = await resultAt('2027-01-17T23:00+09:00', TO_DAMAGES);
    expect(cardTexts(reply)).toContain('受付時間外・次は 明日 9:00');
    expect(cardTexts(reply)).toContain('Webフォーム：24時間受付（土日・祝日・年末年始は回答が遅くなります）');
    expect(afterCardsText(reply)).toContain('いま受け付けている窓口：法テラスのWebフォーム（24時間受付）');
  });

  it('on New Year’s Day, a public holiday inside 法テラス’s undated New Year break, it is closed for certain', async () => {
    const reply = await resultAt('2027-01-01T10:00+09:00', TO_DAMAGES);
    expect(cardTexts(reply)).toContain('受付時間外');
    expect(JSON.stringify(flexOf(reply).contents)).not.toContain('"style":"primary"');
    expect(afterCardsText(reply)).toContain('法テラスの電話は、いまは受付時間外です。');
  });

  it('over the New Year, when 法テラス publishes no dates, shows its hours as text and claims nothing', async () => {
    const reply = await resultAt('2027-12-30T10:00+09:00', TO_DAMAGES);
    const texts = cardTexts(reply);
    expect(texts).toContain('受付: 平日9:00〜21:00、土曜9:00〜17:00（祝日・年末年始を除く）');
    expect(texts.some((text) => text?.includes('受付中') || text?.includes('受付時間外'))).toBe(false);
    expect(afterCardsText(reply)).not.toContain('受付時間外');
    // Unknown is not open: no green button.
    expect(JSON.stringify(flexOf(reply).contents)).not.toContain('"style":"primary"');
  });

  it('never shows a stale 受付中: the same result a minute after closing reads closed', async () => {
    expect(cardTexts(await resultAt('2027-01-12T17:14+09:00', TO_JINKEN))).toContain('● 受付中（17:15まで）');
    const later = await resultAt('2027-01-12T17:15+09:00', TO_JINKEN);
    expect(cardTexts(later)).toContain('受付時間外・次は 明日 8:30');
    expect(cardTexts(later)).not.toContain('● 受付中（17:15まで）');
    expect(cardTexts(await resultAt('2027-01-12T09:00+09:00', TO_JINKEN))).toContain('● 受付中（17:15まで）');
  });
});

describe('the crisis card lists the lines open now first', () => {
  const crisisAt = async (at: string) => {
    t().setClock(Date.parse(at));
    const person = t().user();
    await person.follow();
    return person.say('死にたい');
  };

  it('on a holiday night: 110 and 119 first, いのちの電話 under 時間外の窓口 with when it opens', async () => {
    const reply = await crisisAt('2027-01-11T22:30+09:00');
    const flex = flexOf(reply);
    const header = JSON.stringify((flex.contents as messagingApi.FlexBubble).header);
    expect(header).toContain('いま話せる窓口');
    expect(header).not.toContain('いますぐ');
    expect(telLinks(reply)).toEqual(['tel:110', 'tel:119', 'tel:0120279338', 'tel:0120078310', 'tel:0120783556', 'tel:0570064556']);
    const texts = cardTexts(reply);
    // The heading says the line is closed; the badge under it only when it opens, not 受付時間外 again.
    expect(texts.indexOf('時間外の窓口')).toBeLessThan(texts.indexOf('次は 明日 16:00'));
    expect(texts).not.toContain('受付時間外・次は 明日 16:00');
    expect(texts.indexOf('時間外の窓口')).toBeGreaterThan(texts.indexOf('よりそいホットライン'));
    expect(flex.altText).toMatch(/^いま話せる窓口: 警察 110番 ・ 救急 119番 110 119 \/ よりそいホットライン/);
    expect(flex.altText).toContain('時間外の窓口: 自殺予防 いのちの電話 0120-783-556 次は 明日 16:00');
  });

  it('on the 10th of the month いのちの電話 answers all day and joins the open lines', async () => {
    const reply = await crisisAt('2027-03-10T09:00+09:00');
    expect(telLinks(reply).slice(0, 5)).toEqual(['tel:110', 'tel:119', 'tel:0120279338', 'tel:0120783556', 'tel:0120078310']);
    expect(cardTexts(reply)).toContain('● 受付中（翌8:00まで）');
    expect(cardTexts(reply)).not.toContain('時間外の窓口');
  });
});

it('warns the operator at start-up once the holiday data no longer covers the year', () => {
  const warnings: unknown[] = [];
  const noop = () => undefined;
  createBot({
    config: loadConfig({ PREVIEW: '1' }),
    content: t().content,
    logger: { debug: noop, info: noop, warn: (_fields, message) => warnings.push(message), error: noop },
    clock: { now: () => Date.parse('2051-01-05T10:00+09:00') },
    rootDir: ROOT,
  });
  expect(warnings).toEqual([expect.stringContaining('@holiday-jp/holiday_jp has public holidays up to 2050 only')]);
});

describe('the preview API answers at the instant it is given; nothing else can set the time', () => {
  let preview: TestBot;
  beforeEach(async () => {
    preview = await startTestBot({ PREVIEW: '1' });
    preview.setClock(Date.parse('2027-01-12T10:00+09:00'));
  });
  afterEach(() => preview.close());

  const ask = (body: object) => request(preview.bot.app).post('/preview/api/events').send({ userId: 'preview-0123456789abcdef', ...body });

  it.each([
    ['no instant: the bot clock (a weekday morning)', undefined, '● 受付中（17:15まで）'],
    ['a holiday night', '2027-01-11T22:30+09:00', '受付時間外・次は 明日 8:30'],
    ['to the second, in UTC', '2027-01-11T13:30:00Z', '受付時間外・次は 明日 8:30'],
  ])('%s', async (_name, at, expected) => {
    let messages: Message[] = (await ask({ action: { type: 'follow' } })).body.messages;
    for (const label of TO_JINKEN) {
      const data = quickReplyOf(messages).find((item) => item.action.label === label)?.action.data;
      messages = (await ask({ action: { type: 'postback', data }, ...(at && { at }) })).body.messages;
    }
    expect(cardTexts(messages)).toContain(expected);
  });

  it.each(['2027-01-11T22:30', '2027-02-30T10:00+09:00', 'tonight', 1799674200000])('refuses at=%s with 400', async (at) => {
    const response = await ask({ action: { type: 'follow' }, at });
    expect(response.status).toBe(400);
    expect(response.body).toMatchObject({ code: 'BAD_PREVIEW_REQUEST' });
  });
});
