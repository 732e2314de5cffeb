// @ts-check
/**
 * The header's language menu and `?lang=`. `?lang=` is the language this person's LINE app is set to (ja, en,
 * pt-BR…: the bot reads it on follow, as it reads getProfile on LINE), or ja-easy for a person who would choose
 * やさしい日本語 (no LINE app is set to it). The menu always shows the language the bot answered in; choosing in it
 * is what tapping a language button in the chat does: the same place, in the other language.
 */

import { tapAction } from './line-action.js';
import { readAddressParam, showInAddress } from './page-address.js';

const LANG_PARAM = 'lang';
/** What the server takes as a language (see src/adapters/preview/preview-router.ts); anything else is ignored. */
const LANG_PATTERN = /^[A-Za-z]{2,3}([-_][A-Za-z0-9]{2,8})*$/;
/** The language buttons' postback data, as src/core/postback.ts writes it, and each language's own name. */
const LANGUAGE_BUTTONS = /** @type {const} */ ({
  ja: { data: 'a=lang&l=ja', name: '日本語' },
  'ja-easy': { data: 'a=lang&l=ja-easy', name: 'やさしいにほんご' },
  en: { data: 'a=lang&l=en', name: 'English' },
});

const menu = /** @type {HTMLSelectElement} */ (document.getElementById('language'));
/** The language the bot last answered in. */
let answeredIn = /** @type {string | undefined} */ (undefined);

/** The `?lang=` of this page, when it is a language tag. */
export function readLang() {
  const lang = readAddressParam(LANG_PARAM);
  return lang !== null && LANG_PATTERN.test(lang) ? lang : undefined;
}

/**
 * Shows the language the bot answered in. A language chosen in the chat (a button, the menu, a typed name) goes
 * into `?lang=` too, so a reload greets in it; a follow leaves `?lang=` as the person gave it (pt-BR stays pt-BR,
 * answered in English).
 * @param {unknown} locale
 * @param {boolean} inAddress
 */
export function showLanguage(locale, inAddress) {
  if (typeof locale !== 'string' || !Object.hasOwn(LANGUAGE_BUTTONS, locale)) return;
  menu.value = locale;
  const changed = locale !== answeredIn;
  answeredIn = locale;
  if (changed && inAddress) showInAddress(LANG_PARAM, locale);
}

menu.addEventListener('change', () => {
  const locale = /** @type {keyof typeof LANGUAGE_BUTTONS} */ (menu.value);
  const button = LANGUAGE_BUTTONS[locale];
  if (!button) return;
  tapAction(menu, { type: 'postback', data: button.data, displayText: button.name }, {});
});
