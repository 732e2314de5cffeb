import express, { type Router } from 'express';
import type { LocalizedContent } from '../../core/content';
import { FIRST_STEP_PAGES, type FirstStepPageId } from '../../core/first-step/first-step';
import { FIRST_STEP_ASSETS_PATH, renderFirstStepPage } from '../../core/first-step/render-first-step-page';
import { isLocale, SOURCE_LOCALE } from '../../core/locale/locale';

/**
 * The pages load their own script and style sheet and nothing else: no connection of any kind, no form post, no
 * frame, no plug-in. `connect-src 'none'` and `form-action 'none'` are what keep typed text in the browser even if
 * a script went wrong. Set here, on the router, so it holds whatever headers the rest of the app sets.
 */
export const FIRST_STEP_CSP = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  // data: for the empty favicon only: not even this server may be sent an image request (it could carry text).
  "img-src data:",
  "connect-src 'none'",
  "form-action 'none'",
  "base-uri 'none'",
  "frame-ancestors 'none'",
].join('; ');

const SECURITY_HEADERS = {
  'content-security-policy': FIRST_STEP_CSP,
  'referrer-policy': 'no-referrer',
  'x-content-type-options': 'nosniff',
  'cross-origin-opener-policy': 'same-origin',
  'permissions-policy': 'camera=(), microphone=(), geolocation=(), interest-cohort=()',
} as const;

/**
 * GET /first-step/draft and /first-step/summary (`?lang=ja|ja-easy|en`, Japanese otherwise): every page in every
 * locale rendered once here, at start-up, from the content; the script and style from `assetsDir`. The pages are
 * the same for everyone and carry nothing personal, so they may be cached.
 */
export function createFirstStepRouter(options: { content: LocalizedContent; assetsDir: string }): Router {
  const pages = new Map<string, string>();
  for (const [locale, content] of options.content.byLocale) {
    for (const page of FIRST_STEP_PAGES) pages.set(`${page}:${locale}`, renderFirstStepPage(content, page));
  }
  const router = express.Router();
  router.use('/first-step', (_req, res, next) => {
    res.set(SECURITY_HEADERS);
    next();
  });
  router.get('/first-step/:page', (req, res, next) => {
    const page = req.params.page as FirstStepPageId;
    const lang = typeof req.query.lang === 'string' && isLocale(req.query.lang) ? req.query.lang : SOURCE_LOCALE;
    const html = (FIRST_STEP_PAGES as readonly string[]).includes(page) ? pages.get(`${page}:${lang}`) : undefined;
    if (html === undefined) {
      next();
      return;
    }
    res.set('cache-control', 'public, max-age=300').type('html').send(html);
  });
  router.use(FIRST_STEP_ASSETS_PATH, express.static(options.assetsDir, { index: false, maxAge: '5m', fallthrough: true }));
  return router;
}
