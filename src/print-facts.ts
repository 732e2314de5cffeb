import { CONTENT_FILES, loadContent } from './adapters/content/load-content';
import { ContentError } from './core/errors';
import { ageInDays, listFacts } from './core/facts/list-facts';

/** A fact this many days old is due for a re-check. */
const STALE_AFTER_DAYS = 180;

/**
 * `npm run facts`: every dated fact of data/ with its source and age, oldest first, and a warning line for each one
 * older than 180 days. Read-only; exit 0 (warnings are for the operator, not the build).
 */
function printFacts(): void {
  const content = loadContent(process.cwd());
  const now = Date.now();
  const facts = listFacts(content, CONTENT_FILES);
  const stale = facts.filter((fact) => ageInDays(fact.verifiedAt, now) > STALE_AFTER_DAYS);
  for (const fact of facts) {
    const age = ageInDays(fact.verifiedAt, now);
    console.log(`${fact.verifiedAt}  ${String(age).padStart(4)} days  ${fact.file}: ${fact.where} (${fact.what})`);
    console.log(`    ${fact.source}`);
  }
  console.log(`${facts.length} facts; ${stale.length} older than ${STALE_AFTER_DAYS} days`);
  for (const fact of stale) {
    console.warn(`warning: ${fact.file}: ${fact.where} (${fact.what}) was checked ${ageInDays(fact.verifiedAt, now)} days ago: re-check it at its source`);
  }
}

try {
  printFacts();
} catch (error) {
  console.error(error instanceof ContentError ? error.message : error);
  process.exit(1);
}
