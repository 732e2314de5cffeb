import { usePreviewChats, type LineMessage } from './preview-harness';

/**
 * The browser preview, end to end: the real app on 127.0.0.1:0, the real page in Chromium, a person tapping and
 * typing. Nothing is mocked; every reply goes through the same handler, engine and renderer as /webhook.
 */

jest.setTimeout(60_000);

const FIRST_QUESTION = 'どんなことで困っていますか？';
const FIRST_CHIPS = [
  'つらい・いますぐ相談',
  '悪口・さらしなどの被害',
  '違法・有害な情報を見つけた',
  'いま身の危険を感じる',
  'ウイルス・乗っ取り',
  'わからない',
  'Language / ことば',
];
const USER_ID_KEY = 'net-trouble-preview:user-id';

const { open, harness } = usePreviewChats();

describe('the chat page', () => {
  it('looks like a LINE talk, says it is a preview, and greets the new friend with the first question', async () => {
    const c = await open();
    await expect(c.page.getByRole('heading', { level: 1 }).textContent()).resolves.toBe('ネットトラブル相談窓口案内');
    await expect(c.page.getByTestId('preview-note').textContent()).resolves.toContain('プレビュー（LINEの見た目を再現）');
    await expect(c.log.getAttribute('role')).resolves.toBe('log');
    await expect(c.log.getAttribute('aria-live')).resolves.toBe('polite');

    const texts = await c.botTexts();
    expect(texts[0]).toContain('友だち追加ありがとうございます');
    expect(texts.at(-1)).toContain(FIRST_QUESTION);
    await expect(c.chipLabels()).resolves.toEqual(FIRST_CHIPS);
    // The page sent one event, follow, and drew exactly what came back.
    expect(c.replies).toHaveLength(1);
    await expect(c.page.getByTestId('bot-message').count()).resolves.toBe(c.replies[0]?.length);
  });

  // `chips`: after the crisis chip, the call chip of the first line open now (the page's clock: a weekday morning),
  // then what the result offers besides its windows.
  const routes: { taps: string[]; said: string; titles: string[]; tel: string[]; chips: string[] }[] = [
    {
      taps: ['悪口・さらしなどの被害', '解決のしかたを相談したい', '相手にお金を請求したい'],
      said: '書いた相手に損害賠償を求めたい',
      titles: ['法テラス', '弁護士'],
      tel: ['tel:0570078374', 'tel:0367455600'],
      chips: ['☎ 0570-078374に電話', '証拠の残し方'],
    },
    {
      taps: ['違法・有害な情報を見つけた', '違法な情報・自殺へのさそい'],
      said: '違法薬物の販売、わいせつな画像、児童ポルノ、爆発物や銃の作り方、殺人や強盗などの仲間さがし、自殺へのさそいなどを通報したい',
      titles: ['インターネット・ホットラインセンター'],
      tel: [],
      chips: ['悪口・さらしの相談へ'],
    },
    {
      taps: ['いま身の危険を感じる'],
      said: 'いま身の危険を感じている',
      titles: ['警察（110番）', '警察のサイバー犯罪相談窓口'],
      tel: ['tel:110', 'tel:%239110'],
      chips: ['☎ 110に電話', '証拠の残し方'],
    },
  ];

  it.each(routes)('$taps.0 → … → the cards of $titles', async ({ taps, said, titles, tel, chips }) => {
    const c = await open();
    for (const label of taps) await c.tap(label);

    // The tap shows the option's displayText as the person's own words, as LINE does.
    await expect(c.userTexts()).resolves.toContain(said);
    const cards = await c.lastResultCards();
    expect(cards.map((card) => card.title)).toEqual(titles);
    const links = cards.flatMap((card) => card.links);
    expect(links.filter((l) => l.href.startsWith('tel:')).map((l) => l.href)).toEqual(tel);
    for (const link of links) {
      if (link.href.startsWith('tel:')) {
        expect(link.target).toBeNull();
        expect(link.text).toMatch(/^電話する /);
      } else {
        expect(link.href).toMatch(/^https:\/\//);
        expect(link).toMatchObject({ target: '_blank', rel: 'noopener' });
      }
    }
    // After a result: the crisis chip, the call chip, what the result offers besides its windows, back and restart.
    await expect(c.chipLabels()).resolves.toEqual(['つらい・いますぐ相談', ...chips, '戻る', '最初から']);
  });

  it('draws every card faithfully: each uri button of the reply is a link to the same uri, in order', async () => {
    const c = await open();
    for (const label of ['悪口・さらしなどの被害', '解決のしかたを相談したい', '書きこみ・画像を消したい', 'わからない・全部見る']) {
      await c.tap(label);
    }
    const cards = await c.lastResultCards();
    expect(cards).toHaveLength(4);
    // The carousel's message (the first-step card before it is a message of its own).
    const sent = (c.replies.at(-1) ?? []).filter((m) => m.type === 'flex' && (m as { contents: { type: string } }).contents.type === 'carousel');
    const uris = [...JSON.stringify(sent).matchAll(/"uri":"([^"]+)"/g)].map((m) => m[1]);
    expect(cards.flatMap((card) => card.links.map((l) => l.href))).toEqual(uris);
    expect(cards.flatMap((card) => card.texts)).toEqual(flexTexts(sent));
  });

  it.each([
    ['殺すと脅されています', ['警察（110番）', '警察のサイバー犯罪相談窓口']],
    ['書き込みを消したい', ['人権相談（法務省）', '違法・有害情報相談センター', '誹謗中傷ホットライン', 'セーフライン']],
  ])('routes a typed description, 「%s」, straight to its windows with ちがう', async (typed, titles) => {
    const c = await open();
    await c.type(typed);

    const cards = await c.lastResultCards();
    expect(cards.map((card) => card.title)).toEqual(titles);
    await expect(c.chipLabels()).resolves.toContain('ちがう');
  });

  it('shows the crisis card at once when a crisis word is typed', async () => {
    const c = await open();
    await c.tap('悪口・さらしなどの被害');
    await c.type('死にたい');

    await expect(c.userTexts()).resolves.toContain('死にたい');
    const card = await c.lastBubble();
    expect(card.title).toBe('いま話せる窓口');
    const tel = card.links.filter((l) => l.href.startsWith('tel:')).map((l) => l.href);
    expect(tel).toEqual(expect.arrayContaining(['tel:110', 'tel:119', 'tel:0120279338']));
    expect(card.texts).toContain('よりそいホットライン');
  });

  it('answers nonsense by asking the same question again, with the same chips', async () => {
    const c = await open();
    await c.type('ほげほげ');

    await expect(c.userTexts()).resolves.toEqual(['ほげほげ']);
    const last = (await c.botTexts()).at(-1) ?? '';
    expect(last).toContain('うまく読み取れませんでした');
    expect(last).toContain('110番');
    expect(last).toContain(FIRST_QUESTION);
    await expect(c.chipLabels()).resolves.toEqual(FIRST_CHIPS);
  });

  it('shows typed markup as text and never as HTML', async () => {
    const c = await open();
    const markup = '<img src=x onerror="document.title=1"><b>太字</b>';
    await c.type(markup);
    await expect(c.userTexts()).resolves.toEqual([markup]);
    await expect(c.log.locator('img, b').count()).resolves.toBe(0);
  });

  it('hides the chips and shows the person’s words at once, while the reply is on its way', async () => {
    const c = await open();
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    await c.page.route('**/preview/api/events', async (route) => {
      await held;
      await route.fallback();
    });
    await c.chip('いま身の危険を感じる').click();

    await expect(c.userTexts()).resolves.toEqual(['いま身の危険を感じている']);
    await expect(c.page.getByTestId('quick-replies').isHidden()).resolves.toBe(true);
    await expect(c.log.getAttribute('aria-busy')).resolves.toBe('true');
    await c.page.getByTestId('typing').waitFor(); // the dots, for a slow reply
    release();
    await c.settle();
    await expect(c.page.getByTestId('typing').count()).resolves.toBe(0);
    await expect(c.lastResultCards()).resolves.toHaveLength(2);
  });

  it('says so when the server fails, and puts the chips back to try again', async () => {
    const c = await open();
    await c.page.route('**/preview/api/events', (route) => route.fulfill({ status: 500, json: { code: 'INTERNAL', message: 'internal error' } }), { times: 1 });
    await c.chip('わからない').click();
    await c.settle();
    await expect(c.page.getByTestId('notice').textContent()).resolves.toContain('HTTP 500');
    await expect(c.chipLabels()).resolves.toEqual(FIRST_CHIPS);
    // The browser logs the failed request; that one is expected.
    c.errors.splice(0, c.errors.length, ...c.errors.filter((e) => !e.includes('500')));

    await c.tap('わからない');
    await expect(c.lastResultCards()).resolves.toHaveLength(2);
  });

  it('answers a sticker like LINE would: the same question again', async () => {
    const c = await open();
    await c.page.getByRole('button', { name: 'スタンプを送る' }).click();
    await c.settle();
    await expect(c.page.getByTestId('user-sticker').count()).resolves.toBe(1);
    expect((await c.botTexts()).at(-1)).toContain(FIRST_QUESTION);
    await expect(c.chipLabels()).resolves.toEqual(FIRST_CHIPS);
  });

  it('新しい会話 starts over as a new user, and a reload keeps the same user', async () => {
    const c = await open();
    const firstId = await c.page.evaluate<string | null>(`sessionStorage.getItem('${USER_ID_KEY}')`);
    expect(firstId).toMatch(/^preview-[A-Za-z0-9-]{8,64}$/);
    await c.tap('悪口・さらしなどの被害');
    await c.page.reload();
    await c.settle();
    await expect(c.page.evaluate(`sessionStorage.getItem('${USER_ID_KEY}')`)).resolves.toBe(firstId);

    await c.tap('違法・有害な情報を見つけた');
    await c.page.getByRole('button', { name: '新しい会話' }).click();
    await c.settle();

    const secondId = await c.page.evaluate<string | null>(`sessionStorage.getItem('${USER_ID_KEY}')`);
    expect(secondId).toMatch(/^preview-[A-Za-z0-9-]{8,64}$/);
    expect(secondId).not.toBe(firstId);
    await expect(c.userTexts()).resolves.toEqual([]);
    const texts = await c.botTexts();
    expect(texts[0]).toContain('友だち追加ありがとうございます');
    expect(texts.at(-1)).toContain(FIRST_QUESTION);
    await expect(c.chipLabels()).resolves.toEqual(FIRST_CHIPS);
  });

  it('gives each tab its own user', async () => {
    const first = await open();
    const firstId = await first.page.evaluate(`sessionStorage.getItem('${USER_ID_KEY}')`);
    const second = await harness().openChat();
    try {
      const secondId = await second.page.evaluate(`sessionStorage.getItem('${USER_ID_KEY}')`);
      expect(secondId).not.toBe(firstId);
      // The second user's answers do not move the first one on.
      await second.tap('いま身の危険を感じる');
      await first.tap('わからない');
      await expect(first.lastResultCards().then((cards) => cards.map((card) => card.title))).resolves.toEqual([
        '違法・有害情報相談センター',
        '心のSOS まもろうよこころ',
      ]);
      expect(second.errors).toEqual([]);
    } finally {
      await second.page.context().close();
    }
  });

  it('works from the keyboard alone: Tab to a chip, Enter, and the next question’s chips take the focus', async () => {
    const c = await open();
    const focusedChip = c.page.locator('[data-testid="quick-reply"]:focus');
    for (let presses = 0; presses < 20 && (await focusedChip.count()) === 0; presses += 1) {
      await c.page.keyboard.press('Tab');
    }
    await expect(focusedChip.textContent()).resolves.toBe('つらい・いますぐ相談');
    // The focus is visible.
    await expect(c.page.evaluate('getComputedStyle(document.activeElement).outlineStyle')).resolves.not.toBe('none');

    await c.page.keyboard.press('Tab');
    await c.page.keyboard.press('Enter');
    await c.settle();
    await expect(c.userTexts()).resolves.toEqual(['ネットで悪口（誹謗中傷）やプライバシーの侵害などの被害にあった']);
    expect((await c.botTexts()).at(-1)).toContain('どうしたいですか？');
    await expect(focusedChip.textContent()).resolves.toBe('つらい・いますぐ相談');

    await c.page.keyboard.press('Tab');
    await c.page.keyboard.press('Tab');
    await c.page.keyboard.press('Enter');
    await c.settle();
    await expect(c.userTexts()).resolves.toContain('悩みや不安を聞いてほしい');
    const cards = await c.lastResultCards();
    expect(cards.map((card) => card.title)).toEqual(['心のSOS まもろうよこころ', 'チャイルドライン']);
  });

  it('fits a 375px phone without sideways scrolling, with carousel cards at most 300px wide', async () => {
    const c = await open({ viewport: { width: 375, height: 667 } });
    await c.tap('悪口・さらしなどの被害');
    await c.tap('解決のしかたを相談したい');
    await c.tap('相手にお金を請求したい');
    const layout = await c.page.evaluate<{ scrollWidth: number; bubbleWidth: number; chipsOverflow: string }>(`(() => ({
      scrollWidth: document.documentElement.scrollWidth,
      bubbleWidth: document.querySelector('[data-testid="flex-bubble"]').getBoundingClientRect().width,
      chipsOverflow: getComputedStyle(document.getElementById('quick-replies')).overflowX,
    }))()`);
    expect(layout.scrollWidth).toBeLessThanOrEqual(375);
    expect(layout.bubbleWidth).toBe(300);
    expect(layout.chipsOverflow).toBe('auto');
  });

  it('centres a phone-width column on a desktop screen', async () => {
    const c = await open({ viewport: { width: 1280, height: 800 } });
    const box = await c.page.locator('.phone').boundingBox();
    expect(box).not.toBeNull();
    expect(box!.width).toBeLessThanOrEqual(440);
    expect(Math.abs(box!.x + box!.width / 2 - 640)).toBeLessThanOrEqual(1);
  });
});

/** Every Flex text of the reply's Flex messages, in document order (bubble header, body, footer). */
function flexTexts(messages: LineMessage[]): string[] {
  const texts: string[] = [];
  const visit = (node: unknown): void => {
    if (Array.isArray(node)) return node.forEach(visit);
    if (typeof node !== 'object' || node === null) return;
    const component = node as { type?: string; text?: string };
    if (component.type === 'text' && typeof component.text === 'string') texts.push(component.text);
    for (const key of ['contents', 'header', 'hero', 'body', 'footer']) visit((node as Record<string, unknown>)[key]);
  };
  for (const message of messages) if (message.type === 'flex') visit(message.contents);
  return texts;
}
