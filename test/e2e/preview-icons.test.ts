import path from 'node:path';
import { ROOT, startPreviewHarness, type Chat, type PreviewHarness } from './preview-harness';

/**
 * With PUBLIC_BASE_URL set the agency cards show each channel as an icon in a baseline box. The icons live at a
 * public https origin that does not exist in a test, so the browser's requests for them are answered from
 * data/icons; everything else is the real app.
 */

jest.setTimeout(60_000);

const ICON_ORIGIN = 'https://bot.example.jp';

let harness: PreviewHarness;
let chat: Chat | undefined;

beforeAll(async () => {
  harness = await startPreviewHarness({ env: { PUBLIC_BASE_URL: ICON_ORIGIN } });
});

afterAll(async () => {
  await chat?.page.context().close();
  await harness?.close();
});

interface IconRow {
  layout: string;
  iconSrc: string;
  iconLoaded: boolean;
  iconHeight: number;
  iconBottom: number;
  label: string;
  labelBaseline: number;
}

it('draws channel icons in baseline rows, each on the baseline of its label', async () => {
  chat = await harness.openChat({
    beforeLoad: (page) =>
      page.route(`${ICON_ORIGIN}/icons/*`, (route) =>
        route.fulfill({ path: path.join(ROOT, 'data/icons', path.basename(new URL(route.request().url()).pathname)) }),
      ),
  });
  await chat.tap('悪口・さらしなどの被害');
  await chat.tap('解決のしかたを相談したい');
  await chat.tap('相手にお金を請求したい');
  await chat.page.getByTestId('flex-bubble').filter({ hasText: '法テラス' }).locator('.flex-icon img').first().waitFor();
  // A function, not a string: Playwright polls a string with eval, which the preview's CSP (no unsafe-eval) refuses.
  await chat.page.waitForFunction(() => {
    const page = globalThis as unknown as { document: { querySelectorAll(selector: string): ArrayLike<{ complete: boolean }> } };
    return Array.from(page.document.querySelectorAll('.flex-icon img')).every((img) => img.complete);
  });

  // In-page code as a string: tsconfig has no "dom" lib on purpose.
  const rows = await chat.page.evaluate<IconRow[]>(`Array.from(
    // 法テラス's own card: the one whose title (19px text) is its name; the lawyer card mentions it too.
    Array.from(document.querySelectorAll('[data-testid="flex-bubble"]')).find((b) => b.querySelector('.flex-text[style*="19px"]')?.textContent === '法テラス')
      .querySelectorAll('.flex-box--baseline'),
    (row) => {
      const icon = row.querySelector('.flex-icon');
      const img = icon.querySelector('img');
      const label = row.querySelector('.flex-text');
      // The baseline of the label's first line: where a zero-height inline-block placed before its text lands.
      const probe = document.createElement('span');
      probe.style.display = 'inline-block';
      label.prepend(probe);
      const labelBaseline = probe.getBoundingClientRect().bottom;
      probe.remove();
      return {
        layout: getComputedStyle(row).alignItems,
        iconSrc: img.getAttribute('src'),
        iconLoaded: img.naturalWidth > 0,
        iconHeight: icon.getBoundingClientRect().height,
        iconBottom: icon.getBoundingClientRect().bottom,
        label: label.textContent,
        labelBaseline,
      };
    },
  )`);

  expect(rows.map((row) => [row.label, row.iconSrc])).toEqual([
    ['電話', `${ICON_ORIGIN}/icons/phone.png`],
    ['Webフォーム', `${ICON_ORIGIN}/icons/web-form.png`],
    ['対面', `${ICON_ORIGIN}/icons/in-person.png`],
  ]);
  for (const row of rows) {
    expect(row.layout).toBe('baseline');
    expect(row.iconLoaded).toBe(true);
    expect(row.iconHeight).toBe(14); // size "sm"
    expect(Math.abs(row.iconBottom - row.labelBaseline)).toBeLessThanOrEqual(1);
  }
  expect(chat.errors).toEqual([]);
});
