// @ts-check
/**
 * The preview's 「時刻を指定」: answer as at another instant, to see the opening hours on the cards as a person would
 * on a holiday night. The field reads Japan time; `?at=2027-01-11T22:30+09:00` in the address sets it, and setting
 * it updates the address so the view can be shared. Empty means now. Only the preview sends `at`; LINE never can.
 */

import { readAddressParam, showInAddress } from './page-address.js';

const AT_PARAM = 'at';
/** What the server accepts: minutes or seconds, with an offset. */
const AT_PATTERN = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2})?(Z|[+-]\d{2}:\d{2})$/;
const JST_OFFSET_MS = 9 * 60 * 60_000;

const input = /** @type {HTMLInputElement} */ (document.getElementById('at'));
const reset = /** @type {HTMLButtonElement} */ (document.getElementById('at-now'));

/** "2027-01-11T22:30" in Japan time for the field, from any instant the address may carry. */
function toFieldValue(/** @type {string} */ at) {
  const instant = Date.parse(at);
  return Number.isFinite(instant) ? new Date(instant + JST_OFFSET_MS).toISOString().slice(0, 16) : '';
}

// A '+' typed into an address reads as a space ("2026-12-06T23:30 09:00"): the offset meant '+'.
const fromAddress = readAddressParam(AT_PARAM)?.replace(/ (\d{2}:\d{2})$/, '+$1') ?? null;
input.value = fromAddress && AT_PATTERN.test(fromAddress) ? toFieldValue(fromAddress) : '';
reset.hidden = input.value === '';

input.addEventListener('change', () => {
  showInAddress(AT_PARAM, previewTime());
  reset.hidden = input.value === '';
});
reset.addEventListener('click', () => {
  input.value = '';
  showInAddress(AT_PARAM, undefined);
  reset.hidden = true;
});

/** The instant to answer at ("2027-01-11T22:30+09:00"), or undefined for now. */
export function previewTime() {
  return /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/.test(input.value) ? `${input.value}+09:00` : undefined;
}
