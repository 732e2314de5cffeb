import { initialTransition, transition } from 'xstate';
import { compileFlow, type FlowContext, type FlowEvent, type FlowMachine } from '../flow/compile-flow';
import type { Flow } from '../flow/flow';
import type { Session } from './session';

export type Snapshot = Session['snapshot'];

/**
 * The one owner of state changes. Every new place in the flow (a tap, 戻る, 最初から, an older button, a jump from
 * typed text) is an event of the compiled XState machine; nothing else builds a snapshot. The conversation (moves.ts)
 * only decides which event to send and what to say.
 */
export interface FlowStates {
  readonly machine: FlowMachine;
  /** The first question, with no history. */
  readonly initial: Snapshot;
  /** The machine's next snapshot; the same one when the event does not apply there. Pure. */
  next(from: Snapshot, event: FlowEvent): Snapshot;
  /** A saved snapshot if it still names a question or result of this flow, and only questions in its history. */
  restore(saved: Snapshot): Snapshot | undefined;
}

/** Bounds the transition memo; the flow's reachable (state, history, event) triples are far fewer. */
const TRANSITION_MEMO_LIMIT = 10_000;

export function createFlowStates(flow: Flow): FlowStates {
  const machine = compileFlow(flow);
  const toSnapshot = (snapshot: { value: unknown; context: unknown }): Snapshot => ({
    value: String(snapshot.value),
    context: snapshot.context as FlowContext,
  });
  // Transitions are pure and the flow is finite, so each (state, history, event) is asked of XState once and the
  // snapshot shared after that: XState's transition() builds an actor and the initial state on every call
  // (docs/benchmarks.md), and shared snapshots keep sessions small.
  const memo = new Map<string, Snapshot>();
  const next = (from: Snapshot, event: FlowEvent): Snapshot => {
    const key = `${from.value}|${from.context.history.join(',')}|${event.type}:${'optionId' in event ? event.optionId : 'nodeId' in event ? event.nodeId : ''}`;
    const known = memo.get(key);
    if (known) return known;
    const result = toSnapshot(transition(machine, machine.resolveState(from), event)[0]);
    if (memo.size >= TRANSITION_MEMO_LIMIT) memo.clear();
    memo.set(key, result);
    return result;
  };
  return {
    machine,
    initial: toSnapshot(initialTransition(machine)[0]),
    next,
    // Own properties only: a stored state named `constructor` or `__proto__` is not a question (it made step() throw).
    // A session saved by another version of the flow (a rolling deploy runs two) keeps its place where that still
    // exists; questions of its way there that are gone are left out of it (戻る skips them).
    restore: (saved) => {
      const known = Object.hasOwn(flow.questions, saved.value) || Object.hasOwn(flow.results, saved.value);
      if (!known) return undefined;
      const history = saved.context.history.filter((id) => Object.hasOwn(flow.questions, id));
      return history.length === saved.context.history.length ? saved : { value: saved.value, context: { ...saved.context, history } };
    },
  };
}
