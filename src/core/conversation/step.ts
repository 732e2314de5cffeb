import { assertNever } from '../errors';
import type { BotEvent } from './bot-event';
import type { Engine } from './engine';
import { ask, greet, restore } from './moves';
import { answerPostback } from './postback-taps';
import type { Session } from './session';
import type { StepResult } from './step-result';
import { answerText, crisisInGroup } from './typed-text';

export type { Outcome, StepResult } from './step-result';

/**
 * The conversation's pure core: from the saved session and what the person did, the next session and the reply.
 * A missing or expired session starts from the first question; one saved by another version of the flow goes on
 * from its place where that still exists. This module only dispatches: typed text
 * is answered by typed-text.ts, button taps by postback-taps.ts, and every change of place goes through moves.ts
 * and engine.states (the compiled machine).
 */
export function step(engine: Engine, saved: Session | undefined, event: BotEvent): StepResult {
  const current = restore(engine, saved);
  const result = stepFrom(engine, current, event, current && saved?.wrongQuestionId);
  // A place another version of the flow saved and this one no longer has: say the questions changed, and start
  // again kindly, rather than "that button belongs to an earlier question".
  if (saved && !current && result.outcome === 'stale') {
    return ask(engine, engine.states.initial, 'flow-updated', engine.content.flow.messages.flowUpdated);
  }
  return result;
}

function stepFrom(engine: Engine, current: ReturnType<typeof restore>, event: BotEvent, wrongQuestionId: string | undefined): StepResult {
  switch (event.type) {
    case 'follow':
      return greet(engine);
    case 'unfollow':
      return { session: null, reply: [], outcome: 'forgotten' };
    case 'in-group':
      return crisisInGroup(engine, event.text);
    case 'other-message':
      return current ? ask(engine, current, 'fallback', engine.content.flow.messages.fallback) : greet(engine);
    case 'text':
      return answerText(engine, current, event.text, wrongQuestionId);
    case 'postback':
      return answerPostback(engine, current, event.data);
    default:
      return assertNever(event);
  }
}

/**
 * Shows the person where they are, with `intro` before it: the current question, or after a result its closing
 * buttons; a newcomer (or an expired session) is greeted. Used when the language changes mid-conversation.
 */
export function resume(engine: Engine, saved: Session | undefined, intro: string): StepResult {
  const current = restore(engine, saved);
  return current ? ask(engine, current, 'asked', intro) : greet(engine);
}
