import type { Flow } from './flow';

/**
 * For each node reachable from the first question, the questions passed on the fewest taps to it (breadth-first).
 * Its length is the number of taps; as a history it is where a person reached afresh would be.
 */
export function findShortestPaths(flow: Pick<Flow, 'start' | 'questions'>): Map<string, readonly string[]> {
  const paths = new Map<string, readonly string[]>([[flow.start, []]]);
  const queue = [flow.start];
  for (let id = queue.shift(); id !== undefined; id = queue.shift()) {
    for (const option of flow.questions[id]?.options ?? []) {
      if (!paths.has(option.next)) {
        paths.set(option.next, [...(paths.get(id) ?? []), id]);
        queue.push(option.next);
      }
    }
  }
  return paths;
}
