import { assertNever } from '../errors';
import { narrowingChips, vagueResult } from '../flow/narrowing';
import type { Understood } from '../understanding/text-matcher';
import type { UnderstandingEntry } from '../understanding/understanding';
import type { Engine } from './engine';
import type { Snapshot } from './flow-states';
import { ask, askAgain, back, chooseFrom, crisisReply, guidanceReply, move, prompt, toSession } from './moves';
import type { ReplyPart } from './reply';
import type { StepResult } from './step-result';

/** One typed message, normalised once, at the person's place; `understood` is computed only if a rung asks. */
interface Typed {
  readonly engine: Engine;
  readonly at: Snapshot;
  readonly text: string;
  /** The question the 「ちがう」 chip under the last reply asks, if it had one. */
  readonly wrongQuestionId: string | undefined;
  understood(): Understood;
}

/** A rung answers the message or passes it down (undefined). */
type Rung = (typed: Typed) => StepResult | undefined;

/**
 * The precedence ladder of typed text: the first rung that answers wins.
 * 1. navigation words: 最初から, 戻る, ちがう ("not this": what the ちがう chip asks, else one step back), the crisis
 *    button's label, 証拠の残し方;
 * 2. the current question's option, by number or label: the tap itself (after a result: a narrowing chip's label);
 * 3. another question's option label: a tap there. The bot's own button words, so 殺害予告・爆破予告など is a label,
 *    not a threat, and 違法な情報・自殺へのさそい is not a crisis;
 * 4. crisis words (data/crisis.yaml): the crisis card, from anywhere;
 * 5. what flows/understanding.yaml and the trained classifier understand (text-matcher.ts ranks: threat, window
 *    named, clear, several, classifier confident, classifier unsure, vague, small talk): a described situation gets
 *    its windows in this first reply, with the narrowing chips under them;
 * and when none answers, the apology that says what the bot can do.
 */
const LADDER: readonly Rung[] = [
  navigationWord,
  currentOption,
  optionElsewhere,
  ({ engine, at, understood }) => (understood().kind === 'crisis' ? crisisReply(engine, at) : undefined),
  understoodEntry,
];

export function answerText(engine: Engine, current: Snapshot | undefined, text: string, wrongQuestionId?: string): StepResult {
  const normalized = engine.matcher.normalize(text);
  let understood: Understood | undefined;
  const typed: Typed = {
    engine,
    at: current ?? engine.states.initial,
    text: normalized,
    wrongQuestionId,
    understood: () => (understood ??= engine.matcher.understand(normalized)),
  };
  for (const rung of LADDER) {
    const answer = rung(typed);
    if (answer) return answer;
  }
  return ask(engine, typed.at, 'not-understood', engine.content.understanding.messages.notUnderstood);
}

/** No conversation runs in a group, but someone there who speaks of dying still gets the crisis card. */
export function crisisInGroup(engine: Engine, text: string | undefined): StepResult {
  const { messages } = engine.content.flow;
  const { matcher } = engine;
  if (text !== undefined && matcher.understand(matcher.normalize(text)).kind === 'crisis') {
    return {
      session: null,
      reply: [{ kind: 'text', text: messages.crisisIntro }, { kind: 'crisis-card' }, { kind: 'text', text: messages.groupOnly }],
      outcome: 'crisis',
    };
  }
  return { session: null, reply: [{ kind: 'text', text: messages.groupOnly }], outcome: 'group-note' };
}

function navigationWord({ engine, at, text, wrongQuestionId }: Typed): StepResult | undefined {
  const { navigation } = engine.matcher;
  if (navigation.restart.includes(text)) return move(engine, at, { type: 'RESTART' });
  // ちがう typed under a ちがう chip does what the chip does; elsewhere "not this" is one step back, as 戻る.
  if (navigation.wrong.includes(text) && wrongQuestionId) return askAgain(engine, at, wrongQuestionId) ?? back(engine, at, at.value);
  if (navigation.back.includes(text) || navigation.wrong.includes(text)) return back(engine, at, at.value);
  if (text === navigation.crisis) return crisisReply(engine, at);
  if (navigation.evidence.includes(text)) return guidanceReply(engine, at, 'evidence');
  return undefined;
}

