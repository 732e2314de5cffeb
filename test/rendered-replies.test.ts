import { checkRenderedContent, loadContent } from '../src/adapters/content/load-content';
import { ContentError } from '../src/core/errors';
import { openness } from '../src/core/hours/openness';
import { readHoursAt } from '../src/core/hours/read-hours-at';
import { distinctOpeningInstants } from '../src/core/render/check-rendered-replies';
import { loadWith, type Defect, type Doc } from './helpers/load-content-with';
import { ROOT } from './helpers/test-bot';

/** A Saturday in December: the coming week, a holiday, the 10th and the New Year are all within reach. */
const NOW = Date.parse('2026-12-05T12:00+09:00');
const ICONS = { iconBaseUrl: 'https://bot.example.jp', pagesBaseUrl: 'https://bot.example.jp' };

const agency = (agencies: Doc[], id: string): Doc => agencies.find((a) => a.id === id) as Doc;

/** Loads the content with one change, then renders and checks every reply as start-up and npm run validate do. */
function validateWith(defect: Defect, options = ICONS): unknown {
  return loadWith(defect, (content) => checkRenderedContent(content, options, NOW));
}

describe('every reply the content can render is within LINE’s limits and routes no one wrongly', () => {
  it.each([
    ['without channel icons', {}],
    ['with channel icons', ICONS],
  ])('the real content, %s', (_name, options) => {
    expect(() => checkRenderedContent(loadContent(ROOT), options, NOW)).not.toThrow();
  });

  it.each<[string, Defect, RegExp[], RegExp[]]>([
    [
      'a result with 11 windows: fine in Japanese, 13 cards once the windows that speak the reader’s language join',
      ({ flow, agencies }) => {
        // A window that turns every case away would be refused at load; this one is made to take them.
        agency(agencies, 'internet_hotline_center').doesNotTake = [];
        const more = ['mamorouyokokoro', 'houterasu', 'lawyer', 'police_emergency', 'police_cyber', 'ipa', 'internet_hotline_center'];
        flow.results.delete_all.agencies.push(...more.map((id) => ({ id })));
        // With the crisis card and the first-step card, the reply has room for one carousel: no splitting.
        flow.results.delete_all.crisisLines = true;
      },
      [
        /^flows\/triage\.yaml: /,
        /rendered reply: \[en\] results\.delete_all at 2026-12-05T\d\d:\d\d\+09:00: \/messages\/\d\/contents: 13 bubbles \(max 12\)/,
        /rendered reply: \[ja-easy\] results\.delete_all at .*: 13 bubbles \(max 12\)/,
      ],
      [/\[ja\] /],
    ],
    [
      'the English window beside みんなの人権110番 turns defamation away: a misroute only in the other languages',
      ({ agencies }) => (agency(agencies, 'jinken_foreign').doesNotTake = ['defamation']),
      [/rendered reply: \[en\] results\.delete_rights: "jinken_foreign" does not take defamation \(doesNotTake, shown in en beside "jinken"\)/],
      [/\[ja\] /],
    ],
    [
      'ten windows whose web pages have long addresses: fits in Japanese, past 50 kB once the windows for the reader’s language join',
      ({ flow, agencies }) => {
        flow.results.delete_all.agencies.push(...['mamorouyokokoro', 'houterasu', 'lawyer', 'police_emergency', 'police_cyber', 'ipa'].map((id) => ({ id })));
        flow.results.delete_all.crisisLines = true;
        for (const each of agencies) for (const link of each.links ?? []) link.url = `https://example.jp/${'a'.repeat(980)}`;
      },
      [
        /rendered reply: \[en\] results\.delete_all at .*: \/messages\/\d\/contents: carousel is 5\d{4} bytes \(max 50000\)/,
        /rendered reply: \[ja-easy\] results\.delete_all at .*: carousel is 5\d{4} bytes/,
      ],
      [/\[ja\] /, /\[en\] results\.delete_all.*\n.*\[en\] results\.delete_all/],
    ],
  ])('%s', (_name, defect, expected, absent) => {
    const error = validateWith(defect);
    expect(error).toBeInstanceOf(ContentError);
    const { message } = error as ContentError;
    for (const pattern of expected) expect(message).toMatch(pattern);
    for (const pattern of absent) expect(message).not.toMatch(pattern);
  });
});

it('the instants rendered show lines open, closed, closed for the New Year, unknown and round the clock', () => {
  const content = loadContent(ROOT);
  const instants = distinctOpeningInstants(content, NOW);
  const schedules = [...content.agencies.values()].flatMap((a) => a.phones.map((p) => p.schedule));
  const states = new Set(instants.flatMap((instant) => schedules.map((schedule) => openness(schedule, instant).state)));
  expect([...states].sort()).toEqual(['always', 'closed', 'open', 'unknown']);
  const texts = new Set(instants.flatMap((instant) => schedules.map((schedule) => readHoursAt(content.hours, instant).status(schedule).text)));
  // More than one way of being open and closed: until today, until tomorrow, from another day.
  expect(texts.size).toBeGreaterThan(8);
});
