// @ts-check
/**
 * One browser tab is one LINE user: the id lives in sessionStorage, so a reload keeps it and a new tab does not.
 * Preview ids never reach LINE.
 */

const USER_ID_KEY = 'net-trouble-preview:user-id';
/** The server accepts exactly this shape (see src/adapters/preview/preview-router.ts). */
const USER_ID_PATTERN = /^preview-[A-Za-z0-9-]{8,64}$/;

/** This tab's user: the one it had before a reload, or a new one. */
export function loadUserId() {
  const stored = sessionStorage.getItem(USER_ID_KEY);
  if (stored && USER_ID_PATTERN.test(stored)) return stored;
  return saveNewUserId();
}

/** A new user for this tab (新しい会話). crypto.getRandomValues works on plain http too (a phone on the LAN), unlike crypto.randomUUID. */
export function saveNewUserId() {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  const id = `preview-${Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('')}`;
  sessionStorage.setItem(USER_ID_KEY, id);
  return id;
}
