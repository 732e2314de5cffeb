import { z } from 'zod';
import { CASES, GLANCE_ACTS, GLANCE_COSTS, type Case } from '../agencies/agency';
import { LINE_LIMITS } from '../line-limits';

const id = z.string().regex(/^[a-z][a-z0-9_]*$/, 'lower-case letters, digits and _').max(40);

const optionSchema = z
  .object({
    id,
    label: z.string().min(1).max(LINE_LIMITS.quickReplyLabel),
    displayText: z.string().min(1).max(LINE_LIMITS.displayText).optional(),
    next: id,
  })
  .strict();

/** Quick replies hold 13 buttons; 戻る, 最初から, the crisis button and a language offered take four of them. */
const MAX_OPTIONS = LINE_LIMITS.quickReplyItems - 4;

const questionSchema = z
  .object({
    text: z.string().min(1).max(1000),
    options: z.array(optionSchema).min(1).max(MAX_OPTIONS),
  })
  .strict();

const resultSchema = z
  .object({
    text: z.string().min(1).max(1000),
    agencies: z
      .array(z.object({ id, need: z.string().min(1).max(60).optional() }).strict())
      .min(1)
      .max(LINE_LIMITS.carouselBubbles),
    advice: z.string().min(1).max(500).optional(),
    /** The cases this result serves: no window that turns such a case away may be shown here. */
    about: z.array(z.enum(CASES)).default([]),
    /** Shows the crisis card's numbers too: for a person who wants to talk now. */
    crisisLines: z.boolean().default(false),
    /** Offers 「証拠の残し方」 after the result. */
    evidence: z.boolean().default(false),
    /** Offers the services' own report pages after the result. */
    platforms: z.boolean().default(false),
    /** For a person who picked the wrong branch: a line saying where their case belongs, and one tap to it. */
    redirect: z
      .object({ text: z.string().min(1).max(300), label: z.string().min(1).max(LINE_LIMITS.quickReplyLabel), question: id, option: id })
      .strict()
      .optional(),
  })
  .strict();

const label = z.string().min(1).max(LINE_LIMITS.quickReplyLabel);

const glanceWord = z.string().min(1).max(30);

/** Words on the agency cards; `glance` names what a window can do (see data/agencies.yaml). */
const cardWordsSchema = z
  .object({
    checked: z.string().min(1).max(20),
    reportInfo: z.string().min(1).max(LINE_LIMITS.flexButtonLabel),
    reportThanks: z.string().min(1).max(1000),
    glance: z
      .object({
        anonymous: glanceWord,
        named: glanceWord,
        registration: glanceWord,
        ...(Object.fromEntries([...GLANCE_COSTS, ...GLANCE_ACTS].map((key) => [key, glanceWord])) as Record<
          (typeof GLANCE_COSTS)[number] | (typeof GLANCE_ACTS)[number],
          typeof glanceWord
        >),
      })
      .strict(),
  })
  .strict();

export type CardWords = z.infer<typeof cardWordsSchema>;

const messagesSchema = z
  .object({
    greeting: z.string().min(1).max(1000),
    privacy: z.string().min(1).max(1000),
    fallback: z.string().min(1).max(1000),
    stale: z.string().min(1).max(1000),
    /** A tap on a question a newer (or older) version of the flow no longer has: the person starts again. */
    flowUpdated: z.string().min(1).max(1000),
    groupOnly: z.string().min(1).max(1000),
    afterResult: z.string().min(1).max(1000),
    crisisIntro: z.string().min(1).max(1000),
    afterCrisis: z.string().min(1).max(1000),
    /** The rich menu's 使い方: what the account does, that no person reads the chat, what is kept ({ttlMinutes}). */
    about: z.string().min(1).max(1000),
    afterAbout: z.string().min(1).max(1000),
    labels: z.object({ back: label, restart: label, crisis: label, evidence: label, platforms: label }).strict(),
    cards: cardWordsSchema,
  })
  .strict();

/**
 * After a result shown for typed text: crisis, the chips, 「ちがう」, the redirect, 証拠の残し方, the report pages,
 * a language offered, 戻る and 最初から, within LINE's 13 quick replies.
 */
const MAX_NARROWING_CHIPS = LINE_LIMITS.quickReplyItems - 8;

const narrowingSchema = z
  .object({
    text: z.string().min(1).max(300),
    options: z.array(optionSchema).min(1).max(MAX_NARROWING_CHIPS),
    /** The results that offer the chips when typed text led there; a result may send a chip elsewhere (chip id → result id). */
    results: z.record(id, z.record(id, id)),
    /** A description understood only vaguely points at a question: the result shown for it (question id → result id). */
    vague: z.record(id, id),
  })
  .strict();

export const flowSchema = z
  .object({
    start: id,
    questions: z.record(id, questionSchema),
    results: z.record(id, resultSchema),
    narrowing: narrowingSchema,
    messages: messagesSchema,
  })
  .strict();

export type FlowMessages = z.infer<typeof messagesSchema>;

export interface FlowOption {
  readonly id: string;
  readonly label: string;
  /** What shows in the chat as the person's words when they tap. */
  readonly displayText: string;
  readonly next: string;
}

export interface FlowQuestion {
  readonly id: string;
  readonly text: string;
  readonly options: readonly FlowOption[];
}

export interface FlowResult {
  readonly id: string;
  readonly text: string;
  readonly agencies: readonly { readonly id: string; readonly need?: string | undefined }[];
  readonly advice?: string | undefined;
  readonly about: readonly Case[];
  /** `crisisLines` in flows/triage.yaml: shows the crisis card's hotlines with the result. */
  readonly crisisHotlines: boolean;
  readonly evidence: boolean;
  readonly platforms: boolean;
  readonly redirect?: { readonly text: string; readonly label: string; readonly question: string; readonly option: string } | undefined;
}

/** One chip of the narrowing question: `next` is the result it shows. */
export type NarrowingOption = FlowOption;

/**
 * The one question under a result that typed text led to: chips that each show the result covering that wish
 * (消したい, お金を請求したい…), and for a vague description the result shown first.
 */
export interface Narrowing {
  readonly text: string;
  readonly options: readonly NarrowingOption[];
  /** Result id → its chips' targets where they differ from `next` (chip id → result id). */
  readonly results: Readonly<Record<string, Readonly<Record<string, string>>>>;
  /** Question id → the result a vague description pointing there shows. */
  readonly vague: Readonly<Record<string, string>>;
}

/** The conversation: questions with options, results naming agencies, and the bot's other words. */
export interface Flow {
  /** Changes whenever the flow file changes; sessions saved under another version keep their place where it still exists. */
  readonly version: string;
  readonly start: string;
  readonly questions: Readonly<Record<string, FlowQuestion>>;
  readonly results: Readonly<Record<string, FlowResult>>;
  readonly narrowing: Narrowing;
  readonly messages: FlowMessages;
}
