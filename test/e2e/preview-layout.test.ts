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

/** The longest reply of the flow: four agency cards, three of similar heights in one carousel (the page's clock: a weekday morning). */
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

  it('shows the rich menu under the input, whole and on screen, with the crisis entry first', async () => {
    const c = await open(screen);
    const areas = c.page.getByTestId('rich-menu-area');
    await areas.first().waitFor();
    await expect(areas.evaluateAll((nodes) => nodes.map((n) => (n as unknown as { getAttribute(a: string): string }).getAttribute('aria-label')))).resolves.toEqual([
      'いますぐ相談',
      '窓口をさがす',
      '証拠の残し方',
      '使い方',
    ]);
    for (const area of await areas.all()) {
      const box = await area.boundingBox();
      if (!box) throw new Error('a rich menu area is not drawn');
      expect(inside({ left: box.x, top: box.y, right: box.x + box.width, bottom: box.y + box.height }, { left: 0, top: 0, right: screen.viewport.width, bottom: screen.viewport.height })).toBe(true);
    }
    // The picture is the one published, at the menu's proportions.
    const image = await c.page.locator('.rich-menu__image').evaluate((img) => {
      const i = img as unknown as { complete: boolean; naturalWidth: number; naturalHeight: number };
      return { loaded: i.complete, width: i.naturalWidth, height: i.naturalHeight };
    });
    expect(image).toEqual({ loaded: true, width: 2500, height: 843 });
  });

  it('lets a mouse reach every card of a carousel with the arrows', async () => {
    const c = await open(screen, { hasTouch: false });
    for (const label of TO_FOUR_CARDS) await c.tap(label);
    // The carousel of three: 人権相談's longer card has one of its own, above it (open now, so first).
    const carousel = c.page.getByTestId('flex-carousel').last();
    // At either end the arrow that leads nowhere is disabled and hidden.
    const next = c.page.getByRole('button', { name: '次のカード', includeHidden: true }).last();
    const previous = c.page.getByRole('button', { name: '前のカード', includeHidden: true }).last();
    await expect(previous.isDisabled()).resolves.toBe(true);
    const cards = carousel.getByTestId('flex-bubble');
    const count = await cards.count();
    expect(count).toBe(3);
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

describe('the rich menu’s taps', () => {
  const phone = SCREENS[1];

  it.each([
    ['いますぐ相談', 'いますぐ相談したい', 'crisis'],
    ['窓口をさがす', '相談窓口をさがしたい', 'first question'],
    ['使い方', 'このアカウントについて知りたい', 'about'],
  ])('%s sends its postback, shows “%s” as the person’s words, and the bot answers', async (label, said, kind) => {
    const c = await open(phone);
    await c.tap((await c.chipLabels())[1] ?? 'no first answer'); // one step in, so the menu is tapped mid-way
    await c.page.getByRole('button', { name: label, exact: true }).click();
    await c.settle();
    await expect(c.userTexts()).resolves.toContain(said);
    const last = (await c.botTexts()).join('\n');
    if (kind === 'crisis') await expect(c.lastBubble().then((card) => card.links.map((l) => l.href))).resolves.toContain('tel:110');
    if (kind === 'first question') expect(last).toContain('どんなことで困っていますか？');
    if (kind === 'about') expect(last).toContain('人が読むことはありません');
  });

  it('folds away and back with the chat bar', async () => {
    const c = await open(phone);
    const bar = c.page.getByTestId('rich-menu-bar');
    await c.page.getByTestId('rich-menu-area').first().waitFor();
    await expect(bar.textContent()).resolves.toBe('メニュー');
    await bar.click();
    await expect(c.page.getByTestId('rich-menu-area').first().isVisible()).resolves.toBe(false);
    await expect(bar.getAttribute('aria-expanded')).resolves.toBe('false');
    await bar.click();
    await expect(c.page.getByTestId('rich-menu-area').first().isVisible()).resolves.toBe(true);
  });
});

/**
 * A 4-card result on a 1366 × 900 laptop, read with a mouse. Each card is taller than the talk there (~870 px
 * against ~460 px), so the carousel's arrows must stay on screen while the cards are read: at landing and with the
 * talk scrolled to the cards' foot. Each card, brought in by the arrows, lies whole across the carousel and the
 * phone column, its title and first button inside the talk.
 */
describe('a 4-card result on a 1366 × 900 laptop', () => {
  const LAPTOP = { width: 1366, height: 900 } as const;
  // [name, taps, the cards of the last carousel]: the cards of similar heights share it, a much taller or shorter
  // one has a carousel of its own above (render-reply.ts), at the page's clock (a weekday morning).
  const ROUTES = [
    ['all windows for deleting a post', ['悪口・さらしなどの被害', '解決のしかたを相談したい', '書きこみ・画像を消したい', 'わからない・全部見る'], 3],
    ['sexual images posted without consent', ['悪口・さらしなどの被害', '解決のしかたを相談したい', '書きこみ・画像を消したい', '性的な画像を勝手に載せられた'], 2],
  ] as const;

  interface Layout {
    /** The talk's visible box, the phone column, the last carousel's scrolling box. */
    readonly talk: Box;
    readonly phone: Box;
    readonly carousel: Box;
    /** The arrows that lead somewhere (a disabled one is hidden). */
    readonly arrows: Box[];
    readonly cards: { box: Box; title: Box; firstButton: Box }[];
  }

  /** The page as drawn; `scrollToCardsFoot` first scrolls the talk until the carousel's bottom is at its bottom. */
  async function readLayout(chat: Chat, scrollToCardsFoot = false): Promise<Layout> {
    return chat.page.evaluate(`(() => {
      const box = (node) => { const b = node.getBoundingClientRect(); return { left: b.left, top: b.top, right: b.right, bottom: b.bottom }; };
      const log = document.getElementById('log');
      const carousel = [...document.querySelectorAll('[data-testid="flex-carousel"]')].at(-1);
      if (${scrollToCardsFoot}) log.scrollTop += box(carousel).bottom - box(log).bottom;
      const arrows = [...carousel.parentElement.querySelectorAll('.carousel-arrow')].filter((arrow) => !arrow.disabled);
      return {
        talk: box(log),
        phone: box(document.querySelector('.phone')),
        carousel: box(carousel),
        arrows: arrows.map(box),
        cards: [...carousel.querySelectorAll('[data-testid="flex-bubble"]')].map((card) => ({
          box: box(card),
          // The agency's name: its large bold text.
          title: box([...card.querySelectorAll('.flex-text')].find((t) => t.style.fontSize === '19px' && t.style.fontWeight === '700')),
          firstButton: box(card.querySelector('.flex-button')),
        })),
      };
    })()`);
  }

  it.each(ROUTES)('%s: arrows on screen, every card readable', async (_name, taps, count) => {
    const chat = await chats.open({ viewport: LAPTOP, hasTouch: false });
    for (const label of taps) await chat.tap(label);
    const screen = { left: 0, top: 0, right: LAPTOP.width, bottom: LAPTOP.height };
    const next = chat.page.getByRole('button', { name: '次のカード', includeHidden: true }).last();

    const isDisabled = (button: unknown) => (button as { disabled: boolean }).disabled;
    const previous = chat.page.getByRole('button', { name: '前のカード', includeHidden: true }).last();
    await chat.page.waitForFunction(isDisabled, await previous.elementHandle());
    // The last carousel may lie under another one: the person scrolls the talk until its top is at the talk's top.
    await chat.page.evaluate(`(() => {
      const log = document.getElementById('log');
      const carousel = [...document.querySelectorAll('[data-testid="flex-carousel"]')].at(-1);
      log.scrollTop += carousel.getBoundingClientRect().top - log.getBoundingClientRect().top;
    })()`);
    const landed = await readLayout(chat);
    expect(landed.cards).toHaveLength(count);
    // The next arrow is shown, on screen without a scroll, over the carousel.
    expect(landed.arrows).toHaveLength(1);
    for (const arrow of landed.arrows) {
      expect(inside(arrow, landed.talk)).toBe(true);
      expect(inside(arrow, landed.carousel)).toBe(true);
      expect(inside(arrow, screen)).toBe(true);
    }

    for (let index = 0; index < landed.cards.length; index += 1) {
      if (index > 0) {
        await next.click({ timeout: 5_000 });
        const carousel = chat.page.getByTestId('flex-carousel').last();
        await chat.page.waitForFunction(
          ([scroller, card]) => {
            const outer = (scroller as unknown as { getBoundingClientRect(): Box }).getBoundingClientRect();
            const inner = (card as unknown as { getBoundingClientRect(): Box }).getBoundingClientRect();
            return inner.left >= outer.left - 0.5 && inner.right <= outer.right + 0.5;
          },
          [await carousel.elementHandle(), await carousel.getByTestId('flex-bubble').nth(index).elementHandle()] as const,
        );
      }
      const layout = await readLayout(chat);
      const card = layout.cards[index];
      if (!card) throw new Error(`no card ${index + 1}`);
      expect(inside({ ...card.box, top: layout.carousel.top, bottom: layout.carousel.bottom }, layout.carousel)).toBe(true);
      expect(card.box.left >= layout.phone.left && card.box.right <= layout.phone.right).toBe(true);
      expect(inside(card.title, layout.talk)).toBe(true);
      expect(inside(card.firstButton, layout.talk)).toBe(true);
      for (const arrow of layout.arrows) expect(inside(arrow, layout.talk)).toBe(true);
    }

    // Reading down to the cards' foot, the arrows (now the previous one) stay on screen with them.
    // The arrows follow the carousel's scroll events: at the last card only the previous one is left.
    await chat.page.waitForFunction(isDisabled, await next.elementHandle());
    const atFoot = await readLayout(chat, true);
    expect(atFoot.carousel.bottom).toBeLessThanOrEqual(atFoot.talk.bottom + 0.5);
    expect(atFoot.arrows).toHaveLength(1);
    for (const arrow of atFoot.arrows) {
      expect(inside(arrow, atFoot.talk)).toBe(true);
      expect(inside(arrow, atFoot.carousel)).toBe(true);
    }
  });
});
