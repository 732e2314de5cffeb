// @ts-check
/** Links only carry schemes LINE itself accepts: `javascript:` and friends are never turned into links. */

const SAFE_URI_PATTERN = /^(https?:|tel:|mailto:|line:)/i;

/**
 * @param {unknown} value
 * @returns {string | undefined} the URI when its scheme is one a LINE action may use
 */
export function safeUri(value) {
  return typeof value === 'string' && SAFE_URI_PATTERN.test(value.trim()) ? value.trim() : undefined;
}
