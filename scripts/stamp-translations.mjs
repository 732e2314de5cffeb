// Marks a locale's translations as made from the Japanese as it is now, after checking or translating them:
//   npm run locales:stamp -- en
// flows/locales/translated-from.yaml keeps, for each locale and key, the Japanese each translation was made from;
// the bot refuses to start while a source text differs from it, so a change to the Japanese is never left
// untranslated. Only keys the locale's overlays already have are stamped.
import { readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { parse, stringify } from 'yaml';

const require = createRequire(import.meta.url);
const { CONTENT_FILES, overlayFileOf } = require('../dist/src/adapters/content/load-content.js');
const { TRANSLATED } = require('../dist/src/core/content.js');
const { OVERLAY_LOCALES } = require('../dist/src/core/locale/locale.js');
const { collectTexts, flattenOverlay } = require('../dist/src/core/locale/overlay.js');

const locale = process.argv[2];
if (!OVERLAY_LOCALES.includes(locale)) {
  console.error(`usage: npm run locales:stamp -- <${OVERLAY_LOCALES.join('|')}>`);
  process.exit(2);
}
const root = process.cwd();
const readYaml = (file) => parse(readFileSync(path.join(root, file), 'utf8'));
const stamps = {};
for (const [name, rule] of Object.entries(TRANSLATED)) {
  const sourceFile = CONTENT_FILES[name];
  const { file, section } = overlayFileOf(sourceFile, locale);
  const translated = flattenOverlay(readYaml(file)?.[section]);
  for (const [key, slot] of collectTexts(readYaml(sourceFile), rule)) {
    if (translated.has(key)) stamps[`${section}.${key}`] = slot.text;
  }
}
const stampFile = path.join(root, CONTENT_FILES.translatedFrom);
const all = parse(readFileSync(stampFile, 'utf8')) ?? {};
all[locale] = stamps;
const header = readFileSync(stampFile, 'utf8').split('\n').filter((line) => line.startsWith('#')).join('\n');
writeFileSync(stampFile, `${header}\n${stringify(all, { lineWidth: 0 })}`);
console.log(`${CONTENT_FILES.translatedFrom}: ${locale} stamped (${Object.keys(stamps).length} keys)`);