/** At a question: its option by number or label. At a result: a narrowing chip's label, as the tap. */
function currentOption({ engine, at, text }: Typed): StepResult | undefined {
  const { flow } = engine.content;
  const { normalize } = engine.matcher;
  const question = flow.questions[at.value];
  if (!question) {
    const chip = narrowingChips(flow, at.value).find((o) => normalize(o.label) === text || normalize(o.displayText) === text);
    return chip && move(engine, at, { type: 'GOTO', nodeId: chip.next });
  }
  const optionId =
    question.options.find((_option, index) => text === String(index + 1))?.id ??
    engine.matcher.optionsLabelled(text).find((o) => o.questionId === at.value)?.optionId;
  return optionId ? move(engine, at, { type: 'CHOOSE', optionId }) : undefined;
}

function optionElsewhere({ engine, at, text }: Typed): StepResult | undefined {
  const elsewhere = pickOption(engine.matcher.optionsLabelled(text), at);
  return elsewhere && chooseFrom(engine, at, elsewhere.questionId, elsewhere.optionId);
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

function understoodEntry({ engine, at, understood: understand }: Typed): StepResult | undefined {
  const understood = understand();
  if (understood.kind === 'crisis' || understood.kind === 'nothing') return undefined;
  const match = {
    target: understood.kind === 'entry' ? understood.entry.id : understood.kind === 'unsure' ? understood.entries[0]!.id : 'several',
    score: Math.round(understood.score * 100) / 100,
    ...(understood.classified && { classified: understood.classified }),
  };
  if (understood.kind === 'several' || understood.kind === 'unsure') {
    const intro = understood.kind === 'several' ? engine.content.understanding.messages.several : undefined;
    return { ...answerVaguely(engine, at, understood.questionId, intro), outcome: 'understood', match };
  }
  const { entry } = understood;
  const outcome = entry.tier === 'threat' ? 'threat' : entry.tier === 'small-talk' ? 'small-talk' : 'understood';
  return { ...answerEntry(engine, at, entry), outcome, match };
}

/**
 * A described situation is answered with windows at once (a number in the first reply): its result, or for a
 * target that is a question (a vague description) the safest general result for it; the narrowing chips under it.
 */
function answerEntry(engine: Engine, at: Snapshot, entry: UnderstandingEntry): Omit<StepResult, 'outcome'> {
  const { target, understood } = entry;
  const { flow } = engine.content;
  switch (target.kind) {
    case 'result':
      return showTypedResult(engine, engine.states.next(at, { type: 'GOTO', nodeId: target.resultId }), understood, target.wrongQuestionId);
    case 'option': {
      // As if tapped there, so 戻る goes back to that question.
      const snapshot = engine.states.next(engine.states.next(at, { type: 'GOTO', nodeId: target.questionId }), {
        type: 'CHOOSE',
        optionId: target.optionId,
      });
      return snapshot.value in flow.results
        ? showTypedResult(engine, snapshot, understood, target.questionId)
        : answerVaguely(engine, at, snapshot.value, understood);
    }
    case 'question':
      return answerVaguely(engine, at, target.questionId, understood);
    case 'say': {
      const place = target.then === 'first-question' ? engine.states.initial : at;
      return { session: toSession(engine, place), reply: [prompt(engine, place, target.text)] };
    }
    default:
      return assertNever(target);
  }
}

/** Typed text that points at a question: the result flows/triage.yaml names for it (narrowing.vague); ちがう asks it. */
function answerVaguely(engine: Engine, at: Snapshot, questionId: string, intro: string | undefined) {
  const resultId = vagueResult(engine.content.flow, questionId);
  return showTypedResult(engine, engine.states.next(at, { type: 'GOTO', nodeId: resultId }), intro, questionId);
}

function showTypedResult(engine: Engine, snapshot: Snapshot, intro: string | undefined, wrongQuestionId: string) {
  const resultId = snapshot.value;
  return {
    session: toSession(engine, snapshot, wrongQuestionId),
    reply: [
      { kind: 'result', resultId, ...(intro && { intro }) },
      { kind: 'after-result', resultId, wrongQuestionId, narrow: true, followsCards: true },
    ] satisfies ReplyPart[],
    resultId,
  };
}
