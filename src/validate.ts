import { checkRenderedContent, CONTENT_FILES, loadContent } from './adapters/content/load-content';
import { ContentError } from './core/errors';
import { findStaleSpecialPeriods } from './core/facts/find-stale-special-periods';

/** A public origin to render the cards with icons and page buttons, which make them heavier (start-up checks with the real one). */
const EXAMPLE_PUBLIC_ORIGIN = 'https://bot.example.jp';

/**
 * `npm run validate`: checks flows/ and data/ (the rich menu and its image too) in the current folder exactly as
 * start-up does (the same loader, so the same messages), without starting the server, and renders every reply in
 * every locale and opening state from now on, with and without channel icons, against LINE's limits and the
 * misroute rules. Exit 0 with a one-line summary (and the start-up's warnings about facts, such as a yearly special
 * week with none ahead), or 1 with the problems.
 */
function validate(): void {
  const content = loadContent(process.cwd());
  const now = Date.now();
  checkRenderedContent(content, { iconBaseUrl: undefined }, now);
  checkRenderedContent(content, { iconBaseUrl: EXAMPLE_PUBLIC_ORIGIN, pagesBaseUrl: EXAMPLE_PUBLIC_ORIGIN }, now);
  const { flow } = content;
  console.log(
    `ok: ${Object.keys(flow.questions).length} questions, ${Object.keys(flow.results).length} results, ` +
      `${content.agencies.size} agencies, ${content.crisis.hotlines.length} crisis hotlines, ` +
      `a rich menu of ${content.richMenu.areas.length} areas (flow version ${flow.version})`,
  );
  for (const warning of findStaleSpecialPeriods(content, CONTENT_FILES, now)) console.warn(`warning: ${warning}`);
}

try {
  validate();
} catch (error) {
  console.error(error instanceof ContentError ? error.message : error);
  process.exit(1);
}
