import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { PAGE_TIME, PHONE_VIEWPORT, ROOT, startPreviewHarness, type Chat, type PreviewHarness } from './preview-harness';

/**
 * Regenerates the README's screenshots of the browser preview on every run, so they never drift from the page.
 * The clock is fixed and the viewport is a touch phone at 1x (no mouse arrows on carousels), so an unchanged page
 * gives byte-for-byte the same files.
 */

jest.setTimeout(60_000);

const OUT_DIR = path.join(ROOT, 'docs/screenshots');

let harness: PreviewHarness;

beforeAll(async () => {
  requireJapaneseFont();
  mkdirSync(OUT_DIR, { recursive: true });
  // The bot's clock matches the page's, so the cards' opening hours read the same on every run.
  harness = await startPreviewHarness({ clock: { now: () => Date.parse(PAGE_TIME) } });
});

afterAll(async () => {
  await harness?.close();
});

/** Without a Japanese font Chromium draws boxes; fail instead of committing unreadable pictures. */
function requireJapaneseFont(): void {
  let families: string;
  try {
    families = execFileSync('fc-list', [':lang=ja', 'family'], { encoding: 'utf8' });
  } catch (error) {
    throw new Error('fc-list failed: install fontconfig and fonts-noto-cjk (apt-get install -y fonts-noto-cjk)', { cause: error });
  }
  if (families.trim() === '') {
    throw new Error('No Japanese font is installed, so the screenshots would show boxes: apt-get install -y fonts-noto-cjk');
  }
}

async function shoot(chat: Chat, name: string, viewport: { width: number; height: number } = PHONE_VIEWPORT): Promise<void> {
  await chat.page.evaluate('document.fonts.ready');
  // The rich menu comes with its own request; draw it in full.
  await chat.page.locator('.rich-menu__image').evaluate((image) => (image as unknown as { decode(): Promise<void> }).decode());
  const file = path.join(OUT_DIR, `${name}.png`);
  await chat.page.screenshot({ path: file, animations: 'disabled', caret: 'hide' });
  const png = readFileSync(file);
  // PNG IHDR: width and height as big-endian 32-bit integers at bytes 16 and 20.
  expect({ width: png.readUInt32BE(16), height: png.readUInt32BE(20) }).toEqual(viewport);
  expect(chat.errors).toEqual([]);
}

it('first-question.png: the greeting, the first question and its chips', async () => {
  const chat = await harness.openChat({ hasTouch: true });
  await shoot(chat, 'first-question');
});

it('result-carousel.png: a result with its agency cards in a carousel', async () => {
  const chat = await harness.openChat({ hasTouch: true });
  await chat.tap('違法・有害な情報を見つけた');
  await chat.tap('わからない');
  await expect(chat.lastResultCards()).resolves.toHaveLength(2);
  await shoot(chat, 'result-carousel');
});

it('crisis-card.png: the crisis card after a crisis word', async () => {
  const chat = await harness.openChat({ hasTouch: true });
  await chat.type('死にたい');
  await expect(chat.lastBubble()).resolves.toMatchObject({ title: 'いま話せる窓口' });
  await shoot(chat, 'crisis-card');
});

it('crisis-card-en.png: the crisis card in English', async () => {
  const chat = await harness.openChat({ path: '/?lang=en' });
  await chat.type('I want to die');
  await expect(chat.lastBubble()).resolves.toMatchObject({ title: 'Talk to someone now' });
  await shoot(chat, 'crisis-card-en');
});

it('result-en.png: an English result, the window that speaks English first', async () => {
  const chat = await harness.openChat({ path: '/?lang=en' });
  await chat.tap('Posts about me');
  await chat.tap('Find a way to fix it');
  await chat.tap('Get compensation');
  const cards = await chat.lastResultCards();
  expect(cards.map((card) => card.title)).toEqual(['法テラス 多言語情報提供サービス', '法テラス', '弁護士']);
  expect(cards[0]?.texts).toContain('English OK');
  await shoot(chat, 'result-en');
});

/** The first screen after a result on a 375 × 740 phone: the call (or the form) without a scroll (issue 16). */
const SMALL_PHONE = { width: 375, height: 740 } as const;

it.each([
  ['first-screen-danger', ['いま身の危険を感じる']],
  ['first-screen-threat', ['違法・有害な情報を見つけた', '殺害予告・爆破予告など']],
  ['first-screen-delete', ['悪口・さらしなどの被害', '解決のしかたを相談したい', '書きこみ・画像を消したい', '人権の窓口に相談したい']],
  ['first-screen-damages', ['悪口・さらしなどの被害', '解決のしかたを相談したい', '相手にお金を請求したい']],
])('%s.png: the first screen of a result at 375 px', async (name, taps) => {
  const chat = await harness.openChat({ hasTouch: true, viewport: SMALL_PHONE });
  for (const label of taps) await chat.tap(label);
  await shoot(chat, name, SMALL_PHONE);
});
