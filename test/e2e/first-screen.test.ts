import { loadContent } from '../../src/adapters/content/load-content';
import type { Flow } from '../../src/core/flow/flow';
import { findShortestPaths } from '../../src/core/flow/shortest-paths';
import type { Locale } from '../../src/core/locale/locale';
import { ROOT, startPreviewHarness, type Chat, type PreviewHarness } from './preview-harness';

/**
 * The call on the first screen: on a 375 × 740 phone, for every result in every locale, the first card's call
 * button (or, for a window without a phone, its form link) lies inside the visible talk area once the reply has
 * landed, without a scroll or a swipe. Measured on a Sunday night, when the intro carries
 * the most words (the phones are closed) and no card is shorter than on a weekday.
 *
 * `FIRST_SCREEN_REPORT=1 npx jest test/e2e/first-screen.test.ts` prints the y of each button from the top of the
 * reply.
 */

jest.setTimeout(120_000);

const PHONE = { width: 375, height: 740 } as const;
const INSTANTS = ['2026-12-06T23:30+09:00'] as const;
const LOCALES: readonly Locale[] = ['ja', 'ja-easy', 'en'];
const content = loadContent(ROOT);

/** The chip labels that lead from the first question to each result, fewest taps first, in one locale. */
function routesTo(flow: Flow): { resultId: string; taps: string[] }[] {
  const paths = findShortestPaths(flow);
  return Object.keys(flow.results).map((resultId) => {
    const questions = paths.get(resultId);
    if (!questions) throw new Error(`result ${resultId} is not reached by taps`);
    const taps = questions.map((questionId, index) => {
      const next = questions[index + 1] ?? resultId;
      const option = flow.questions[questionId]?.options.find((o) => o.next === next);
      if (!option) throw new Error(`no option from ${questionId} to ${next}`);
      return option.label;
    });
    return { resultId, taps };
  });
}

interface Placement {
  /** From the top of the reply (its first bot message) to the top of the button, in CSS px. */
  readonly fromReply: number;
  /** Whether the whole button lies inside the talk area as it is on screen. */
  readonly onFirstScreen: boolean;
  readonly href: string;
}

/** Where the reply's first call button (or form link) sits, read from the page as drawn. */
async function placeFirstAction(chat: Chat): Promise<Placement> {
  return chat.page.evaluate(`(() => {
    const log = document.getElementById('log');
    const users = log.querySelectorAll('[data-testid="user-message"]');
    const lastUser = users[users.length - 1];
    const reply = [];
    for (let node = lastUser.nextElementSibling; node; node = node.nextElementSibling) {
      if (node.matches('[data-testid="bot-message"]')) reply.push(node);
    }
    // The first card's first button: a call, or for a window without a phone its form (the crisis card of the
    // talk result comes first, with 110 at its top).
    const firstCard = reply.map((node) => node.querySelector('[data-testid="flex-bubble"]')).find(Boolean);
    const button = firstCard?.querySelector('a.flex-button');
    if (!button) return { fromReply: -1, onFirstScreen: false, href: '' };
    const area = log.getBoundingClientRect();
    const box = button.getBoundingClientRect();
    return {
      fromReply: Math.round(box.top - reply[0].getBoundingClientRect().top),
      onFirstScreen: box.top >= area.top - 0.5 && box.bottom <= area.bottom + 0.5 && box.left >= area.left - 0.5 && box.right <= area.right + 0.5,
      href: button.getAttribute('href'),
    };
  })()`);
}

let harness: PreviewHarness;
const figures: string[] = [];

beforeAll(async () => {
  harness = await startPreviewHarness();
});

afterAll(async () => {
  await harness?.close();
  if (process.env.FIRST_SCREEN_REPORT) process.stdout.write(`\nfirst call button, px from the top of the reply (✗: off the first screen)\n${figures.join('\n')}\n`);
});

describe.each(INSTANTS)('at %s', (at) => {
  it.each(LOCALES)('%s: every result has its first call (or form) button on the first screen', async (locale) => {
    const flow = content.byLocale.get(locale)?.flow;
    if (!flow) throw new Error(`no ${locale} flow`);
    const chat = await harness.openChat({ path: `/?lang=${locale}&at=${encodeURIComponent(at)}`, viewport: PHONE, hasTouch: true });
    const placements: Record<string, Placement> = {};
    for (const [index, { resultId, taps }] of routesTo(flow).entries()) {
      if (index > 0) await chat.tap(flow.messages.labels.restart);
      for (const label of taps) await chat.tap(label);
      placements[resultId] = await placeFirstAction(chat);
    }
    await chat.page.context().close();
    for (const [resultId, p] of Object.entries(placements)) {
      figures.push(`${at} ${locale.padEnd(7)} ${resultId.padEnd(16)} ${String(p.fromReply).padStart(4)}${p.onFirstScreen ? '' : ' ✗'}  ${p.href}`);
    }
    expect(chat.errors).toEqual([]);
    const offScreen = Object.entries(placements)
      .filter(([, p]) => !p.onFirstScreen)
      .map(([resultId, p]) => `${resultId} (${p.fromReply} px)`);
    expect(offScreen).toEqual([]);
  });
});
