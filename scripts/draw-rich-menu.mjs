// Draws the rich menu image (data/rich-menu.yaml `image`) from data/rich-menu.yaml with headless Chromium:
//   npm run rich-menu:image
// Needs Debian's chromium and fonts-noto-cjk (as the browser tests do). Commit the PNG with the YAML.
import { writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { chromium } from 'playwright-core';

const require = createRequire(import.meta.url);
const { loadContentFiles } = require('../dist/src/adapters/content/load-content.js');
const { renderRichMenuHtml } = require('../dist/src/core/rich-menu/render-rich-menu-html.js');

const CHROMIUM = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
const root = process.cwd();
const { richMenu } = loadContentFiles(root);
const browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--headless', '--no-sandbox', '--disable-gpu'] });
try {
  const page = await browser.newPage({ viewport: richMenu.size, deviceScaleFactor: 1 });
  await page.setContent(renderRichMenuHtml(richMenu));
  await page.evaluate('document.fonts.ready');
  const png = await page.screenshot({ type: 'png', animations: 'disabled' });
  const file = path.resolve(root, richMenu.image);
  writeFileSync(file, png);
  console.log(`${richMenu.image}: ${richMenu.size.width}×${richMenu.size.height}, ${png.length} bytes`);
} finally {
  await browser.close();
}
