import { assertNever } from '../errors';
import { narrowingChips } from '../flow/narrowing';
import { decodePostback } from '../postback';
import type { Engine } from './engine';
import type { Snapshot } from './flow-states';
import { aboutReply, ask, askAgain, back, chooseFrom, crisisReply, guidanceReply, move } from './moves';
import type { StepResult } from './step-result';

/**
 * A tap on one of the bot's buttons. Postback data names the question it was shown at, so a tap on an older button
 * still means what it said (see rewindTo); data the flow no longer knows answers 「古いボタン」 (stale).
 */
export function answerPostback(engine: Engine, current: Snapshot | undefined, data: string): StepResult {
  const { flow } = engine.content;
  const postback = decodePostback(data);
  const at = current ?? engine.states.initial;
  if (!postback) return ask(engine, at, 'stale', flow.messages.stale);
  switch (postback.action) {
    case 'restart':
      return move(engine, at, { type: 'RESTART' });
    case 'crisis':
      return crisisReply(engine, at);
    case 'about':
      return aboutReply(engine, at);
    case 'back':
      return back(engine, at, postback.fromId);
    case 'choose':
      return chooseFrom(engine, at, postback.questionId, postback.optionId);
    case 'narrow': {
      const chip = narrowingChips(flow, postback.fromId).find((o) => o.id === postback.optionId);
      return chip ? move(engine, at, { type: 'GOTO', nodeId: chip.next }) : ask(engine, at, 'stale', flow.messages.stale);
    }
    case 'ask':
      return askAgain(engine, at, postback.questionId) ?? ask(engine, at, 'stale', flow.messages.stale);
    case 'evidence':
    case 'platforms':
      return guidanceReply(engine, at, postback.action);
    case 'report-info':
      if (!engine.content.agencies.has(postback.agencyId)) return ask(engine, at, 'stale', flow.messages.stale);
      return {
        ...ask(engine, at, 'info-reported', flow.messages.cards.reportThanks),
        reportedAgencyId: postback.agencyId,
      };
    default:
      return assertNever(postback);
  }
}
