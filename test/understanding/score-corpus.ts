import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';
import { z } from 'zod';
import type { LocalizedContent } from '../../src/core/content';
import type { Session } from '../../src/core/conversation/session';
import { createLocalizedEngine, stepInLanguage, type LocalizedEngine, type LocalizedStepResult } from '../../src/core/conversation/step-in-language';
import type { ReplyPart } from '../../src/core/conversation/reply';
import { decodeLanguagePostback, decodePostback } from '../../src/core/postback';
import { createRenderer, type RenderReply } from '../../src/core/render/render-reply';
import type { IntentClassifier } from '../../src/core/understanding/intent-model';

/** Where the labelled messages live, relative to the project root. */
export const UNDERSTANDING_DIR = 'test/understanding';
export const CORPUS_DIR = `${UNDERSTANDING_DIR}/corpus`;
export const INTENTS_FILE = `${UNDERSTANDING_DIR}/intents.yaml`;
/** Frozen blind sets sit beside the corpus until they have been used for fixing; then they join it. */
const BLIND_FILE = /^blind-.+\.yaml$/;

const id = z.string().regex(/^[a-z][a-z0-9_]*$/);
const oneOrMore = <T extends z.ZodType>(item: T) => z.union([item, z.array(item).min(1)]).transform((v) => (Array.isArray(v) ? v : [v]) as z.infer<T>[]);

const itemSchema = z
  .object({
    /** One intent, or several problems told at once (any of them is correct); `window:<id>` / `small_talk:<say>` short forms too. */
    intent: oneOrMore(z.string().regex(/^[a-z_]+(:[a-z0-9_]+)?$/)),
    window: id.optional(),
    say: id.optional(),
    style: oneOrMore(id).optional(),
    text: z.string().min(1),
  })
  .strict();

/** A labelled message, its short forms spelled out: `window:inochi` is { intent: window, window: inochi }. */
export interface LabelledMessage {
  readonly intents: readonly string[];
  readonly window?: string | undefined;
  readonly say?: string | undefined;
  readonly styles: readonly string[];
  readonly text: string;
  /** The file it came from, relative to the project root. */
  readonly file: string;
}

const intentSchema = z
  .object({ means: z.string(), windows: z.array(z.string()), mustInclude: z.array(z.string()).optional() })
  .strict();

/** What counts as a correct answer for each intent (test/understanding/intents.yaml). Unknown window ids are kept as they are. */
export type IntentRules = ReadonlyMap<string, { readonly windows: readonly string[]; readonly mustInclude?: readonly string[] | undefined }>;

export function loadIntentRules(rootDir: string): IntentRules {
  const parsed = z.object({ intents: z.record(z.string(), intentSchema) }).parse(readYaml(rootDir, INTENTS_FILE));
  return new Map(Object.entries(parsed.intents));
}

export function loadLabelled(rootDir: string, file: string): LabelledMessage[] {
  // A list of messages, or (a blind set, with its header fields) a map whose `messages` is that list.
  const raw = readYaml(rootDir, file);
  const list = raw !== null && typeof raw === 'object' && !Array.isArray(raw) && 'messages' in raw ? raw.messages : raw;
  const items = z.array(itemSchema).min(1).safeParse(list);
  if (!items.success) throw new Error(`${file}: ${items.error.issues.map((i) => `[${i.path.join('.')}] ${i.message}`).join('; ')}`);
  return items.data.map((item) => {
    let { window, say } = item;
    const intents = item.intent.map((intent) => {
      const [name = intent, detail] = intent.split(':');
      if (name === 'window' && detail) window = detail;
      if (name === 'small_talk' && detail) say = detail;
      return name;
    });
    return { intents, window, say, styles: item.style ?? [], text: item.text, file };
  });
}

/** The corpus parts (test/understanding/corpus/*.yaml), sorted by file name. */
export function corpusFiles(rootDir: string): string[] {
  return yamlFiles(rootDir, CORPUS_DIR);
}

/** The blind sets not yet used for fixing (test/understanding/blind-*.yaml). */
export function blindFiles(rootDir: string): string[] {
  return yamlFiles(rootDir, UNDERSTANDING_DIR).filter((file) => BLIND_FILE.test(path.basename(file)));
}

export function loadCorpus(rootDir: string): LabelledMessage[] {
  return corpusFiles(rootDir).flatMap((file) => loadLabelled(rootDir, file));
}

function yamlFiles(rootDir: string, dir: string): string[] {
  return readdirSync(path.join(rootDir, dir))
    .filter((name) => name.endsWith('.yaml'))
    .sort()
    .map((name) => `${dir}/${name}`);
}

