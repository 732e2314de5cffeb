import { fillTemplate } from '../fill-template';
import type { FlowEvent } from '../flow/compile-flow';
import type { Engine } from './engine';
import type { Snapshot } from './flow-states';
import type { ReplyPart } from './reply';
import type { Session } from './session';
import type { Outcome, StepResult } from './step-result';

/*
 * The moves typed text and taps share: each builds the next place through engine.states and the reply that shows it.
 */

/** An option chosen at `questionId` (a tap on any button, or its label typed), wherever the person is now. */
export function chooseFrom(engine: Engine, at: Snapshot, questionId: string, optionId: string): StepResult {
  const question = engine.content.flow.questions[questionId];
  const from = question && rewindTo(engine, at, questionId);
  if (!from || !question.options.some((o) => o.id === optionId)) {
    return ask(engine, at, 'stale', engine.content.flow.messages.stale);
  }
  return move(engine, from, { type: 'CHOOSE', optionId });
}

/** 戻る pressed while at `fromId`: one question back from there, wherever the person is now. */
export function back(engine: Engine, at: Snapshot, fromId: string): StepResult {
  if (fromId === engine.content.flow.start) return ask(engine, engine.states.initial, 'asked');
  const from = rewindTo(engine, at, fromId);
  if (!from) return ask(engine, at, 'stale', engine.content.flow.messages.stale);
  return move(engine, from, { type: 'BACK' });
}

/** The place as it was when `nodeId` was shown (see GOTO in compile-flow.ts), or undefined if there is no such node. */
export function rewindTo(engine: Engine, at: Snapshot, nodeId: string): Snapshot | undefined {
  const snapshot = engine.states.next(at, { type: 'GOTO', nodeId });
  return snapshot.value === nodeId ? snapshot : undefined;
}

export function move(engine: Engine, from: Snapshot, event: FlowEvent): StepResult {
  const snapshot = engine.states.next(from, event);
  const result = engine.content.flow.results[snapshot.value];
  if (result) {
    return {
      session: toSession(engine, snapshot),
      reply: [
        { kind: 'result', resultId: result.id },
        { kind: 'after-result', resultId: result.id, followsCards: true },
      ],
      outcome: 'result',
      resultId: result.id,
    };
  }
  return ask(engine, snapshot, 'asked');
}

/** Shows where the person is: the current question, or after a result its closing buttons. */
export function ask(engine: Engine, at: Snapshot, outcome: Outcome, intro?: string): StepResult {
  return { session: toSession(engine, at), reply: [prompt(engine, at, intro)], outcome };
}

export function prompt(engine: Engine, at: Snapshot, intro?: string): ReplyPart {
  return at.value in engine.content.flow.results
    ? { kind: 'after-result', resultId: at.value, ...(intro && { intro }) }
    : { kind: 'question', questionId: at.value, ...(intro && { intro }) };
}

export function crisisReply(engine: Engine, at: Snapshot): StepResult {
  const { messages } = engine.content.flow;
  return {
    session: toSession(engine, at),
    reply: [{ kind: 'text', text: messages.crisisIntro }, { kind: 'crisis-card' }, prompt(engine, at, messages.afterCrisis)],
    outcome: 'crisis',
  };
}

/** A card beside the conversation (証拠の残し方, the services' report pages): the person stays where they are, with the same buttons after it. */
export function guidanceReply(engine: Engine, at: Snapshot, card: 'evidence' | 'platforms'): StepResult {
  return {
    session: toSession(engine, at),
    reply: [{ kind: card === 'evidence' ? 'evidence-card' : 'platforms-card' }, prompt(engine, at)],
    outcome: card,
  };
}

/** What this account does and keeps (with the real session lifetime), then where the person was. */
export function aboutReply(engine: Engine, at: Snapshot): StepResult {
  const { messages } = engine.content.flow;
  return {
    session: toSession(engine, at),
    reply: [
      { kind: 'text', text: fillTemplate(messages.about, { ttlMinutes: engine.sessionTtlMinutes }) },
      prompt(engine, at, messages.afterAbout),
    ],
    outcome: 'about',
  };
}

export function greet(engine: Engine): StepResult {
  const { messages } = engine.content.flow;
  const start = engine.states.initial;
  return {
    session: toSession(engine, start),
    reply: [
      { kind: 'text', text: `${messages.greeting}\n${fillTemplate(messages.privacy, { ttlMinutes: engine.sessionTtlMinutes })}` },
      prompt(engine, start),
    ],
    outcome: 'greeted',
  };
}

/**
 * A saved session is used wherever its place still exists, whichever version of the flow saved it: during a
 * rolling deploy a person's events reach replicas of both versions.
 */
export function restore(engine: Engine, saved: Session | undefined): Snapshot | undefined {
  return saved && engine.states.restore(saved.snapshot);
}

export function toSession(engine: Engine, snapshot: Snapshot, wrongQuestionId?: string): Session {
  return { flowVersion: engine.content.flow.version, snapshot, ...(wrongQuestionId && { wrongQuestionId }) };
}

/** Asks `questionId` again, with the history it had (the ちがう chip, or ちがう typed): undefined if the flow lost it. */
export function askAgain(engine: Engine, at: Snapshot, questionId: string): StepResult | undefined {
  const from = questionId in engine.content.flow.questions ? rewindTo(engine, at, questionId) : undefined;
  return from && ask(engine, from, 'asked');
}
