import { loadContent } from '../../src/adapters/content/load-content';
import { LOCALES, type Locale } from '../../src/core/locale/locale';
import { ROOT, startPreviewHarness, type PreviewHarness } from './preview-harness';

/** The preview's language: `?lang=` plays the LINE app's language setting; the menu switches mid-conversation. */

jest.setTimeout(60_000);

let harness: PreviewHarness;
beforeAll(async () => {
  harness = await startPreviewHarness();
});
afterAll(async () => {
  await harness?.close();
});

it.each([
  ['?lang=en', 'What is troubling you?', 'en'],
  ['?lang=en-GB', 'What is troubling you?', 'en'],
  ['?lang=pt-BR', 'What is troubling you?', 'en'],
  ['?lang=ja', 'どんなことで困っていますか？', 'ja'],
  ['?lang=ja-easy', 'なにに こまって いますか？', 'ja-easy'],
  ['?lang=<script>', 'どんなことで困っていますか？', 'ja'],
  ['', 'どんなことで困っていますか？', 'ja'],
])('%s greets in the language LINE would pick', async (query, question, selected) => {
  const chat = await harness.openChat({ path: `/${query}` });
  const texts = await chat.botTexts();
  expect(texts.at(-1)).toContain(question);
  await expect(chat.page.getByTestId('language-select').inputValue()).resolves.toBe(selected);
  expect(chat.errors).toEqual([]);
});

const content = loadContent(ROOT);
function greetingOf(locale: Locale): string {
  const greeting = content.byLocale.get(locale)?.flow.messages.greeting;
  if (!greeting) throw new Error(`no greeting in ${locale}`);
  return greeting;
}

it.each([
  ['?lang=ja-easy', 'ja-easy'],
  ['?lang=en', 'en'],
  ['', 'ja'],
] as const)('%s greets once, first in its own language (never Japanese, then the chosen language)', async (query, locale) => {
  const chat = await harness.openChat({ path: `/${query}` });
  const texts = await chat.botTexts();
  expect(texts[0]).toContain(greetingOf(locale));
  const greetings = texts.filter((text) => LOCALES.some((other) => text.includes(greetingOf(other))));
  expect(greetings).toHaveLength(1);
  // The person did nothing: no language button was tapped for them.
  expect(await chat.userTexts()).toEqual([]);
  expect(chat.replies).toHaveLength(1);
  expect(new URL(chat.page.url()).search).toBe(query);
  expect(chat.errors).toEqual([]);
});

it('the language menu switches mid-conversation and keeps the place; the URL follows', async () => {
  const chat = await harness.openChat();
  await chat.tap('悪口・さらしなどの被害');
  await chat.tap('解決のしかたを相談したい');
  await chat.page.getByTestId('language-select').selectOption('en');
  await chat.settle();
  expect((await chat.botTexts()).at(-1)).toContain('Which is closest?');
  expect(await chat.chipLabels()).toContain('Get compensation');
  expect(new URL(chat.page.url()).searchParams.get('lang')).toBe('en');
  await chat.tap('Back');
  expect((await chat.botTexts()).at(-1)).toContain('What do you want to do?');
  expect(chat.errors).toEqual([]);
});

it('a language chosen in the chat moves the header menu and the URL with it', async () => {
  const chat = await harness.openChat();
  await chat.tap('Language / ことば');
  await chat.tap('English');
  await expect(chat.page.getByTestId('language-select').inputValue()).resolves.toBe('en');
  expect(new URL(chat.page.url()).searchParams.get('lang')).toBe('en');
  expect(chat.errors).toEqual([]);
});
