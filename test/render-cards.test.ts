import { loadContent } from '../src/adapters/content/load-content';
import { readHoursAt } from '../src/core/hours/read-hours-at';
import { renderAgencyCard } from '../src/core/render/render-agency-card';
import { renderCrisisCard } from '../src/core/render/render-crisis-card';
import { renderEvidenceCard, renderPlatformsCard } from '../src/core/render/render-guidance-cards';
import { ROOT } from './helpers/test-bot';

/** Snapshots of the cards people see: review a change here like code (npx jest -u after checking the preview). */
const content = loadContent(ROOT);
const at = (iso: string) => readHoursAt(content.hours, Date.parse(iso));
const words = content.flow.messages.cards;
const style = (iconBaseUrl?: string) => ({ locale: 'ja' as const, texts: content.cards, iconBaseUrl });

function agency(id: string) {
  const found = content.agencies.get(id);
  if (!found) throw new Error(`${id} is missing from data/agencies.yaml`);
  return found;
}

it('renders an agency card with a paid number, hours, channels, the web form and the desktop fallback', () => {
  expect(renderAgencyCard(agency('houterasu'), '損害賠償の相談', style('https://bot.example.jp'), at('2027-01-12T10:00+09:00'), words)).toMatchSnapshot();
});

it('renders an agency card whose lines are open now', () => {
  expect(renderAgencyCard(agency('jinken'), undefined, style(), at('2027-01-12T10:00+09:00'), words)).toMatchSnapshot();
});

it('renders an agency card whose lines are closed now, keeping the call buttons', () => {
  expect(renderAgencyCard(agency('jinken'), undefined, style(), at('2027-01-11T22:30+09:00'), words)).toMatchSnapshot();
});

it('renders the crisis card with a line closed now', () => {
  expect(renderCrisisCard(content.crisis, at('2027-01-11T22:30+09:00'), style())).toMatchSnapshot();
});

it('renders 「証拠の残し方」 and the services’ report pages', () => {
  expect(renderEvidenceCard(content.evidence, content.flow.messages.labels.platforms)).toMatchSnapshot();
  expect(renderPlatformsCard(content.platforms, content.designatedPlatforms.duty.text)).toMatchSnapshot();
});
