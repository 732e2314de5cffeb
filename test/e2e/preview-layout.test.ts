import { usePreviewChats, type Chat } from './preview-harness';

/**
 * The preview's layout at the sizes people use: the smallest phone (320 px), a common phone (375 px) and a laptop
 * (1366 px). Each test names the fault it guards against, found by using the page as a new user would.
 */

jest.setTimeout(60_000);

const SCREENS = [
  { name: '320 px phone', viewport: { width: 320, height: 568 }, hasTouch: true },
  { name: '375 px phone', viewport: { width: 375, height: 667 }, hasTouch: true },
  { name: '1366 px laptop', viewport: { width: 1366, height: 768 }, hasTouch: false },
] as const;

/** The longest reply of the flow: four agency cards. */
const TO_FOUR_CARDS = ['悪口・さらしなどの被害', '解決のしかたを相談したい', '書きこみ・画像を消したい', 'わからない・全部見る'];
const CRISIS_CHIP = 'つらい・いますぐ相談';

const chats = usePreviewChats();

function open(screen: (typeof SCREENS)[number], options: { hasTouch?: boolean } = {}): Promise<Chat> {
  return chats.open({ viewport: screen.viewport, hasTouch: options.hasTouch ?? screen.hasTouch });
}

interface Box {
  readonly left: number;
  readonly top: number;
  readonly right: number;
  readonly bottom: number;
}

/** Whether `inner` lies wholly inside `outer` (to the pixel, rounding aside). */
function inside(inner: Box, outer: Box): boolean {
  return inner.left >= outer.left - 0.5 && inner.right <= outer.right + 0.5 && inner.top >= outer.top - 0.5 && inner.bottom <= outer.bottom + 0.5;
}

describe.each(SCREENS)('on a $name', (screen) => {
  it('never scrolls the page: the talk scrolls in its own box, the input stays on screen', async () => {
    const c = await open(screen);
    for (const label of TO_FOUR_CARDS) await c.tap(label);
    await c.type('死にたい');
    // A person drags or wheels anywhere: the page itself must not move (a stray absolutely placed element below
    // the chat once made the whole page scroll into blank space).
    await c.page.mouse.move(screen.viewport.width / 2, screen.viewport.height / 2);
    await c.page.mouse.wheel(0, 5000);
    const layout = await c.page.evaluate<{
      scrollY: number;
      pageHeight: number;
      pageWidth: number;
      logOverflows: boolean;
      composer: Box;
    }>(`(() => {
      window.scrollTo(0, 100000);
      const log = document.getElementById('log');
      const composer = document.querySelector('.composer').getBoundingClientRect();
      return {
        scrollY: window.scrollY,
        pageHeight: document.documentElement.scrollHeight,
        pageWidth: document.documentElement.scrollWidth,
        logOverflows: log.scrollHeight > log.clientHeight,
        composer: { left: composer.left, top: composer.top, right: composer.right, bottom: composer.bottom },
      };
    })()`);
    expect(layout.scrollY).toBe(0);
    expect(layout.pageHeight).toBeLessThanOrEqual(screen.viewport.height);
    expect(layout.pageWidth).toBeLessThanOrEqual(screen.viewport.width);
    expect(layout.logOverflows).toBe(true);
    expect(inside(layout.composer, { left: 0, top: 0, right: screen.viewport.width, bottom: screen.viewport.height })).toBe(true);
  });

  it('shows the crisis chip without a swipe, on a question and after a result', async () => {
    const c = await open(screen);
    const visible = async () => {
      const chip = await c.chip(CRISIS_CHIP).boundingBox();
      const row = await c.page.getByTestId('quick-replies').boundingBox();
      if (!chip || !row) throw new Error('no crisis chip on the screen');
      const box = (b: { x: number; y: number; width: number; height: number }): Box => ({
        left: b.x,
        top: b.y,
        right: b.x + b.width,
        bottom: b.y + b.height,
      });
      return inside(box(chip), box(row)) && inside(box(chip), { left: 0, top: 0, right: screen.viewport.width, bottom: screen.viewport.height });
    };
    await expect(visible()).resolves.toBe(true);
    for (const label of TO_FOUR_CARDS) await c.tap(label);
    await expect(visible()).resolves.toBe(true);
  });

  it('lets a mouse reach every card of a carousel with the arrows', async () => {
    const c = await open(screen, { hasTouch: false });
    for (const label of TO_FOUR_CARDS) await c.tap(label);
    const carousel = c.page.getByTestId('flex-carousel').last();
    // At either end the arrow that leads nowhere is disabled and hidden.
    const next = c.page.getByRole('button', { name: '次のカード', includeHidden: true }).last();
    const previous = c.page.getByRole('button', { name: '前のカード', includeHidden: true }).last();
    await expect(previous.isDisabled()).resolves.toBe(true);
    const cards = carousel.getByTestId('flex-bubble');
    const count = await cards.count();
    expect(count).toBe(4);
    for (let index = 1; index < count; index += 1) {
      await next.click({ timeout: 5_000 });
      await c.page.waitForFunction(
        ([scroller, card]) => {
          const outer = (scroller as unknown as { getBoundingClientRect(): Box }).getBoundingClientRect();
          const inner = (card as unknown as { getBoundingClientRect(): Box }).getBoundingClientRect();
          return inner.left >= outer.left - 0.5 && inner.right <= outer.right + 0.5;
        },
        [await carousel.elementHandle(), await cards.nth(index).elementHandle()] as const,
      );
    }
    const isDisabled = (button: unknown) => (button as { disabled: boolean }).disabled;
    await c.page.waitForFunction(isDisabled, await next.elementHandle());
    await previous.click({ timeout: 5_000 });
    await c.page.waitForFunction((button) => !(button as { disabled: boolean }).disabled, await next.elementHandle());
  });
});

describe.each(SCREENS.filter((screen) => screen.hasTouch))('on a $name with a touch screen', (screen) => {
  it('swipes the carousel, without arrows over the cards', async () => {
    const c = await open(screen);
    for (const label of TO_FOUR_CARDS) await c.tap(label);
    await expect(c.page.getByRole('button', { name: '次のカード' }).last().isVisible()).resolves.toBe(false);
    const scrolled = await c.page.evaluate<{ overflowX: string; scrollable: boolean }>(`(() => {
      const carousel = [...document.querySelectorAll('[data-testid="flex-carousel"]')].at(-1);
      return { overflowX: getComputedStyle(carousel).overflowX, scrollable: carousel.scrollWidth > carousel.clientWidth };
    })()`);
    expect(scrolled).toEqual({ overflowX: 'auto', scrollable: true });
  });
});
