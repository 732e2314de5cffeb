import type { Content } from '../content';
import { findShortestPaths } from '../flow/shortest-paths';
import type { NormalizeText } from './normalize-text';
import { createPatternScanner } from './pattern-scanner';
import type { IntentClassifier } from './intent-model';
import type { UnderstandingEntry, UnderstandingTier } from './understanding';

/** How sure the classifier is of its best intent: its bands are chosen by cross-validation (npm run train:understanding). */
export type Band = 'confident' | 'unsure' | 'nothing';

/** The classifier's reading of a message, for the debug log: intents and probabilities only, never the text. */
export interface Classified {
  readonly intent: string;
  readonly probability: number;
  readonly band: Band;
  readonly runnerUp?: { readonly intent: string; readonly probability: number };
}

/**
 * What typed text was understood as. `score`: for phrases, how much of the text the winning phrases covered
 * (characters); for the classifier, the probability of its intent.
 */
export type Understood =
  | { readonly kind: 'crisis'; readonly classified?: Classified }
  | { readonly kind: 'entry'; readonly entry: UnderstandingEntry; readonly score: number; readonly classified?: Classified }
  /**
   * Clear situations that lead apart, or the classifier unsure between intents: their narrowest common question,
   * the best one's option first (`entries`: best first).
   */
  | NarrowestQuestion<'several'>
  | NarrowestQuestion<'unsure'>
  | { readonly kind: 'nothing'; readonly classified?: Classified };

interface NarrowestQuestion<Kind extends string> {
  readonly kind: Kind;
  readonly questionId: string;
  readonly guessOptionId: string;
  readonly entries: readonly UnderstandingEntry[];
  readonly score: number;
  readonly classified?: Classified;
}

/** A question's option, named by ids. */
export interface OptionRef {
  readonly questionId: string;
  readonly optionId: string;
}

export interface TextMatcher {
  /** Run once per event; the other methods take its result. */
  readonly normalize: NormalizeText;
  /** Crisis words, threats, windows by name, then the classifier and the phrases (see understand below). Linear in the text. */
  understand(normalized: string): Understood;
  /** Options whose label or displayText is exactly this text, in flow order. */
  optionsLabelled(normalized: string): readonly OptionRef[];
  /** The navigation buttons' labels and the other ways people type them, normalised once: typing one is the tap. */
  readonly navigation: {
    readonly restart: readonly string[];
    readonly back: readonly string[];
    readonly crisis: string;
    readonly wrong: readonly string[];
    /** 証拠の残し方: the evidence card, as its chip. */
    readonly evidence: readonly string[];
  };
}

/** A second clear situation counts when it covers at least this share of what the best one covers. */
const SEVERAL_SHARE = 0.5;
/** Intents that report what someone found about others, and how sure the classifier must be to take them over crisis words. */
const REPORTS: ReadonlySet<string> = new Set(['found_illegal', 'found_harmful', 'found_threat']);
const REPORT_OVER_CRISIS = 0.9;
const SMALL_TALK = 'small_talk:';

/** Tiers decided by phrases before the classifier, and after it. */
const RULE_TIERS: readonly UnderstandingTier[] = ['threat', 'window'];
const PHRASE_TIERS: readonly UnderstandingTier[] = ['clear', 'vague', 'small-talk'];

interface PatternUse {
  crisis: boolean;
  notCrisis: boolean;
  entries: number[];
}

/**
 * Compiles crisis words (data/crisis.yaml), understanding phrases (flows/understanding.yaml) and option labels into
 * one scanner, once at start-up. Crisis words are suppressed only where a longer notCrisis phrase covers them (自殺 in
 * 自殺予告を見つけた), so a longer crisis phrase (自殺予告します) still wins; any other phrase covered by a longer
 * phrase is dropped (殺害予告 inside 殺害予告を見つけた).
 */
