import { loadContent } from '../../src/adapters/content/load-content';
import type { Content } from '../../src/core/content';
import { findShortestPaths } from '../../src/core/flow/shortest-paths';
import type { Locale } from '../../src/core/locale/locale';
import { encodePostback } from '../../src/core/postback';
import { resultCards } from '../../src/core/render/render-reply';
import { ROOT, startPreviewHarness, type Chat, type PreviewHarness } from './preview-harness';

/**
 * LINE draws every bubble of a carousel as tall as the tallest, so a short card beside a long one ends in a blank
 * under its last line. On a 375 × 740 phone, for every result in every locale, on a weekday morning and a Sunday
 * night (the hours and the closed-now lines change the cards' lengths), each bubble's content must fill at least
 * MIN_FILL of its carousel's height.
 *
 * Each result is asked for with the tap that shows it (its last question's option, a postback the bot applies
 * from any place), so the walk is one request a result; the page draws the reply as it draws any other.
 * `CAROUSEL_REPORT=1 npx jest test/e2e/carousel-heights.test.ts` prints every carousel's bubbles: content height,
 * the carousel's height and the blank under each.
 */

jest.setTimeout(120_000);

const PHONE = { width: 375, height: 740 } as const;
const INSTANTS = ['2026-12-07T10:00+09:00', '2026-12-06T23:30+09:00'] as const;
const LOCALES: readonly Locale[] = ['ja', 'ja-easy', 'en'];
/** The least share of the carousel's height a bubble's own content fills. */
const MIN_FILL = 0.7;
const content = loadContent(ROOT);

/**
 * For each result of more than one window (in this locale), the postback of the tap that shows it: the last
 * question's option on its shortest route.
 */
function lastTaps(localized: Content): { resultId: string; data: string }[] {
  const { flow } = localized;
  const paths = findShortestPaths(flow);
  const severalCards = Object.values(flow.results).filter((result) => resultCards(localized, result).length > 1);
  return severalCards.map(({ id: resultId }) => {
    const questionId = paths.get(resultId)?.at(-1);
    const option = questionId === undefined ? undefined : flow.questions[questionId]?.options.find((o) => o.next === resultId);
    if (questionId === undefined || !option) throw new Error(`result ${resultId} is not reached by a tap`);
    return { resultId, data: encodePostback({ action: 'choose', questionId, optionId: option.id }) };
  });
}

interface BubbleHeight {
  /** What the bubble's own sections need, in CSS px. */
  readonly content: number;
  /** The bubble as drawn: the carousel's height. */
  readonly drawn: number;
}

/** Sends the tap as the page's own request (the sticker button's, rewritten) and waits for the reply to be drawn. */
async function showResult(chat: Chat, data: string, at: string): Promise<void> {
  await chat.page.route('**/preview/api/events', async (route) => {
    const body = JSON.parse(route.request().postData() ?? '{}') as { userId: string };
    await route.fallback({ postData: JSON.stringify({ userId: body.userId, action: { type: 'postback', data }, at }) });
  }, { times: 1 });
  await chat.page.getByTestId('sticker-button').click();
  await chat.settle();
}

/** The bubbles of the reply's carousels, each carousel's in order (none when the reply has no carousel). */
async function measureCarousels(chat: Chat): Promise<BubbleHeight[][]> {
  return chat.page.evaluate(`(() => {
    const log = document.getElementById('log');
    const users = log.querySelectorAll('[data-testid="user-message"]');
    const carousels = [];
    for (let node = users[users.length - 1].nextElementSibling; node; node = node.nextElementSibling) {
      carousels.push(...node.querySelectorAll('[data-testid="flex-carousel"]'));
    }
    const px = (value) => Number.parseFloat(value) || 0;
    return carousels.map((carousel) => Array.from(carousel.querySelectorAll('[data-testid="flex-bubble"]'), (bubble) => {
      // A section stretches with the bubble; what it holds (its one child box) does not.
      let content = 0;
      for (const section of bubble.children) {
        const style = getComputedStyle(section);
        const inner = section.firstElementChild;
        content += (inner ? inner.getBoundingClientRect().height : 0) + px(style.paddingTop) + px(style.paddingBottom) + px(style.borderTopWidth);
      }
      return { content: Math.round(content), drawn: Math.round(bubble.getBoundingClientRect().height) };
    }));
  })()`);
}

let harness: PreviewHarness;
const figures: string[] = [];

beforeAll(async () => {
  harness = await startPreviewHarness();
});

afterAll(async () => {
  await harness?.close();
  if (process.env.CAROUSEL_REPORT) {
    process.stdout.write(`\ncarousel bubbles: content/drawn px (blank under it), least fill (✗: under ${MIN_FILL * 100} %)\n${figures.join('\n')}\n`);
  }
});

it.each(LOCALES)('%s: no bubble of a result carousel is stretched into a long blank', async (locale) => {
  const localized = content.byLocale.get(locale);
  if (!localized) throw new Error(`no ${locale} content`);
  const chat = await harness.openChat({ path: `/?lang=${locale}`, viewport: PHONE, hasTouch: true });
  const stretched: string[] = [];
  for (const at of INSTANTS) {
    for (const { resultId, data } of lastTaps(localized)) {
      await showResult(chat, data, at);
      for (const bubbles of await measureCarousels(chat)) {
        const fill = Math.min(...bubbles.map((b) => b.content / b.drawn));
        const row = bubbles.map((b) => `${b.content}/${b.drawn} (${b.drawn - b.content})`).join('  ');
        const failed = bubbles.length > 1 && fill < MIN_FILL;
        figures.push(`${at} ${locale.padEnd(7)} ${resultId.padEnd(16)} ${(fill * 100).toFixed(0).padStart(3)} %${failed ? ' ✗' : '  '}  ${row}`);
        if (failed) stretched.push(`${at} ${resultId}: ${(fill * 100).toFixed(0)} %`);
      }
    }
  }
  await chat.page.context().close();
  expect(chat.errors).toEqual([]);
  expect(stretched).toEqual([]);
});
