import { assign, setup } from 'xstate';
import type { Flow } from './flow';
import { findShortestPaths } from './shortest-paths';

/** What the machine remembers: the questions passed on the way here, for 戻る. */
export interface FlowContext {
  readonly history: readonly string[];
}

export type FlowEvent =
  | { readonly type: 'CHOOSE'; readonly optionId: string }
  | { readonly type: 'BACK' }
  | { readonly type: 'RESTART' }
  /**
   * Show a question or result directly: an older button, 「ちがう」, or typed text understood as a situation.
   * History becomes what it was when the node was last shown in this conversation, else the shortest way there.
   */
  | { readonly type: 'GOTO'; readonly nodeId: string };

function createFlowSetup() {
  return setup({
    types: { context: {} as FlowContext, events: {} as FlowEvent },
    guards: {
      choseOption: ({ event }, params: { optionId: string }) =>
        event.type === 'CHOOSE' && event.optionId === params.optionId,
      cameFrom: ({ context }, params: { questionId: string }) => context.history.at(-1) === params.questionId,
      goingTo: ({ event }, params: { nodeId: string }) => event.type === 'GOTO' && event.nodeId === params.nodeId,
    },
    actions: {
      pushHistory: assign({
        history: ({ context }, params: { questionId: string }) => [...context.history, params.questionId],
      }),
      popHistory: assign({ history: ({ context }) => context.history.slice(0, -1) }),
      clearHistory: assign({ history: () => [] }),
      rewindHistory: assign({
        history: ({ context }, params: { nodeId: string; shortestPath: readonly string[] }) => {
          const index = context.history.indexOf(params.nodeId);
          return index >= 0 ? context.history.slice(0, index) : params.shortestPath;
        },
      }),
    },
  });
}

export type FlowMachine = ReturnType<ReturnType<typeof createFlowSetup>['createMachine']>;

/**
 * Compiles the flow into an XState machine: one state per question (tagged `question`) and per result (tagged
 * `result`). CHOOSE is guarded by option id; BACK is guarded by the question we came from, so the machine stays
 * pure data with no dynamic targets, and xstate/graph can walk every path. GOTO is guarded by node id the same way:
 * on the node itself it changes nothing; from elsewhere it goes there with the history it would have had.
 */
export function compileFlow(flow: Flow): FlowMachine {
  const predecessors = new Map<string, Set<string>>();
  for (const question of Object.values(flow.questions)) {
    for (const option of question.options) {
      const from = predecessors.get(option.next) ?? new Set<string>();
      from.add(question.id);
      predecessors.set(option.next, from);
    }
  }
  const backTransitions = (id: string) =>
    [...(predecessors.get(id) ?? [])].map((questionId) => ({
      guard: { type: 'cameFrom' as const, params: { questionId } },
      target: questionId,
      actions: { type: 'popHistory' as const },
    }));

  const shortestPaths = findShortestPaths(flow);
  const stay = (id: string) => ({ guard: { type: 'goingTo' as const, params: { nodeId: id } } });
  const gotoTransitions = [...shortestPaths].map(([nodeId, shortestPath]) => ({
    guard: { type: 'goingTo' as const, params: { nodeId } },
    target: `.${nodeId}`,
    actions: { type: 'rewindHistory' as const, params: { nodeId, shortestPath } },
  }));

  const states = {
    ...Object.fromEntries(
      Object.values(flow.questions).map((question) => [
        question.id,
        {
          tags: ['question'],
          on: {
            CHOOSE: question.options.map((option) => ({
              guard: { type: 'choseOption' as const, params: { optionId: option.id } },
              target: option.next,
              actions: { type: 'pushHistory' as const, params: { questionId: question.id } },
            })),
            BACK: backTransitions(question.id),
            GOTO: stay(question.id),
          },
        },
      ]),
    ),
    ...Object.fromEntries(
      Object.keys(flow.results).map((id) => [id, { tags: ['result'], on: { BACK: backTransitions(id), GOTO: stay(id) } }]),
    ),
  };

  return createFlowSetup().createMachine({
    id: 'flow',
    initial: flow.start,
    context: { history: [] },
    on: { RESTART: { target: `.${flow.start}`, actions: { type: 'clearHistory' } }, GOTO: gotoTransitions },
    states,
  } as Parameters<ReturnType<typeof createFlowSetup>['createMachine']>[0]);
}