export function createTextMatcher(content: Content, classifier: IntentClassifier = content.classifier): TextMatcher {
  const { understanding, crisis, flow } = content;
  const uses = new Map<string, PatternUse>();
  const use = (pattern: string) => {
    let found = uses.get(pattern);
    if (!found) uses.set(pattern, (found = { crisis: false, notCrisis: false, entries: [] }));
    return found;
  };
  for (const word of crisis.words) use(word).crisis = true;
  for (const phrase of crisis.notCrisis) use(phrase).notCrisis = true;
  understanding.entries.forEach((entry, index) => {
    for (const phrase of new Set(entry.phrases)) use(phrase).entries.push(index);
  });
  const patterns = [...uses.keys()];
  const patternUses = [...uses.values()];
  const scanner = createPatternScanner(patterns);

  const labelled = new Map<string, OptionRef[]>();
  for (const question of Object.values(flow.questions)) {
    for (const option of question.options) {
      for (const text of new Set([understanding.normalize(option.label), understanding.normalize(option.displayText)])) {
        const list = labelled.get(text) ?? [];
        list.push({ questionId: question.id, optionId: option.id });
        labelled.set(text, list);
      }
    }
  }

  const paths = findShortestPaths(flow);
  /** The questions decided on the way to an entry's target, and the node it points at. */
  const routeOf = (entry: UnderstandingEntry): string[] => {
    const { target } = entry;
    switch (target.kind) {
      case 'result':
        return [...(paths.get(target.resultId) ?? []), target.resultId];
      case 'option': {
        const next = flow.questions[target.questionId]?.options.find((o) => o.id === target.optionId)?.next ?? '';
        return [...(paths.get(target.questionId) ?? []), target.questionId, next];
      }
      case 'question':
      case 'say':
        return [];
    }
  };

  /**
   * The ladder: crisis words (data/crisis.yaml) → a threat phrase → a window named → the classifier when confident
   * (its crisis intent → the crisis card) → a clear phrase → the classifier when unsure (the narrowest question, its
   * best guess first) → a vague phrase → small talk → nothing.
   */
  const understand = (text: string): Understood => {
    const scores = scan(text);
    if (scores === 'crisis') {
      // Someone else's post about dying, found and reported (a suicide invitation, a friend's farewell): its reporting
      // route, only when the classifier is all but sure; the crisis button stays on every reply.
      const classified = classify(text);
      const report = REPORTS.has(classified.intent) && classified.probability >= REPORT_OVER_CRISIS && understanding.intents.get(classified.intent);
      return report ? { kind: 'entry', entry: report, score: classified.probability, classified } : { kind: 'crisis', classified };
    }
    const ruled = choose(scores, RULE_TIERS);
    if (ruled) return ruled;
    const classified = classify(text);
    const answer = (found: Understood): Understood => ({ ...found, classified });
    const clear = choose(scores, ['clear']);
    if (clear) return answer(clear);
    if (classified.band === 'confident') {
      if (classified.intent === 'crisis') return answer({ kind: 'crisis' });
      const entry = understanding.intents.get(classified.intent) ?? smallTalkOf(classified.intent);
      if (entry) return answer({ kind: 'entry', entry, score: classified.probability });
    }
    if (classified.band !== 'nothing' && classified.intent !== 'crisis') {
      const best = understanding.intents.get(classified.intent);
      const second = classified.runnerUp && understanding.intents.get(classified.runnerUp.intent);
      const question = best && narrowest(best, second ? [second] : []);
      if (best && question) return answer({ kind: 'unsure', ...question, entries: second ? [best, second] : [best], score: classified.probability });
    }
    return answer(choose(scores, PHRASE_TIERS.slice(1)) ?? { kind: 'nothing' });
  };

  /** `small_talk:<id>`: the smallTalk entry of that id (greeting, thanks…), learnt from how people write them. */
  const smallTalkOf = (intent: string) =>
    intent.startsWith(SMALL_TALK) ? understanding.entries.find((entry) => entry.id === `smallTalk.${intent.slice(SMALL_TALK.length)}`) : undefined;

  const classify = (text: string): Classified => {
    const [best, second] = classifier.classify(text);
    const probability = best?.probability ?? 0;
    const { bands } = classifier;
    const band: Band = probability >= bands.confident ? 'confident' : probability >= bands.unsure ? 'unsure' : 'nothing';
    return {
      intent: best?.intent ?? 'none',
      probability,
      band: best?.intent === 'none' ? 'nothing' : band,
      ...(second && { runnerUp: { intent: second.intent, probability: second.probability } }),
    };
  };

  /** Each entry's score (the characters its phrases covered), or crisis. */
  const scan = (text: string): ReadonlyMap<number, number> | 'crisis' => {
    const scores = new Map<number, number>();
    if (text.length === 0) return scores;
    const starts: number[] = [];
    const ends: number[] = [];
    const indexes: number[] = [];
    // Longest end of a notCrisis span / of any other span, by start (0: none).
    const notCrisisEnd = new Int32Array(text.length);
    const otherEnd = new Int32Array(text.length);
    scanner.scan(text, (index, end) => {
      const start = end - patterns[index]!.length;
      const used = patternUses[index]!;
      starts.push(start);
      ends.push(end);
      indexes.push(index);
      if (used.notCrisis && notCrisisEnd[start]! < end) notCrisisEnd[start] = end;
      if (!used.crisis && otherEnd[start]! < end) otherEnd[start] = end;
    });
    if (indexes.length === 0) return scores;
    // Running maxima: the furthest a span starting at or before i reaches (inclusive), and before i (exclusive).
    const notCrisisReach = new Int32Array(text.length);
    const otherReachBefore = new Int32Array(text.length);
    for (let i = 0, nc = 0, other = 0; i < text.length; i++) {
      nc = Math.max(nc, notCrisisEnd[i]!);
      notCrisisReach[i] = nc;
      otherReachBefore[i] = other;
      other = Math.max(other, otherEnd[i]!);
    }
    const counted = new Set<number>();
    for (let m = 0; m < indexes.length; m++) {
      const start = starts[m]!;
      const end = ends[m]!;
      const used = patternUses[indexes[m]!]!;
      if (used.crisis && notCrisisReach[start]! < end) return 'crisis';
      const covered = otherReachBefore[start]! >= end || otherEnd[start]! > end;
      if (covered || counted.has(indexes[m]!)) continue;
      counted.add(indexes[m]!);
      for (const entry of used.entries) scores.set(entry, (scores.get(entry) ?? 0) + (end - start));
    }
    return scores;
  };

  /**
   * The question where the routes to these entries part (the narrowest they share), with the option towards the best
   * one; for one entry, or entries on one route, the question just before it.
   */
  const narrowest = (best: UnderstandingEntry, others: readonly UnderstandingEntry[]): { questionId: string; guessOptionId: string } | undefined => {
    if (best.target.kind === 'question') return { questionId: best.target.questionId, guessOptionId: best.target.guessOptionId };
    const bestRoute = routeOf(best);
    let common = bestRoute.length - 1;
    for (const entry of others) {
      const route = routeOf(entry);
      let same = 0;
      while (same < common && same < route.length - 1 && route[same] === bestRoute[same]) same += 1;
      common = same;
    }
    const questionId = bestRoute[common - 1];
    const next = bestRoute[common];
    const option = questionId === undefined ? undefined : flow.questions[questionId]?.options.find((o) => o.next === next);
    return questionId === undefined || !option ? undefined : { questionId, guessOptionId: option.id };
  };

  const choose = (scores: ReadonlyMap<number, number>, tiers: readonly UnderstandingTier[]): Understood | undefined => {
    for (const tier of tiers) {
      const ranked = [...scores]
        .filter(([index]) => understanding.entries[index]!.tier === tier)
        .sort(([a, scoreA], [b, scoreB]) => scoreB - scoreA || a - b);
      const [best, ...rest] = ranked.map(([index, score]) => ({ entry: understanding.entries[index]!, score }));
      if (!best) continue;
      if (tier !== 'clear') return { kind: 'entry', ...best };
      const bestRoute = routeOf(best.entry).join();
      const others = rest.filter(({ entry, score }) => score >= best.score * SEVERAL_SHARE && routeOf(entry).join() !== bestRoute);
      const question = others.length > 0 ? narrowest(best.entry, others.map((o) => o.entry)) : undefined;
      if (!question) return { kind: 'entry', ...best };
      return { kind: 'several', ...question, entries: [best.entry, ...others.map((o) => o.entry)], score: best.score };
    }
    return undefined;
  };

  const { labels } = flow.messages;
  const { normalize, navigation } = understanding;
  const typedAs = (label: string, others: readonly string[]) => [label, ...others].map(normalize);
  return {
    normalize,
    navigation: {
      restart: typedAs(labels.restart, navigation.restart),
      back: typedAs(labels.back, navigation.back),
      crisis: normalize(labels.crisis),
      wrong: typedAs(understanding.messages.wrong, navigation.wrong),
      evidence: typedAs(labels.evidence, navigation.evidence),
    },
    understand,
    optionsLabelled: (normalized) => labelled.get(normalized) ?? [],
  };
}
