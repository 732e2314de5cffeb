import type { messagingApi } from '@line/bot-sdk';
import { findShortestPaths } from '../src/core/flow/shortest-paths';
import { LOCALES, type Locale } from '../src/core/locale/locale';
import { encodeLanguagePostback, encodePostback } from '../src/core/postback';
import { type Message, type TestBot, useSharedTestBot } from './helpers/test-bot';

/**
 * The first-step card through LINE's wire: signed webhooks in, replies checked by the fake LINE API against LINE's
 * OpenAPI schema and limits. Buttons to the pages are https URI actions on PUBLIC_BASE_URL in the reader's
 * language; without PUBLIC_BASE_URL the cards keep the facts and lose only those buttons.
 */
const BASE = 'https://bot.example.jp';

const flexes = (reply: Message[]) => reply.filter((m): m is Message & messagingApi.FlexMessage => m.type === 'flex');
const bubbles = (reply: Message[]) => flexes(reply).flatMap((m) => (m.contents.type === 'carousel' ? m.contents.contents : [m.contents]));
const uris = (reply: Message[]) => [...JSON.stringify(bubbles(reply)).matchAll(/"type":"uri","label":"[^"]+","uri":"([^"]+)"/g)].map((m) => m[1]);
const pageUris = (reply: Message[]) => uris(reply).filter((uri) => uri?.includes('/first-step/'));

/** Walks a fresh person to a result by its buttons, in a language, and returns the result's reply. */
async function reach(t: TestBot, resultId: string, locale: Locale): Promise<Message[]> {
  const { flow } = t.content;
  const person = t.user();
  await person.follow();
  await person.postback(encodeLanguagePostback(locale));
  const passed = findShortestPaths(flow).get(resultId);
  if (!passed) throw new Error(`${resultId} is not reachable`);
  const nodes = [...passed, resultId];
  let reply: Message[] = [];
  for (let i = 0; i + 1 < nodes.length; i += 1) {
    const questionId = nodes[i] as string;
    const option = flow.questions[questionId]?.options.find((o) => o.next === nodes[i + 1]);
    if (!option) throw new Error(`no option from ${questionId} to ${nodes[i + 1]}`);
    reply = await person.postback(encodePostback({ action: 'choose', questionId, optionId: option.id }));
  }
  return reply;
}

describe('with PUBLIC_BASE_URL', () => {
  const t = useSharedTestBot();

  describe.each(LOCALES)('in %s', (locale) => {
    it('puts each result’s card where it belongs, with its page buttons in this language', async () => {
      const content = t().content.byLocale.get(locale);
      if (!content) throw new Error(locale);
      for (const [resultId, parts] of Object.entries(content.firstStep.results)) {
        const reply = await reach(t(), resultId, locale);
        const titles = [content.firstStep.card.platformsTitle, content.timeLimits.title, content.firstStep.summary.title];
        const carousel = bubbles(reply).find((b) => titles.includes(JSON.stringify(b.header ?? {}).match(/"text":"([^"]+)"/)?.[1] ?? ''));
        expect({ resultId, found: carousel !== undefined }).toEqual({ resultId, found: true });
        const card = JSON.stringify(carousel);
        const expected = [
          ...(parts.includes('draft') ? [`${BASE}/first-step/draft?lang=${locale}`] : []),
          ...(parts.includes('summary') ? [`${BASE}/first-step/summary?lang=${locale}`] : []),
        ];
        expect({ resultId, pages: pageUris(reply) }).toEqual({ resultId, pages: expected });
        if (parts.includes('platforms')) {
          // The windows first, so a call is on the first screen (issue 16); the service's own form right after them.
          const order = flexes(reply).map((m) => (m.contents.type === 'carousel' ? 'windows' : JSON.stringify(m).includes(content.designatedPlatforms.duty.text) ? 'first-step' : 'other'));
          expect(order.lastIndexOf('windows')).toBe(order.indexOf('first-step') - 1);
          const designated = content.platforms.services.filter((s) => s.provider !== undefined);
          expect(designated.length).toBeGreaterThan(0);
          for (const service of designated) expect(card).toContain(service.url);
        }
        if (parts.includes('timeLimits')) {
          // The windows' carousels (one, or a few of similar heights), then the first-step card.
          const order = flexes(reply).map((m) => (m.contents.type === 'carousel' ? 'windows' : 'first-step'));
          expect(order.at(-1)).toBe('first-step');
          expect(new Set(order.slice(0, -1))).toEqual(new Set(['windows']));
          for (const item of content.timeLimits.items) expect(card).toContain(item.text);
          expect(card).toContain(content.timeLimits.note);
        }
      }
    });
  });

  it('puts the draft button on 「サービスに直接報告する」, after the services (designated ones first)', async () => {
    const person = t().user();
    await person.follow();
    const reply = await person.postback(encodePostback({ action: 'platforms' }));
    const all = uris(reply);
    expect(all.at(-1)).toBe(`${BASE}/first-step/draft?lang=ja`);
    const services = t().content.platforms.services;
    const firstOther = all.findIndex((uri) => services.some((s) => s.url === uri && s.provider === undefined));
    const lastDesignated = all.findLastIndex((uri) => services.some((s) => s.url === uri && s.provider !== undefined));
    expect(lastDesignated).toBeLessThan(firstOther);
    expect(JSON.stringify(bubbles(reply))).toContain(t().content.designatedPlatforms.duty.text);
  });
});

describe('without PUBLIC_BASE_URL', () => {
  const t = useSharedTestBot({ PUBLIC_BASE_URL: '' });

  it.each([['delete_all'], ['damages'], ['police']])('keeps the %s card’s facts and drops only the page buttons', async (resultId) => {
    const reply = await reach(t(), resultId, 'ja');
    expect(pageUris(reply)).toEqual([]);
    const card = JSON.stringify(bubbles(reply));
    expect(card).toContain(resultId === 'delete_all' ? t().content.designatedPlatforms.duty.text : t().content.timeLimits.note);
  });

  it('shows 「サービスに直接報告する」 without the draft button', async () => {
    const person = t().user();
    await person.follow();
    const reply = await person.postback(encodePostback({ action: 'platforms' }));
    expect(pageUris(reply)).toEqual([]);
  });
});
