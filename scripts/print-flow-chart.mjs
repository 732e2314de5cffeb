// Prints the Mermaid chart of flows/triage.yaml for the README, from the compiled code:
//   npm run flow:chart
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const { loadContent } = require('../dist/src/adapters/content/load-content.js');
const { flowToMermaid } = require('../dist/src/core/flow/flow-to-mermaid.js');

const { flow, agencies } = loadContent(process.cwd());
console.log(flowToMermaid(flow, agencies));
