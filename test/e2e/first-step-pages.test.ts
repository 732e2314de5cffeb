import { mkdirSync } from 'node:fs';
import path from 'node:path';
import type { BrowserContext, Page, Request } from 'playwright-core';
import type { Content } from '../../src/core/content';
import type { FirstStepPage, FirstStepPageId } from '../../src/core/first-step/first-step';
import { LOCALES, type Locale } from '../../src/core/locale/locale';
import { loadContent } from '../../src/adapters/content/load-content';
import { PAGE_TIME, ROOT, startPreviewHarness, type PreviewHarness } from './preview-harness';

/**
 * The first-step pages in Chromium at 375 px, as a person fills them on a phone: every page in every language
 * produces a text with what was typed under the content's headings; the network is cut once the page is loaded and
 * the page still works; every request the page makes is recorded and none may carry what was typed; the CSP
 * forbids connections and form posts; every box has a label a screen reader reads; nothing scrolls sideways.
 */
jest.setTimeout(120_000);

const VIEWPORT = { width: 375, height: 812 } as const;
const content = loadContent(ROOT);
const pages: FirstStepPageId[] = ['draft', 'summary'];

let harness: PreviewHarness;
beforeAll(async () => {
  harness = await startPreviewHarness({ clock: { now: () => Date.parse(PAGE_TIME) } });
});
afterAll(async () => {
  await harness?.close();
});

interface Opened {
  readonly context: BrowserContext;
  readonly page: Page;
  readonly requests: Request[];
  readonly errors: string[];
  readonly headers: Record<string, string>;
}

async function open(pageId: FirstStepPageId, locale: Locale): Promise<Opened> {
  const context = await harness.browser.newContext({
    viewport: VIEWPORT,
    deviceScaleFactor: 1,
    locale: 'ja-JP',
    timezoneId: 'Asia/Tokyo',
    hasTouch: true,
    permissions: ['clipboard-read', 'clipboard-write'],
  });
  const page = await context.newPage();
  const requests: Request[] = [];
  const errors: string[] = [];
  // Every request of the page and of anything it starts, recorded before it leaves the browser.
  context.on('request', (request) => requests.push(request));
  page.on('pageerror', (error) => errors.push(error.message));
  page.on('console', (message) => {
    if (message.type() === 'error') errors.push(message.text());
  });
  await page.clock.setFixedTime(new Date(PAGE_TIME));
  const response = await page.goto(`${harness.baseUrl}/first-step/${pageId}?lang=${locale}`);
  if (!response) throw new Error('no response');
  await page.waitForLoadState('networkidle');
  return { context, page, requests, errors, headers: response.headers() };
}

function localeContent(locale: Locale): Content {
  const localized = content.byLocale.get(locale);
  if (!localized) throw new Error(locale);
  return localized;
}

/** A value no page text has, per field, so a leak of any of them is recognised wherever it appears. */
const typed = (fieldId: string, kind: string) => (kind === 'url' ? `https://example.com/post/typed-${fieldId}-7741` : `typed-${fieldId}-7741 わたしの秘密`);

/** Fills every box by its label, as a screen reader user would find it, and checks every choice. */
async function fill(page: Page, def: FirstStepPage): Promise<string[]> {
  const values: string[] = [];
  for (const field of def.fields) {
    if (field.kind === 'choices') {
      const group = page.getByRole('group', { name: field.label, exact: true });
      for (const choice of field.choices) await group.getByRole('checkbox', { name: choice.label, exact: true }).check();
      continue;
    }
    const value = typed(field.id, field.kind);
    await page.getByLabel(field.label, { exact: true }).fill(value);
    values.push(value);
  }
  return values;
}

describe.each(LOCALES)('in %s', (locale) => {
  it.each(pages)('the %s page: strict CSP, fits 375 px, labelled, works offline, and sends and keeps nothing typed', async (pageId) => {
    const opened = await open(pageId, locale);
    try {
      checkHeadersAndLoads(opened, pageId);
      await checkLayout(opened.page, locale);
      await checkOffline(opened, localeContent(locale), pageId);
    } finally {
      await opened.context.close();
    }
    expect(opened.errors).toEqual([]);
  });
});

