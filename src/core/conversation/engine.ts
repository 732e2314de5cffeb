import type { Content } from '../content';
import { compileFlow, type FlowMachine } from '../flow/compile-flow';

/** The compiled flow and what is derived from it once, shared by every conversation. */
export interface Engine {
  readonly content: Content;
  readonly machine: FlowMachine;
  /** For each question, the questions on the shortest way to it: its history when reached afresh. */
  readonly pathTo: ReadonlyMap<string, readonly string[]>;
  /** Told to the person in the privacy note. */
  readonly sessionTtlMinutes: number;
}

export function createEngine(content: Content, options: { sessionTtlMinutes: number }): Engine {
  const { flow } = content;
  const pathTo = new Map<string, readonly string[]>([[flow.start, []]]);
  const queue = [flow.start];
  for (let id = queue.shift(); id !== undefined; id = queue.shift()) {
    for (const option of flow.questions[id]?.options ?? []) {
      if (!pathTo.has(option.next) && option.next in flow.questions) {
        pathTo.set(option.next, [...(pathTo.get(id) ?? []), id]);
        queue.push(option.next);
      }
    }
  }
  return { content, machine: compileFlow(flow), pathTo, sessionTtlMinutes: options.sessionTtlMinutes };
}
