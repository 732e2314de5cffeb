import { existsSync } from 'node:fs';
import { once } from 'node:events';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import type { messagingApi } from '@line/bot-sdk';
import { chromium, type Browser, type BrowserContext, type Locator, type Page } from 'playwright-core';
import { loadContent } from '../../src/adapters/content/load-content';
import type { Clock, Logger } from '../../src/app/ports';
import { loadConfig } from '../../src/config';
import { createBot, type Bot } from '../../src/create-bot';

/** End-to-end harness for the browser preview: the real app on 127.0.0.1:0 and Debian's Chromium, headless. */

export const ROOT = path.resolve(__dirname, '../..');
export const CHROMIUM_PATH = '/usr/bin/chromium';
/** A phone (iPhone 12–15 size): the screen the preview must fit. */
export const PHONE_VIEWPORT = { width: 390, height: 844 } as const;

const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/** A LINE message object as the preview API returns it. */
export type LineMessage = messagingApi.Message & Record<string, unknown>;

const silentLogger: Logger = { debug() {}, info() {}, warn() {}, error() {} };

type ChatOptions = NonNullable<Parameters<PreviewHarness['openChat']>[0]>;

/**
 * The usual test file's set-up: one harness for the file, one chat per test, closed after it. No test may leave a
 * script error or a failed request behind (a 404 for a missing file shows up there).
 */
export function usePreviewChats(): { open(options?: ChatOptions): Promise<Chat>; harness(): PreviewHarness } {
  let harness: PreviewHarness | undefined;
  let chat: Chat | undefined;
  beforeAll(async () => {
    // The bot's clock is the page's: which windows are open, and so the cards' order, are the same on every run.
    harness = await startPreviewHarness({ clock: { now: () => Date.parse(PAGE_TIME) } });
  });
  afterAll(async () => {
    await harness?.close();
  });
  afterEach(async () => {
    const errors = chat?.errors ?? [];
    await chat?.page.context().close();
    chat = undefined;
    expect(errors).toEqual([]);
  });
  const started = () => {
    if (!harness) throw new Error('the preview harness has not started');
    return harness;
  };
  return {
    async open(options) {
      chat = await started().openChat(options);
      return chat;
    },
    harness: started,
  };
}

export interface PreviewHarness {
  readonly baseUrl: string;
  readonly browser: Browser;
  /** A fresh browser context (its own sessionStorage, so its own LINE user) with the page opened and greeted. */
  openChat(options?: {
    /** The page's address, from the server's root: '/?at=…'. */
    path?: string;
    viewport?: { width: number; height: number };
    /** A touch screen (a phone): no hover, a coarse pointer. */
    hasTouch?: boolean;
    beforeLoad?: (page: Page) => Promise<unknown>;
  }): Promise<Chat>;
  close(): Promise<void>;
}

/** The page's fixed clock: the times on the bubbles. */
export const PAGE_TIME = '2026-04-01T10:24:00+09:00';

/**
 * Starts the bot in preview mode and launches Chromium. Fails loudly, never skips, when Chromium is missing:
 * these tests are the only check that the page works.
 */
export async function startPreviewHarness(
  options: { env?: Record<string, string>; clock?: Clock } = {},
): Promise<PreviewHarness> {
  if (!existsSync(CHROMIUM_PATH)) {
    throw new Error(
      `Chromium not found at ${CHROMIUM_PATH}. The browser preview tests need it: apt-get install -y chromium fonts-noto-cjk`,
    );
  }
  const bot: Bot = createBot({
    config: loadConfig({ PREVIEW: '1', LOG_LEVEL: 'silent', ...options.env }),
    content: loadContent(ROOT),
    logger: silentLogger,
    ...(options.clock && { clock: options.clock }),
    rootDir: ROOT,
  });
  const server: Server = createServer(bot.app).listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address() as AddressInfo;
  const baseUrl = `http://127.0.0.1:${port}`;
  let browser: Browser;
  try {
    browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS, headless: true });
  } catch (error) {
    await closeServer(server);
    throw error;
  }
  const contexts: BrowserContext[] = [];

  return {
    baseUrl,
    browser,
    async openChat(chatOptions = {}) {
      const context = await browser.newContext({
        viewport: chatOptions.viewport ?? PHONE_VIEWPORT,
        // 1 keeps the screenshots small; the layout is the same at any density.
        deviceScaleFactor: 1,
        locale: 'ja-JP',
        timezoneId: 'Asia/Tokyo',
        hasTouch: chatOptions.hasTouch ?? false,
      });
      contexts.push(context);
      const page = await context.newPage();
      const errors: string[] = [];
      page.on('pageerror', (error) => errors.push(error.message));
      page.on('console', (message) => {
        if (message.type() === 'error') errors.push(message.text());
      });
      // A fixed clock keeps the times on the bubbles, and so the screenshots, the same on every run.
      await page.clock.setFixedTime(new Date(PAGE_TIME));
      // Keep a copy of every reply exactly as the server sent it, before the page draws it.
      const replies: LineMessage[][] = [];
      await page.route('**/preview/api/events', async (route) => {
        const response = await route.fetch();
        const body = (await response.json()) as { messages?: LineMessage[] };
        replies.push(body.messages ?? []);
        await route.fulfill({ response, json: body });
      });
      await chatOptions.beforeLoad?.(page);
      await page.goto(`${baseUrl}${chatOptions.path ?? '/'}`);
      const chat = new Chat(page, errors, replies);
      await chat.settle();
      return chat;
    },
    async close() {
      await Promise.allSettled(contexts.map((context) => context.close()));
      await browser.close();
      await closeServer(server);
      await bot.shutdown();
    },
  };
}