function readYaml(rootDir: string, file: string): unknown {
  return parse(readFileSync(path.join(rootDir, file), 'utf8'));
}

/** The conversation as LINE would run it, with the reply drawn into LINE messages (to find its buttons). */
export interface Bot {
  readonly engine: LocalizedEngine;
  readonly render: RenderReply;
}

/** `classifier`: instead of the content's trained one (cross-validation trains one per fold). */
export function createBot(content: LocalizedContent, classifier?: IntentClassifier): Bot {
  return { engine: createLocalizedEngine(content, { sessionTtlMinutes: 30, ...(classifier && { classifier }) }), render: createRenderer(content, {}) };
}

/** A fixed instant: the cards are the same at any time, only their opening hours differ. */
const INSTANT = Date.UTC(2026, 11, 7, 3, 0);
const JAPANESE_SCRIPT = /[\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Han}]/u;

/** English style, or no Japanese letter at all: written by someone whose LINE is in English. */
const profileLanguageOf = (item: Pick<LabelledMessage, 'styles' | 'text'>) =>
  item.styles.includes('english') || !JAPANESE_SCRIPT.test(item.text) ? 'en' : 'ja';

/** What one reply shows: windows by id (a result's agencies; the crisis card and its lines), and how it was answered. */
interface Shown {
  readonly windows: ReadonlySet<string>;
  readonly result: LocalizedStepResult;
  readonly session: Session | undefined;
}

function shownBy(bot: Bot, result: LocalizedStepResult): Shown {
  const windows = new Set<string>();
  const { flow } = bot.engine;
  const crisisHotlines = () => {
    windows.add('crisis_card');
    for (const hotline of bot.engine.engines.get('ja')?.content.crisis.hotlines ?? []) windows.add(hotline.id);
  };
  for (const part of result.reply) {
    if (part.kind === 'crisis-card') crisisHotlines();
    if (part.kind === 'result') {
      const shown = flow.results[part.resultId];
      for (const agency of shown?.agencies ?? []) windows.add(agency.id);
      if (shown?.crisisHotlines) crisisHotlines();
    }
  }
  return { windows, result, session: result.session ?? undefined };
}

/** The reply's answer buttons in order: its quick replies without the crisis chip, 戻る, 最初から and the languages. */
function answerTaps(bot: Bot, reply: readonly ReplyPart[], locale: LocalizedStepResult['locale']): string[] {
  const messages = bot.render(reply, INSTANT, locale);
  const items = messages.at(-1)?.quickReply?.items ?? [];
  return items.flatMap((item) => {
    if (item.action?.type !== 'postback') return [];
    const { data } = item.action as { data: string };
    if (decodeLanguagePostback(data)) return [];
    const action = decodePostback(data)?.action;
    return action === 'choose' || action === 'narrow' || action === 'ask' ? [data] : [];
  });
}

/** How far a message got: its first reply, and the best it reaches after one tap on the first answer button or two taps on any. */
export interface Scored {
  readonly item: LabelledMessage;
  /** A correct window (or answer) in the first reply, or after one tap on its first answer button. */
  readonly oneTap: boolean;
  /** … or within two taps on any answer buttons. */
  readonly twoTaps: boolean;
  /** What the first reply was, in the eval's words (for confusions): the outcome and the result or question. */
  readonly got: string;
}

/** `twoTaps: false` skips the two-tap search (the bars need only the first reply or one tap). */
export function scoreMessage(bot: Bot, rules: IntentRules, item: LabelledMessage, options: { twoTaps: boolean } = { twoTaps: true }): Scored {
  const language = profileLanguageOf(item);
  const greeted = stepInLanguage(bot.engine, undefined, { type: 'follow', language });
  const first = shownBy(bot, stepInLanguage(bot.engine, greeted.session ?? undefined, { type: 'text', text: item.text }));
  const correct = (shown: Shown) => isCorrect(rules, item, shown);
  const tap = (from: Shown, data: string) => shownBy(bot, stepInLanguage(bot.engine, from.session, { type: 'postback', data }));
  const got = describe(first.result);
  if (correct(first)) return { item, oneTap: true, twoTaps: true, got };
  // Small talk and the apology are right or wrong in the first reply; a tap on a question is the person's own choice.
  if (item.intents.some((intent) => intent === 'small_talk' || intent === 'none')) return { item, oneTap: false, twoTaps: false, got };
  const taps = answerTaps(bot, first.result.reply, first.result.locale);
  const oneTap = taps.length > 0 && correct(tap(first, taps[0]!));
  if (oneTap || !options.twoTaps) return { item, oneTap, twoTaps: oneTap, got };
  const twoTaps = taps.some((data) => {
    const second = tap(first, data);
    return correct(second) || answerTaps(bot, second.result.reply, second.result.locale).some((next) => correct(tap(second, next)));
  });
  return { item, oneTap, twoTaps, got };
}

