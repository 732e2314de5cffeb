import { usePreviewChats, type Chat } from './preview-harness';

/**
 * A 4-card result on a 1366 × 900 laptop, read with a mouse. Each card is taller than the talk there (~870 px
 * against ~460 px), so the carousel's arrows must stay on screen while the cards are read: at landing and with the
 * talk scrolled to the cards' foot. Each card, brought in by the arrows, lies whole across the carousel and the
 * phone column, its title and first button inside the talk.
 */

jest.setTimeout(120_000);

const LAPTOP = { width: 1366, height: 900 } as const;
const ROUTES = [
  ['all windows for deleting a post', ['悪口・さらしなどの被害', '解決のしかたを相談したい', '書きこみ・画像を消したい', 'わからない・全部見る']],
  ['sexual images used as a threat', ['悪口・さらしなどの被害', '解決のしかたを相談したい', '性的な画像でおどされている']],
] as const;

const chats = usePreviewChats();

interface Box {
  readonly left: number;
  readonly top: number;
  readonly right: number;
  readonly bottom: number;
}

interface Layout {
  /** The talk's visible box, the phone column, the last carousel's scrolling box. */
  readonly talk: Box;
  readonly phone: Box;
  readonly carousel: Box;
  /** The arrows that lead somewhere (a disabled one is hidden). */
  readonly arrows: Box[];
  readonly cards: { box: Box; title: Box; firstButton: Box }[];
}

function inside(inner: Box, outer: Box): boolean {
  return inner.left >= outer.left - 0.5 && inner.right <= outer.right + 0.5 && inner.top >= outer.top - 0.5 && inner.bottom <= outer.bottom + 0.5;
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

it.each(ROUTES)('%s: arrows on screen, every card readable', async (_name, taps) => {
  const chat = await chats.open({ viewport: LAPTOP, hasTouch: false });
  for (const label of taps) await chat.tap(label);
  const screen = { left: 0, top: 0, right: LAPTOP.width, bottom: LAPTOP.height };
  const next = chat.page.getByRole('button', { name: '次のカード' }).last();

  const landed = await readLayout(chat);
  expect(landed.cards).toHaveLength(4);
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
  const atFoot = await readLayout(chat, true);
  expect(atFoot.carousel.bottom).toBeLessThanOrEqual(atFoot.talk.bottom + 0.5);
  expect(atFoot.arrows).toHaveLength(1);
  for (const arrow of atFoot.arrows) {
    expect(inside(arrow, atFoot.talk)).toBe(true);
    expect(inside(arrow, atFoot.carousel)).toBe(true);
  }
});
