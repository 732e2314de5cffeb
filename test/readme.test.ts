import { readFileSync } from 'node:fs';
import path from 'node:path';
import { loadContent } from '../src/adapters/content/load-content';
import { flowToMermaid } from '../src/core/flow/flow-to-mermaid';
import { ROOT } from './helpers/test-bot';

it('the README draws the current flow (npm run flow:chart)', () => {
  const { flow, agencies } = loadContent(ROOT);
  expect(readFileSync(path.join(ROOT, 'README.md'), 'utf8')).toContain(flowToMermaid(flow, agencies));
});
