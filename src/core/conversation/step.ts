import { assertNever } from '../errors';
import type { FlowEvent } from '../flow/compile-flow';
import { decodePostback } from '../postback';
import type { Understood } from '../understanding/text-matcher';
import type { UnderstandingEntry } from '../understanding/understanding';
import type { BotEvent } from './bot-event';
import type { Engine } from './engine';
import type { Snapshot } from './flow-states';
import type { ReplyPart } from './reply';
import type { Session } from './session';

/** How an event was handled, for the log line (never the person's words). */
export type Outcome =
  | 'greeted'
  | 'about'
  | 'asked'
  | 'result'
  | 'crisis'
  | 'threat'
  | 'understood'
  | 'small-talk'
  | 'not-understood'
  | 'fallback'
  | 'stale'
  | 'forgotten'
  | 'group-note'
  | 'evidence'
  | 'platforms'
  | 'info-reported';

export interface StepResult {
  /** The session to save, or null to delete it. */
  readonly session: Session | null;
  readonly reply: readonly ReplyPart[];
  readonly outcome: Outcome;
  readonly resultId?: string;
  /** What typed text was understood as (an entry id of flows/understanding.yaml) and its score: never the text. */
  readonly match?: { readonly target: string; readonly score: number };
  /** The agency whose card got 「情報がちがう？」, so the operator knows what to re-check: no text, no user. */
  readonly reportedAgencyId?: string;
}

/**
 * The conversation's pure core: from the saved session and what the person did, the next session and the reply.
 * A missing, expired or out-of-date session starts from the first question. Every change of place goes through
 * engine.states (the compiled machine); this module only chooses the event and the words.
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
      if (event.text !== undefined && engine.matcher.understand(engine.matcher.normalize(event.text)).kind === 'crisis') {
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

/**
 * Typed text, in this order: a navigation button's label (or another way to type it); a button's label or an
 * option's number at the current question (as a tap); an option's label from another question (as a tap there:
 * the bot's own words, so 殺害予告・爆破予告など is a label, not a threat); crisis words; a threat; a clear
 * situation; a vague one; small talk (text-matcher.ts ranks these); else an apology that says what the bot can do.
 */
function onText(engine: Engine, current: Snapshot | undefined, text: string): StepResult {
  const { flow, understanding } = engine.content;
  const { matcher, states } = engine;
  const typed = matcher.normalize(text);
  const at = current ?? states.initial;
  const { navigation } = matcher;
  if (navigation.restart.includes(typed)) return move(engine, at, { type: 'RESTART' });
  // ちがう typed after a guess (a result or a question the bot jumped to) means "not this": one step back, as 戻る.
  if (navigation.back.includes(typed) || navigation.wrong.includes(typed)) return back(engine, at, at.value);
  if (typed === navigation.crisis) return crisisReply(engine, at);
  const question = flow.questions[at.value];
  const optionId =
    question?.options.find((_option, index) => typed === String(index + 1))?.id ??
    matcher.optionsLabelled(typed).find((o) => o.questionId === at.value)?.optionId;
  if (optionId) return move(engine, at, { type: 'CHOOSE', optionId });
  // The bot's own button words, typed: a tap there, even when they hold a crisis word (自殺へのさそい).
  const elsewhere = pickOption(matcher.optionsLabelled(typed), at);
  if (elsewhere) return chooseFrom(engine, at, elsewhere.questionId, elsewhere.optionId);

  const understood = matcher.understand(typed);
  if (understood.kind === 'crisis') return crisisReply(engine, at);
  if (understood.kind === 'nothing') return ask(engine, at, 'not-understood', understanding.messages.notUnderstood);
  return onUnderstood(engine, at, understood);
}

/** Among options labelled alike in several questions: the latest one this person passed, else the first in the flow. */
function pickOption<T extends { questionId: string }>(options: readonly T[], at: Snapshot): T | undefined {
  const { history } = at.context;
  for (let i = history.length - 1; i >= 0; i--) {
    const found = options.find((o) => o.questionId === history[i]);
    if (found) return found;
  }
  return options[0];
}

function onUnderstood(engine: Engine, at: Snapshot, understood: Exclude<Understood, { kind: 'crisis' } | { kind: 'nothing' }>): StepResult {
  const match = { target: understood.kind === 'entry' ? understood.entry.id : 'several', score: understood.score };
  if (understood.kind === 'several') {
    const intro = engine.content.understanding.messages.several;
    return { ...jumpToQuestion(engine, at, understood.questionId, understood.guessOptionId, intro), outcome: 'understood', match };
  }
  const { entry } = understood;
  const outcome = entry.tier === 'threat' ? 'threat' : entry.tier === 'small-talk' ? 'small-talk' : 'understood';
  return { ...answerEntry(engine, at, entry), outcome, match };
}

