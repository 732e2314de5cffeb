// @ts-check
/** The page's address carries its settings (`?lang=`, `?at=`), so a reload or a shared link shows the same view. */

/**
 * @param {string} name
 * @returns {string | null}
 */
export function readAddressParam(name) {
  return new URL(window.location.href).searchParams.get(name);
}

/**
 * Sets (or, with undefined, removes) one setting in the address, without a new history entry.
 * @param {string} name
 * @param {string | undefined} value
 */
export function showInAddress(name, value) {
  const url = new URL(window.location.href);
  if (value === undefined) url.searchParams.delete(name);
  else url.searchParams.set(name, value);
  window.history.replaceState(null, '', url);
}
