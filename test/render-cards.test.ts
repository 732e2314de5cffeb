import { loadContent } from '../src/adapters/content/load-content';
import { renderAgencyCard } from '../src/core/render/render-agency-card';
import { renderCrisisCard } from '../src/core/render/render-crisis-card';
import { ROOT } from './helpers/test-bot';

/** Snapshots of the cards people see: review a change here like code (npx jest -u after checking the preview). */
const content = loadContent(ROOT);

it('renders an agency card with a paid number, hours, channels and the desktop fallback', () => {
  const houterasu = content.agencies.get('houterasu');
  if (!houterasu) throw new Error('houterasu is missing from data/agencies.yaml');
  expect(renderAgencyCard(houterasu, '損害賠償の相談', 'https://bot.example.jp')).toMatchSnapshot();
});

it('renders the crisis card', () => {
  expect(renderCrisisCard(content.crisis)).toMatchSnapshot();
});