/** A CSP that allows no connection, no form post and no third-party script; only the page's own three files load. */
function checkHeadersAndLoads(opened: Opened, pageId: FirstStepPageId): void {
  const csp = opened.headers['content-security-policy'] ?? '';
  expect(csp).toContain("default-src 'none'");
  expect(csp).toContain("script-src 'self'");
  expect(csp).toContain("connect-src 'none'");
  expect(csp).toContain("form-action 'none'");
  expect(csp).not.toContain('unsafe');
  expect(opened.headers['referrer-policy']).toBe('no-referrer');
  const origin = new URL(harness.baseUrl).origin;
  expect(opened.requests.map((r) => new URL(r.url()).origin)).toEqual(opened.requests.map(() => origin));
  expect(opened.requests.map((r) => new URL(r.url()).pathname).sort()).toEqual(
    ['/first-step/assets/page.css', '/first-step/assets/page.js', `/first-step/${pageId}`].sort(),
  );
}

/** No sideways scroll at 375 px, tap targets at least 44 px high, every box with a label a screen reader reads. */
async function checkLayout(page: Page, locale: Locale): Promise<void> {
  expect(await page.evaluate('document.documentElement.scrollWidth')).toBeLessThanOrEqual(VIEWPORT.width);
  const small = await page.evaluate(`[...document.querySelectorAll('button, a.button-link, .choice, input[type=text], input[type=url], textarea, .languages a')]
    .map((el) => [el.textContent.trim().slice(0, 20) || el.id, Math.round(el.getBoundingClientRect().height)])
    .filter(([, height]) => height < 44)`);
  expect(small).toEqual([]);
  const unlabelled = await page.evaluate(`[...document.querySelectorAll('input, textarea')]
    .filter((el) => el.labels.length === 0 && !el.getAttribute('aria-labelledby'))
    .map((el) => el.id || el.name)`);
  expect(unlabelled).toEqual([]);
  expect(await page.getAttribute('html', 'lang')).toBe(locale);
}

/**
 * With the network cut once loaded: fills every box by its label, checks the text (and the letter) carry what was
 * typed under the content's headings, copies it, prints the letter alone, and finds no request after the load and
 * none at all carrying a typed value, and nothing stored.
 */
async function checkOffline({ page, context, requests }: Opened, words: Content, pageId: FirstStepPageId): Promise<void> {
  const def = words.firstStep[pageId];
  const loaded = requests.length;
  await context.setOffline(true);
  const values = await fill(page, def);
  const text = await page.locator('#result').inputValue();
  expect(text.startsWith(def.output.title)).toBe(true);
  for (const value of values) expect(text).toContain(value);
  for (const field of def.fields) expect(text).toContain(`【${def.output.sections[field.id]}】`);
  for (const field of def.fields) {
    if (field.kind === 'choices') expect(text).toContain(field.choices.map((c) => c.text).join(words.firstStep.common.listSeparator));
  }
  if (def.output.closing) expect(text.endsWith(def.output.closing)).toBe(true);
  const letter = await page.locator('#letter-body').innerText();
  for (const value of values) expect(letter).toContain(value);

  await page.getByRole('button', { name: words.firstStep.common.copy, exact: true }).click();
  await page.getByRole('status').filter({ hasText: words.firstStep.common.copied }).waitFor();
  expect(await page.evaluate('navigator.clipboard.readText()')).toBe(text);

  await page.emulateMedia({ media: 'print' });
  expect(await page.locator('#letter-body').isVisible()).toBe(true);
  expect(await page.locator('#fields').isVisible()).toBe(false);
  await page.emulateMedia({ media: 'screen' });

  expect(requests.slice(loaded).map((r) => r.url())).toEqual([]);
  for (const request of requests) {
    const wire = `${request.url()} ${request.postData() ?? ''} ${JSON.stringify(await request.allHeaders())}`;
    for (const value of values) {
      expect(wire).not.toContain(value);
      expect(wire).not.toContain(encodeURIComponent(value));
    }
  }
  expect(await page.evaluate('[localStorage.length, sessionStorage.length, document.cookie]')).toEqual([0, 0, '']);
}

