import { CONTENT_FILES, loadContent } from '../src/adapters/content/load-content';
import { findStaleSpecialPeriods } from '../src/core/facts/find-stale-special-periods';
import { ageInDays, listFacts } from '../src/core/facts/list-facts';
import { ROOT } from './helpers/test-bot';

/** `npm run facts` and the start-up warning about yearly special weeks, on the real data/ files. */
const content = loadContent(ROOT);

describe('every fact with its source and age (npm run facts)', () => {
  const facts = listFacts(content, CONTENT_FILES);

  it('lists the oldest first', () => {
    const dates = facts.map((fact) => fact.verifiedAt);
    expect(dates).toEqual([...dates].sort());
  });

  it('lists each window, each crisis line, each schedule and each special period, with a public source', () => {
    const where = facts.map((fact) => `${fact.file}: ${fact.where}`);
    expect(where).toEqual(
      expect.arrayContaining([
        'data/agencies.yaml: jinken_women',
        'data/agencies.yaml: childline.phones[0].schedule',
        'data/crisis.yaml: lines.inochi',
        'data/crisis.yaml: lines.inochi.phones[0].schedule.special[0]',
        'data/evidence.yaml: warning',
        'data/platforms.yaml: services.line',
      ]),
    );
    expect(facts.find((fact) => fact.where.endsWith('special[0]'))?.what).toBe('いのちの電話: open 24 h from 2025-09-10 8:00 to 2025-09-17 8:00');
    for (const fact of facts) expect(fact.source).toMatch(/^https:\/\//);
  });

  it.each([
    ['2026-12-05', '2026-12-05T23:59+09:00', 0],
    ['2026-12-05', '2026-12-06T00:00+09:00', 1], // Japan's day: still 12-05 in UTC
    ['2026-06-07', '2026-12-05T12:00+09:00', 181],
  ])('a fact checked on %s is, at %s, %i days old', (verifiedAt, at, days) => {
    expect(ageInDays(verifiedAt, Date.parse(at))).toBe(days);
  });
});

describe('a yearly special week with none ahead is a warning, naming the file and field', () => {
  it.each([
    ['before the week', '2025-09-01T12:00+09:00', false],
    ['during the week', '2025-09-16T12:00+09:00', false],
    ['the minute it ends', '2025-09-17T08:00+09:00', true],
    ['a year on', '2026-12-05T12:00+09:00', true],
  ])('%s (%s): %s', (_name, at, warns) => {
    const warnings = findStaleSpecialPeriods(content, CONTENT_FILES, Date.parse(at));
    if (!warns) expect(warnings).toEqual([]);
    else {
      expect(warnings).toEqual([
        expect.stringContaining('data/crisis.yaml: lines.inochi.phones[0].schedule.special: いのちの電話 has no special period after'),
      ]);
      expect(warnings[0]).toContain('(the last one ended 2025-09-17 8:00): add the next one once it is announced');
    }
  });
});