function answerEntry(engine: Engine, at: Snapshot, entry: UnderstandingEntry): Omit<StepResult, 'outcome'> {
  const { target, understood } = entry;
  switch (target.kind) {
    case 'result':
      return showResult(engine, engine.states.next(at, { type: 'GOTO', nodeId: target.resultId }), understood, target.wrongQuestionId);
    case 'option': {
      const snapshot = engine.states.next(engine.states.next(at, { type: 'GOTO', nodeId: target.questionId }), {
        type: 'CHOOSE',
        optionId: target.optionId,
      });
      return snapshot.value in engine.content.flow.results
        ? showResult(engine, snapshot, understood, target.questionId)
        : { session: toSession(engine, snapshot), reply: [prompt(engine, snapshot, understood)] };
    }
    case 'question':
      return jumpToQuestion(engine, at, target.questionId, target.guessOptionId, understood);
    case 'say': {
      const place = target.then === 'first-question' ? engine.states.initial : at;
      return { session: toSession(engine, place), reply: [prompt(engine, place, target.text)] };
    }
    default:
      return assertNever(target);
  }
}

function jumpToQuestion(engine: Engine, at: Snapshot, questionId: string, firstOptionId: string, intro: string | undefined) {
  const snapshot = engine.states.next(at, { type: 'GOTO', nodeId: questionId });
  return {
    session: toSession(engine, snapshot),
    reply: [{ kind: 'question', questionId, firstOptionId, ...(intro && { intro }) } satisfies ReplyPart],
  };
}

function showResult(engine: Engine, snapshot: Snapshot, intro: string | undefined, wrongQuestionId: string) {
  const resultId = snapshot.value;
  return {
    session: toSession(engine, snapshot),
    reply: [
      { kind: 'result', resultId, ...(intro && { intro }) },
      { kind: 'after-result', resultId, wrongQuestionId },
    ] satisfies ReplyPart[],
    resultId,
  };
}

function onPostback(engine: Engine, current: Snapshot | undefined, data: string): StepResult {
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
    case 'ask': {
      const from = postback.questionId in flow.questions ? rewindTo(engine, at, postback.questionId) : undefined;
      return from ? ask(engine, from, 'asked') : ask(engine, at, 'stale', flow.messages.stale);
    }
    case 'evidence':
    case 'platforms':
      // A card beside the conversation: the person stays where they are, with the same buttons after it.
      return {
        session: toSession(engine, at),
        reply: [{ kind: postback.action === 'evidence' ? 'evidence-card' : 'platforms-card' }, prompt(engine, at)],
        outcome: postback.action,
      };
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

/** An option chosen at `questionId` (a tap on any button, or its label typed), wherever the person is now. */
function chooseFrom(engine: Engine, at: Snapshot, questionId: string, optionId: string): StepResult {
  const question = engine.content.flow.questions[questionId];
  const from = question && rewindTo(engine, at, questionId);
  if (!from || !question.options.some((o) => o.id === optionId)) {
    return ask(engine, at, 'stale', engine.content.flow.messages.stale);
  }
  return move(engine, from, { type: 'CHOOSE', optionId });
}

/** 戻る pressed while at `fromId`: one question back from there, wherever the person is now. */
function back(engine: Engine, at: Snapshot, fromId: string): StepResult {
  if (fromId === engine.content.flow.start) return ask(engine, engine.states.initial, 'asked');
  const from = rewindTo(engine, at, fromId);
  if (!from) return ask(engine, at, 'stale', engine.content.flow.messages.stale);
  return move(engine, from, { type: 'BACK' });
}

/** The place as it was when `nodeId` was shown (see GOTO in compile-flow.ts), or undefined if there is no such node. */
function rewindTo(engine: Engine, at: Snapshot, nodeId: string): Snapshot | undefined {
  const snapshot = engine.states.next(at, { type: 'GOTO', nodeId });
  return snapshot.value === nodeId ? snapshot : undefined;
}

function move(engine: Engine, from: Snapshot, event: FlowEvent): StepResult {
  const snapshot = engine.states.next(from, event);
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

/** What this account does and keeps (with the real session lifetime), then where the person was. */
function aboutReply(engine: Engine, at: Snapshot): StepResult {
  const { messages } = engine.content.flow;
  return {
    session: toSession(engine, at),
    reply: [
      { kind: 'text', text: messages.about.replace('{ttlMinutes}', String(engine.sessionTtlMinutes)) },
      prompt(engine, at, messages.afterAbout),
    ],
    outcome: 'about',
  };
}

function greet(engine: Engine): StepResult {
  const { messages } = engine.content.flow;
  const start = engine.states.initial;
  return {
    session: toSession(engine, start),
    reply: [
      { kind: 'text', text: `${messages.greeting}\n${messages.privacy.replace('{ttlMinutes}', String(engine.sessionTtlMinutes))}` },
      prompt(engine, start),
    ],
    outcome: 'greeted',
  };
}

/**
 * Shows the person where they are, with `intro` before it: the current question, or after a result its closing
 * buttons; a newcomer (or an expired session) is greeted. Used when the language changes mid-conversation.
 */
export function resume(engine: Engine, saved: Session | undefined, intro: string): StepResult {
  const current = restore(engine, saved);
  return current ? ask(engine, current, 'asked', intro) : greet(engine);
}

/** A saved session is used only if it belongs to this flow version and names a state that still exists. */
function restore(engine: Engine, saved: Session | undefined): Snapshot | undefined {
  if (!saved || saved.flowVersion !== engine.content.flow.version) return undefined;
  return engine.states.restore(saved.snapshot);
}

function toSession(engine: Engine, snapshot: Snapshot): Session {
  return { flowVersion: engine.content.flow.version, snapshot };
}