function isCorrect(rules: IntentRules, item: LabelledMessage, shown: Shown): boolean {
  const { outcome, match } = shown.result;
  return item.intents.some((intent) => {
    switch (intent) {
      case 'small_talk':
        return outcome === 'small-talk' && match?.target === `smallTalk.${item.say}` && shown.windows.size === 0;
      case 'none':
        return outcome === 'not-understood' && shown.windows.size === 0;
      case 'window':
        return item.window !== undefined && shown.windows.has(item.window);
      default: {
        const rule = rules.get(intent);
        if (!rule) throw new Error(`${item.file}: unknown intent ${intent}`);
        const any = (ids: readonly string[]) => ids.some((windowId) => shown.windows.has(windowId));
        return any(rule.windows) && (!rule.mustInclude || any(rule.mustInclude));
      }
    }
  });
}

function describe(result: LocalizedStepResult): string {
  if (result.outcome === 'crisis') return 'crisis';
  if (result.outcome === 'not-understood') return 'nothing';
  if (result.outcome === 'small-talk') return result.match?.target ?? 'small-talk';
  if (result.resultId) return `result:${result.resultId}`;
  const last = result.reply.at(-1);
  if (last?.kind === 'question') return `question:${last.questionId}`;
  return result.outcome;
}

export interface Score {
  readonly correct: number;
  readonly total: number;
}

export const percent = ({ correct, total }: Score) => (total === 0 ? 100 : (100 * correct) / total);

/** The figures of a set of scored messages: overall, by intent (its first), by style, and the groups the issue names. */
export interface Figures {
  readonly oneTap: Score;
  readonly twoTaps: Score;
  readonly byIntent: ReadonlyMap<string, Score>;
  readonly byStyle: ReadonlyMap<string, Score>;
  /** Expected intent → what the first reply was, with how many: the most frequent first. */
  readonly confusions: readonly { readonly pair: string; readonly count: number; readonly texts: readonly string[] }[];
  readonly misses: readonly Scored[];
}

export const labelOf = (item: LabelledMessage) =>
  item.intents[0] === 'window' ? `window:${item.window}` : item.intents[0] === 'small_talk' ? `small_talk:${item.say}` : item.intents.join('|');

export function summarize(scored: readonly Scored[]): Figures {
  const count = (pick: (s: Scored) => boolean): Score => ({ correct: scored.filter(pick).length, total: scored.length });
  const group = (keysOf: (item: LabelledMessage) => readonly string[]) => {
    const groups = new Map<string, { correct: number; total: number }>();
    for (const s of scored) {
      for (const key of keysOf(s.item)) {
        const score = groups.get(key) ?? { correct: 0, total: 0 };
        score.total += 1;
        if (s.oneTap) score.correct += 1;
        groups.set(key, score);
      }
    }
    return new Map([...groups].sort(([a], [b]) => a.localeCompare(b)));
  };
  const misses = scored.filter((s) => !s.oneTap);
  const pairs = new Map<string, string[]>();
  for (const miss of misses) {
    const pair = `${labelOf(miss.item)} → ${miss.got}`;
    pairs.set(pair, [...(pairs.get(pair) ?? []), miss.item.text]);
  }
  return {
    oneTap: count((s) => s.oneTap),
    twoTaps: count((s) => s.twoTaps),
    byIntent: group((item) => [item.intents[0]!]),
    byStyle: group((item) => (item.styles.length > 0 ? item.styles : ['(none)'])),
    confusions: [...pairs]
      .map(([pair, texts]) => ({ pair, count: texts.length, texts }))
      .sort((a, b) => b.count - a.count || a.pair.localeCompare(b.pair)),
    misses,
  };
}

/** Crisis, threats (threat, sextortion, found_threat) and sexual images: the groups with their own bar. */
export const GROUPS: Readonly<Record<string, readonly string[]>> = {
  crisis: ['crisis'],
  threat: ['threat', 'sextortion', 'found_threat'],
  'sexual images': ['sexual_images', 'sextortion'],
};

export function groupScore(scored: readonly Scored[], intents: readonly string[]): Score {
  const inGroup = scored.filter((s) => s.item.intents.some((intent) => intents.includes(intent)));
  return { correct: inGroup.filter((s) => s.oneTap).length, total: inGroup.length };
}
