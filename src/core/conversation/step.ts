import { detectCrisis } from '../crisis/crisis';
import { assertNever } from '../errors';
import type { FlowEvent } from '../flow/compile-flow';
import { decodePostback } from '../postback';
import type { BotEvent } from './bot-event';
import type { Engine } from './engine';
import { normalizeInput } from './normalize-input';
import type { ReplyPart } from './reply';
import type { Session } from './session';

/** How an event was handled, for the log line (never the person's words). */
export type Outcome =
  | 'greeted'
  | 'asked'
  | 'result'
  | 'crisis'
  | 'fallback'
  | 'stale'
  | 'forgotten'
  | 'group-note';

export interface StepResult {
  /** The session to save, or null to delete it. */
  readonly session: Session | null;
  readonly reply: readonly ReplyPart[];
  readonly outcome: Outcome;
  readonly resultId?: string;
}

type Snapshot = Session['snapshot'];

/**
 * The conversation's pure core: from the saved session and what the person did, the next session and the reply.
 * A missing, expired or out-of-date session starts from the first question.
 */
export function step(engine: Engine, saved: Session | undefined, event: BotEvent): StepResult {
  const { flow } = engine.content;
  const current = restore(engine, saved);
  switch (event.type) {
    case 'follow':
      return greet(engine);
    case 'unfollow':
      return { session: null, reply: [], outcome: 'forgotten' };
    case 'in-group':
      // No conversation runs in a group, but someone there who speaks of dying still gets the crisis card.
      if (event.text !== undefined && detectCrisis(engine.content.crisis, event.text)) {
        return {
          session: null,
          reply: [{ kind: 'text', text: flow.messages.crisisIntro }, { kind: 'crisis-card' }, { kind: 'text', text: flow.messages.groupOnly }],
          outcome: 'crisis',
        };
      }
      return { session: null, reply: [{ kind: 'text', text: flow.messages.groupOnly }], outcome: 'group-note' };
    case 'other-message':
      return current ? ask(engine, current, 'fallback', flow.messages.fallback) : greet(engine);
    case 'text':
      return onText(engine, current, event.text);
    case 'postback':
      return onPostback(engine, current, event.data);
    default:
      return assertNever(event);
  }
}

function onText(engine: Engine, current: Snapshot | undefined, text: string): StepResult {
  const { flow, crisis } = engine.content;
  const typed = normalizeInput(text);
  const at = current ?? initial(engine);
  if (typed === normalizeInput(flow.messages.labels.restart) || typed === 'はじめから') {
    return move(engine, at, { type: 'RESTART' });
  }
  if (typed === normalizeInput(flow.messages.labels.back)) return back(engine, at, at.value);
  const question = flow.questions[at.value];
  const option = question?.options.find(
    (o, index) =>
      typed === String(index + 1) || typed === normalizeInput(o.label) || typed === normalizeInput(o.displayText),
  );
  if (option) return move(engine, at, { type: 'CHOOSE', optionId: option.id });
  if (detectCrisis(crisis, text)) return crisisReply(engine, at);
  return current ? ask(engine, current, 'fallback', flow.messages.fallback) : greet(engine);
}

function onPostback(engine: Engine, current: Snapshot | undefined, data: string): StepResult {
  const { flow } = engine.content;
  const postback = decodePostback(data);
  const at = current ?? initial(engine);
  if (!postback) return ask(engine, at, 'stale', flow.messages.stale);
  switch (postback.action) {
    case 'restart':
      return move(engine, at, { type: 'RESTART' });
    case 'crisis':
      return crisisReply(engine, at);
    case 'back':
      return back(engine, at, postback.fromId);
    case 'choose': {
      const question = flow.questions[postback.questionId];
      const from = question && rewindTo(engine, at, postback.questionId);
      if (!from || !question.options.some((o) => o.id === postback.optionId)) {
        return ask(engine, at, 'stale', flow.messages.stale);
      }
      return move(engine, from, { type: 'CHOOSE', optionId: postback.optionId });
    }
    default:
      return assertNever(postback);
  }
}

/** 戻る pressed while at `fromId`: one question back from there, wherever the person is now. */
function back(engine: Engine, at: Snapshot, fromId: string): StepResult {
  if (fromId === engine.content.flow.start) return ask(engine, initial(engine), 'asked');
  const from = rewindTo(engine, at, fromId);
  if (!from) return ask(engine, at, 'stale', engine.content.flow.messages.stale);
  return move(engine, from, { type: 'BACK' });
}

/**
 * The snapshot as it was when `nodeId` was shown: the current one, an earlier step of this conversation, or the
 * shortest way there when the button came from an older conversation.
 */
function rewindTo(engine: Engine, at: Snapshot, nodeId: string): Snapshot | undefined {
  if (at.value === nodeId) return at;
  const index = at.context.history.indexOf(nodeId);
  if (index >= 0) return { value: nodeId, context: { history: at.context.history.slice(0, index) } };
  const path = engine.pathTo.get(nodeId);
  return path ? { value: nodeId, context: { history: path } } : undefined;
}

function move(engine: Engine, from: Snapshot, event: FlowEvent): StepResult {
  const snapshot = engine.transition(from, event);
  const result = engine.content.flow.results[snapshot.value];
  if (result) {
    return {
      session: toSession(engine, snapshot),
      reply: [
        { kind: 'result', resultId: result.id },
        { kind: 'after-result', resultId: result.id },
      ],
      outcome: 'result',
      resultId: result.id,
    };
  }
  return ask(engine, snapshot, 'asked');
}

/** Shows where the person is: the current question, or after a result its closing buttons. */
function ask(engine: Engine, at: Snapshot, outcome: Outcome, intro?: string): StepResult {
  return { session: toSession(engine, at), reply: [prompt(engine, at, intro)], outcome };
}

function prompt(engine: Engine, at: Snapshot, intro?: string): ReplyPart {
  return at.value in engine.content.flow.results
    ? { kind: 'after-result', resultId: at.value, ...(intro && { intro }) }
    : { kind: 'question', questionId: at.value, ...(intro && { intro }) };
}

function crisisReply(engine: Engine, at: Snapshot): StepResult {
  const { messages } = engine.content.flow;
  return {
    session: toSession(engine, at),
    reply: [{ kind: 'text', text: messages.crisisIntro }, { kind: 'crisis-card' }, prompt(engine, at, messages.afterCrisis)],
    outcome: 'crisis',
  };
}

function greet(engine: Engine): StepResult {
  const { messages } = engine.content.flow;
  const start = initial(engine);
  return {
    session: toSession(engine, start),
    reply: [
      { kind: 'text', text: `${messages.greeting}\n${messages.privacy.replace('{ttlMinutes}', String(engine.sessionTtlMinutes))}` },
      prompt(engine, start),
    ],
    outcome: 'greeted',
  };
}

function initial(engine: Engine): Snapshot {
  return { value: engine.content.flow.start, context: { history: [] } };
}

/** A saved session is used only if it belongs to this flow version and names a state that still exists. */
function restore(engine: Engine, saved: Session | undefined): Snapshot | undefined {
  if (!saved || saved.flowVersion !== engine.content.flow.version) return undefined;
  const { value } = saved.snapshot;
  const { flow } = engine.content;
  return value in flow.questions || value in flow.results ? saved.snapshot : undefined;
}

function toSession(engine: Engine, snapshot: Snapshot): Session {
  return { flowVersion: engine.content.flow.version, snapshot };
}