it('the draft page puts the services’ own pages first, with the law’s 7 days and its source', async () => {
  const opened = await open('draft', 'ja');
  try {
    const words = localeContent('ja');
    const section = opened.page.locator('section.platforms');
    const links = await section.locator('ul.links a').evaluateAll((as) => as.map((a) => (a as unknown as { href: string }).href));
    const designated = words.platforms.services.filter((s) => s.provider !== undefined).map((s) => s.url);
    expect(links.slice(0, designated.length)).toEqual(designated);
    const sectionText = await section.innerText();
    expect(sectionText).toContain(words.designatedPlatforms.duty.text);
    const sources = await section.locator('small.sources a').evaluateAll((as) => as.map((a) => (a as unknown as { href: string }).href));
    expect(sources).toContain('https://www.city.daito.lg.jp/soshiki/19/64348.html');
    for (const provider of words.designatedPlatforms.providers) expect(sectionText).toContain(provider.services.join(words.firstStep.common.listSeparator));
    // 「早めに」 is on the draft page too, with its note that this is not legal advice.
    expect(await opened.page.locator('section.time-limits').innerText()).toContain(words.timeLimits.note);
  } finally {
    await opened.context.close();
  }
});

it.each(LOCALES)('the draft page says so when the URL is a site’s top page, not the post (%s)', async (locale) => {
  const opened = await open('draft', locale);
  try {
    const words = localeContent(locale).firstStep;
    const url = words.draft.fields.find((field) => field.kind === 'url');
    if (!url) throw new Error('the draft has no URL box');
    const box = opened.page.getByLabel(url.label, { exact: true });
    const note = opened.page.locator(`#field-${url.id}-check`);
    for (const [typedUrl, warned] of [
      ['https://x.com/', true],
      ['https://example.com', true],
      ['https://x.com/someone/status/123', false],
      ['https://example.com/?p=42', false],
    ] as const) {
      await box.fill(typedUrl);
      expect({ typedUrl, note: await note.textContent() }).toEqual({ typedUrl, note: warned ? words.common.topPageUrl : '' });
    }
    expect(opened.errors).toEqual([]);
  } finally {
    await opened.context.close();
  }
});

it('the preview’s cards open the pages', async () => {
  const chat = await harness.openChat({ viewport: VIEWPORT, hasTouch: true });
  try {
    for (const label of ['悪口・さらしなどの被害', '解決のしかたを相談したい', '相手にお金を請求したい']) await chat.tap(label);
    const words = localeContent('ja');
    const link = chat.page.getByRole('link', { name: words.firstStep.card.summaryButton });
    expect(await link.last().getAttribute('href')).toBe(`${harness.baseUrl}/first-step/summary?lang=ja`);
    const [popup] = await Promise.all([chat.page.context().waitForEvent('page'), link.last().click()]);
    await popup.waitForLoadState();
    expect(await popup.title()).toBe(words.firstStep.summary.title);
    expect(chat.errors).toEqual([]);
  } finally {
    await chat.page.context().close();
  }
});

describe('screenshots at 375 px', () => {
  const OUT_DIR = path.join(ROOT, 'docs/screenshots');
  beforeAll(() => mkdirSync(OUT_DIR, { recursive: true }));

  const samples: Record<FirstStepPageId, Record<string, string>> = {
    draft: {
      url: 'https://example.com/posts/12345',
      content: '〇〇は万引きをしている（うその書きこみ）',
      reason: 'わたしが万引きをしたと書かれていますが、うそです。',
    },
    summary: {
      when: '2026年12月1日の夜から',
      where: 'https://example.com/posts/12345',
      accounts: '@example_account',
      what: 'わたしの名前と学校の名前を出して、うそを書かれた。',
    },
  };

  it.each(pages)('first-step-%s.png', async (pageId) => {
    const opened = await open(pageId, 'ja');
    try {
      const { page } = opened;
      for (const [fieldId, value] of Object.entries(samples[pageId])) await page.locator(`#field-${fieldId}`).fill(value);
      if (pageId === 'draft') await page.getByRole('checkbox').first().check();
      await page.evaluate('document.fonts.ready');
      await page.evaluate('window.scrollTo(0, 0)');
      await page.screenshot({ path: path.join(OUT_DIR, `first-step-${pageId}.png`), animations: 'disabled', caret: 'hide' });
      await page.locator('.result').scrollIntoViewIfNeeded();
      await page.screenshot({ path: path.join(OUT_DIR, `first-step-${pageId}-text.png`), animations: 'disabled', caret: 'hide' });
    } finally {
      await opened.context.close();
    }
    expect(opened.errors).toEqual([]);
  });
});
