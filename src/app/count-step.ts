import type { BotEvent } from '../core/conversation/bot-event';
import type { Session } from '../core/conversation/session';
import type { LocalizedStepResult } from '../core/conversation/step-in-language';
import type { Flow } from '../core/flow/flow';
import type { CountedStep } from './ports';

/**
 * Reduces one step to what the operator counts. A question counts as asked when the person arrives at it (or is
 * greeted with it), not when it is asked again after an answer the bot could not use; it counts as answered when
 * the person moves on from it (it is then the last question of their history). So asked − answered, per question,
 * is where people stop.
 */
export function toCountedStep(flow: Flow, saved: Session | undefined, event: BotEvent, result: LocalizedStepResult): CountedStep {
  const value = saved?.snapshot.value;
  const before = value !== undefined && (Object.hasOwn(flow.questions, value) || Object.hasOwn(flow.results, value)) ? value : undefined;
  const after = result.session?.snapshot;
  const arrived = after !== undefined && (after.value !== before || result.outcome === 'greeted');
  const movedOn = before !== undefined && before in flow.questions && after?.value !== before && after?.context.history.at(-1) === before;
  return {
    event: event.type,
    outcome: result.outcome,
    resultId: result.resultId,
    askedQuestionId: arrived && after.value in flow.questions ? after.value : undefined,
    answeredQuestionId: movedOn ? before : undefined,
    understoodAs: result.match?.target,
    crisisCardShown: result.reply.some((part) => part.kind === 'crisis-card'),
    reportedAgencyId: result.reportedAgencyId,
  };
}
