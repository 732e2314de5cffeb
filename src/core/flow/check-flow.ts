import type { Flow } from './flow';
import { findShortestPaths } from './shortest-paths';

/** Every result must be at most this many taps from the first question (the product's promise). */
export const MAX_TAPS_TO_RESULT = 4;

/**
 * Checks what a schema cannot: references between nodes and agencies, reachability, and depth.
 * Returns problems as "field: message" so the caller can name the file.
 */
export function checkFlow(flow: Flow, agencyIds: ReadonlySet<string>): string[] {
  const problems: string[] = [];
  const isNode = (id: string): boolean => id in flow.questions || id in flow.results;

  if (!(flow.start in flow.questions)) problems.push(`start: "${flow.start}" is not a question`);
  for (const id of Object.keys(flow.questions)) {
    if (id in flow.results) problems.push(`results.${id}: the id is also a question`);
  }
  for (const question of Object.values(flow.questions)) {
    const optionIds = new Set<string>();
    const labels = new Set<string>();
    question.options.forEach((option, index) => {
      const at = `questions.${question.id}.options[${index}]`;
      if (!isNode(option.next)) problems.push(`${at}.next: "${option.next}" is neither a question nor a result`);
      if (option.next === question.id) problems.push(`${at}.next: an option cannot lead back to its own question`);
      if (optionIds.has(option.id)) problems.push(`${at}.id: duplicate option id "${option.id}"`);
      if (labels.has(option.label)) problems.push(`${at}.label: duplicate label "${option.label}"`);
      optionIds.add(option.id);
      labels.add(option.label);
    });
  }
  for (const result of Object.values(flow.results)) {
    const { redirect } = result;
    if (redirect && !flow.questions[redirect.question]?.options.some((o) => o.id === redirect.option)) {
      problems.push(`results.${result.id}.redirect: question "${redirect.question}" has no option "${redirect.option}"`);
    }
    result.agencies.forEach((agency, index) => {
      if (!agencyIds.has(agency.id)) {
        problems.push(`results.${result.id}.agencies[${index}].id: unknown agency "${agency.id}" (not in data/agencies.yaml)`);
      }
    });
  }
  if (problems.length > 0) return problems;

  const paths = findShortestPaths(flow);
  for (const id of [...Object.keys(flow.questions), ...Object.keys(flow.results)]) {
    const kind = id in flow.questions ? 'questions' : 'results';
    const taps = paths.get(id)?.length;
    if (taps === undefined) problems.push(`${kind}.${id}: cannot be reached from start`);
    else if (kind === 'results' && taps > MAX_TAPS_TO_RESULT) {
      problems.push(`results.${id}: takes ${taps} taps from start (at most ${MAX_TAPS_TO_RESULT})`);
    }
  }
  problems.push(...checkNarrowing(flow));
  return problems;
}

/**
 * The narrowing chips lead to results, from results; every question has a result for vague descriptions, so typed
 * text never answers with a bare question.
 */
function checkNarrowing(flow: Flow): string[] {
  const problems: string[] = [];
  const { narrowing } = flow;
  const isResult = (id: string) => Object.hasOwn(flow.results, id);
  const chipIds = new Set<string>();
  const labels = new Set<string>();
  narrowing.options.forEach((option, index) => {
    const at = `narrowing.options[${index}]`;
    if (!isResult(option.next)) problems.push(`${at}.next: "${option.next}" is not a result`);
    if (chipIds.has(option.id)) problems.push(`${at}.id: duplicate chip id "${option.id}"`);
    if (labels.has(option.label)) problems.push(`${at}.label: duplicate label "${option.label}"`);
    chipIds.add(option.id);
    labels.add(option.label);
  });
  for (const [resultId, targets] of Object.entries(narrowing.results)) {
    if (!isResult(resultId)) problems.push(`narrowing.results.${resultId}: not a result`);
    for (const [chipId, target] of Object.entries(targets)) {
      if (!chipIds.has(chipId)) problems.push(`narrowing.results.${resultId}.${chipId}: not a chip of narrowing.options`);
      if (!isResult(target)) problems.push(`narrowing.results.${resultId}.${chipId}: "${target}" is not a result`);
    }
  }
  for (const [questionId, resultId] of Object.entries(narrowing.vague)) {
    if (!Object.hasOwn(flow.questions, questionId)) problems.push(`narrowing.vague.${questionId}: not a question`);
    if (!isResult(resultId)) problems.push(`narrowing.vague.${questionId}: "${resultId}" is not a result`);
  }
  for (const questionId of Object.keys(flow.questions)) {
    if (!Object.hasOwn(narrowing.vague, questionId)) problems.push(`narrowing.vague: no result for the question "${questionId}"`);
  }
  return problems;
}
