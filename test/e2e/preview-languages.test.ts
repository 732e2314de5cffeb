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

const content = loadContent(ROOT);
function greetingOf(locale: Locale): string {
  const greeting = content.byLocale.get(locale)?.flow.messages.greeting;
  if (!greeting) throw new Error(`no greeting in ${locale}`);
  return greeting;
}

it.each([
  ['?lang=en', 'What is troubling you?', 'en'],
  ['?lang=en-GB', 'What is troubling you?', 'en'],
  ['?lang=pt-BR', 'What is troubling you?', 'en'],
  ['?lang=ja', 'どんなことで困っていますか？', 'ja'],
  ['?lang=ja-easy', 'なにに こまって いますか？', 'ja-easy'],
  ['?lang=<script>', 'どんなことで困っていますか？', 'ja'],
  ['', 'どんなことで困っていますか？', 'ja'],
] as const)('%s greets once, in the language LINE would pick from the first message on', async (query, question, selected) => {
  const chat = await harness.openChat({ path: `/${query}` });
  const texts = await chat.botTexts();
  expect(texts[0]).toContain(greetingOf(selected));
  // Never the Japanese greeting, then the chosen language's: one greeting, one reply, nothing tapped for them.
  expect(texts.filter((text) => LOCALES.some((locale) => text.includes(greetingOf(locale))))).toHaveLength(1);
  expect(chat.replies).toHaveLength(1);
  expect(await chat.userTexts()).toEqual([]);
  expect(texts.at(-1)).toContain(question);
  await expect(chat.page.getByTestId('language-select').inputValue()).resolves.toBe(selected);
  // ?lang= stays as the person gave it (pt-BR is not rewritten to the English it is answered in).
  expect(new URL(chat.page.url()).searchParams.get('lang')).toBe(new URLSearchParams(query).get('lang'));
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
  expect((await chat.botTexts()).at(-1)).toContain('What would you like to do?');
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
