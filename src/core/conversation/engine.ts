import { transition } from 'xstate';
import type { Content } from '../content';
import { compileFlow, type FlowContext, type FlowEvent, type FlowMachine } from '../flow/compile-flow';
import { findShortestPaths } from '../flow/shortest-paths';
import type { Session } from './session';

type Snapshot = Session['snapshot'];

/** Bounds the transition memo; the flow's reachable (state, history, event) triples are far fewer. */
const TRANSITION_MEMO_LIMIT = 10_000;

/** The compiled flow and what is derived from it once, shared by every conversation. */
export interface Engine {
  readonly content: Content;
  readonly machine: FlowMachine;
  /** For each question, the questions on the shortest way to it: its history when reached afresh. */
  readonly pathTo: ReadonlyMap<string, readonly string[]>;
  /** Told to the person in the privacy note. */
  readonly sessionTtlMinutes: number;
  /** The machine's next snapshot (pure; memoised, see createEngine). */
  transition(from: Snapshot, event: FlowEvent): Snapshot;
}

export function createEngine(content: Content, options: { sessionTtlMinutes: number }): Engine {
  const { flow } = content;
  const pathTo = new Map([...findShortestPaths(flow)].filter(([id]) => id in flow.questions));
  const machine = compileFlow(flow);
  // Transitions are pure and the flow is finite, so each (state, history, event) is asked of XState once and the
  // snapshot shared after that: XState's transition() builds an actor and the initial state on every call, which
  // was most of the CPU our logic added to an event (docs/benchmarks.md).
  const memo = new Map<string, Snapshot>();
  const next = (from: Snapshot, event: FlowEvent): Snapshot => {
    const key = `${from.value}|${from.context.history.join(',')}|${event.type === 'CHOOSE' ? `CHOOSE:${event.optionId}` : event.type}`;
    const known = memo.get(key);
    if (known) return known;
    const [snapshot] = transition(machine, machine.resolveState(from), event);
    const result: Snapshot = { value: String(snapshot.value), context: snapshot.context as FlowContext };
    if (memo.size >= TRANSITION_MEMO_LIMIT) memo.clear();
    memo.set(key, result);
    return result;
  };
  return { content, machine, pathTo, sessionTtlMinutes: options.sessionTtlMinutes, transition: next };
}