async function closeServer(server: Server): Promise<void> {
  const closed = new Promise<void>((resolve) => server.close(() => resolve()));
  server.closeAllConnections();
  await closed;
}

/** One person on the chat page, driving it only as a person would: tapping, typing, pressing keys. */
export class Chat {
  constructor(
    readonly page: Page,
    /** Script errors and console errors seen so far; tests assert there are none. */
    readonly errors: string[],
    /** Every reply the server sent this page, in order, as JSON. */
    readonly replies: LineMessage[][],
  ) {}

  get log(): Locator {
    return this.page.getByTestId('message-list');
  }

  get chips(): Locator {
    return this.page.getByTestId('quick-reply');
  }

  /** Waits until every request is answered and drawn (the log is aria-busy while one is under way). */
  async settle(): Promise<void> {
    await this.page.locator('#log[aria-busy="false"]').waitFor({ state: 'attached' });
  }

  /** The chip a person would find by its accessible name, exactly. */
  chip(label: string): Locator {
    return this.page.getByRole('group', { name: '返信の候補' }).getByRole('button', { name: label, exact: true });
  }

  /** Taps the quick-reply chip with exactly this label and waits for the reply. */
  async tap(label: string): Promise<void> {
    const labels = await this.chipLabels();
    if (!labels.includes(label)) throw new Error(`no chip "${label}" among: ${labels.join(', ')}`);
    await this.chip(label).click();
    await this.settle();
  }

  async type(text: string): Promise<void> {
    await this.page.getByTestId('message-input').fill(text);
    await this.page.getByTestId('send-button').click();
    await this.settle();
  }

  async chipLabels(): Promise<string[]> {
    return this.chips.allTextContents();
  }

  async botTexts(): Promise<string[]> {
    return this.page.getByTestId('bot-text').allTextContents();
  }

  async userTexts(): Promise<string[]> {
    return this.page.getByTestId('user-text').allTextContents();
  }

  /**
   * The cards of the last reply's carousels, in order (a result shows its windows in one carousel, or in a few of
   * similar heights): each card's title (its large bold text) and its links.
   */
  async lastResultCards(): Promise<RenderedCard[]> {
    await this.page.getByTestId('flex-carousel').last().waitFor();
    // The bot messages after the person's last message (or after the greeting, when they have sent none).
    const reply = this.page.locator(
      '[data-testid="bot-message"]:not(:has(~ [data-testid="user-message"])) [data-testid="flex-carousel"] [data-testid="flex-bubble"]',
    );
    return readCards(reply);
  }

  /** The cards of the last single-bubble flex message (e.g. the crisis card). */
  async lastBubble(): Promise<RenderedCard> {
    const bubble = this.page.locator('[data-testid="flex-message"] > .msg__line [data-testid="flex-bubble"]').last();
    await bubble.waitFor();
    const [card] = await readCards(bubble);
    if (!card) throw new Error('no flex bubble on the screen');
    return card;
  }
}

export interface RenderedCard {
  /** The card's title: its first large (lg, 19px) bold text, as the agency cards draw the agency's name. */
  readonly title: string;
  readonly texts: string[];
  readonly links: { text: string; href: string; target: string | null; rel: string | null }[];
  readonly buttons: string[];
}

/**
 * The slice of the DOM the in-page callbacks use. tsconfig has no "dom" lib on purpose (the core must not reach
 * for browser globals), so the tests type what they touch themselves.
 */
interface PageNode {
  readonly textContent: string | null;
  readonly style: { readonly fontSize: string; readonly fontWeight: string };
  getAttribute(name: string): string | null;
  querySelectorAll(selector: string): ArrayLike<PageNode>;
}

async function readCards(bubbles: Locator): Promise<RenderedCard[]> {
  return bubbles.evaluateAll((nodes: PageNode[]) =>
    nodes.map((node) => ({
      title:
        Array.from(node.querySelectorAll('.flex-text')).find(
          (t) => t.style.fontSize === '19px' && t.style.fontWeight === '700',
        )?.textContent ?? '',
      texts: Array.from(node.querySelectorAll('.flex-text'), (t) => t.textContent ?? ''),
      links: Array.from(node.querySelectorAll('a'), (a) => ({
        text: a.textContent ?? '',
        href: a.getAttribute('href') ?? '',
        target: a.getAttribute('target'),
        rel: a.getAttribute('rel'),
      })),
      buttons: Array.from(node.querySelectorAll('button'), (b) => b.textContent ?? ''),
    })),
  );
}
