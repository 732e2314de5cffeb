import type { Agency } from '../agencies/agency';
import type { Flow } from './flow';

/**
 * Draws the flow as a Mermaid chart for the README: questions as rounded boxes, options as labelled arrows,
 * results as boxes listing their agencies. A test checks the README holds the current chart.
 */
export function flowToMermaid(flow: Flow, agencies: ReadonlyMap<string, Agency>): string {
  const lines = ['flowchart LR'];
  for (const question of Object.values(flow.questions)) {
    lines.push(`  ${question.id}(["${question.text}"])`);
    for (const option of question.options) lines.push(`  ${question.id} -- "${option.label}" --> ${option.next}`);
  }
  for (const result of Object.values(flow.results)) {
    const names = result.agencies.map(({ id }) => agencies.get(id)?.name ?? id);
    lines.push(`  ${result.id}["${names.join('<br/>')}"]`);
  }
  return lines.join('\n');
}
