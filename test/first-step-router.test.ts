import request from 'supertest';
import { FIRST_STEP_CSP } from '../src/adapters/http/first-step-router';
import { useSharedTestBot } from './helpers/test-bot';

/**
 * The first-step pages on the wire, served next to the LINE webhook (not only with the preview): their own strict
 * CSP on pages and assets alike, whatever the rest of the app sets; the reader's language, Japanese otherwise.
 */
const t = useSharedTestBot();

describe.each(['/first-step/draft', '/first-step/summary', '/first-step/assets/page.js', '/first-step/assets/page.css'])('%s', (path) => {
  it('carries the pages’ own CSP, no referrer and nosniff', async () => {
    const response = await request(t().bot.app).get(path);
    expect(response.status).toBe(200);
    expect(response.headers['content-security-policy']).toBe(FIRST_STEP_CSP);
    expect(response.headers['referrer-policy']).toBe('no-referrer');
    expect(response.headers['x-content-type-options']).toBe('nosniff');
  });
});

it.each([
  ['?lang=en', 'en', 'Write a deletion request'],
  ['?lang=ja-easy', 'ja-easy', 'けして ほしい おねがいの 文を 作る'],
  ['?lang=xx', 'ja', '削除をお願いする文をつくる'],
  ['', 'ja', '削除をお願いする文をつくる'],
])('/first-step/draft%s is the page in %s', async (query, lang, title) => {
  const response = await request(t().bot.app).get(`/first-step/draft${query}`);
  expect(response.text).toContain(`<html lang="${lang}">`);
  expect(response.text).toContain(`<title>${title}</title>`);
});

it.each(['/first-step/other', '/first-step/assets/missing.js'])('%s is 404', async (path) => {
  const response = await request(t().bot.app).get(path);
  expect(response.status).toBe(404);
});

it('loads no script but its own, and runs none inline', async () => {
  const { text } = await request(t().bot.app).get('/first-step/summary');
  const scripts = [...text.matchAll(/<script([^>]*)>/g)].map((m) => m[1]?.trim());
  expect(scripts).toEqual(['src="/first-step/assets/page.js" defer', 'type="application/json" id="page-data"']);
  expect(text).not.toMatch(/ on[a-z]+=/);
  expect(text).not.toContain('style=');
  expect(text).not.toMatch(/<form[^>]*action=/);
});
