import type { z } from 'zod';
import { agenciesSchema, type Agency } from './agencies/agency';
import { crisisSchema, toCrisis, type Crisis } from './crisis/crisis';
import { ContentError } from './errors';
import type { Flow } from './flow/flow';
import { formatIssues, parseFlow } from './flow/parse-flow';
import { languagesSchema, type Languages } from './locale/languages';
import { LOCALES, SOURCE_LOCALE, type Locale } from './locale/locale';
import { applyOverlay, toOverlayProblem, type OverlayRule } from './locale/overlay';
import { cardTextsSchema, type CardTexts } from './render/card-texts';
import { BUILT_IN_INTENTS, toUnderstanding, understandingSchema, type Understanding } from './understanding/understanding';
import { checkIntentModel, createIntentClassifier, intentModelSchema, type IntentClassifier, type IntentModel } from './understanding/intent-model';
import { hoursWordsSchema, type HoursWords } from './hours/hours-words';
import { evidenceSchema, platformsSchema, type Evidence, type Platforms } from './guidance/guidance';
import { checkRichMenu, richMenuSchema, type RichMenu } from './rich-menu/rich-menu';
import { designatedPlatformsSchema, timeLimitsSchema, type DesignatedPlatforms, type TimeLimits } from './first-step/designated-platforms';
import { firstStepSchema, type FirstStep } from './first-step/first-step';

/** A content file as read from disk: its path (for error messages) and its parsed YAML. */
export interface ContentDocument {
  readonly file: string;
  readonly raw: unknown;
}

/** Everything the bot says and shows in one locale, checked once at start-up. */
export interface Content {
  readonly locale: Locale;
  readonly flow: Flow;
  readonly agencies: ReadonlyMap<string, Agency>;
  readonly crisis: Crisis;
  readonly cards: CardTexts;
  /** What typed text is understood as (flows/understanding.yaml); its replies in this locale. */
  readonly understanding: Understanding;
  /** The trained intent classifier (flows/understanding-model.json), the same in every locale. */
  readonly classifier: IntentClassifier;
  /** The words for opening hours. */
  readonly hours: HoursWords;
  /** 「証拠の残し方」 (data/evidence.yaml). */
  readonly evidence: Evidence;
  /** The services' own report pages (data/platforms.yaml). */
  readonly platforms: Platforms;
  /** The language menu (the same in every locale). */
  readonly languages: Languages;
  /** The draft and summary pages and the card that links them (flows/first-step.yaml). */
  readonly firstStep: FirstStep;
  /** The services designated under 情報流通プラットフォーム対処法 (data/designated-platforms.yaml). */
  readonly designatedPlatforms: DesignatedPlatforms;
  /** 「早めに」 (data/time-limits.yaml). */
  readonly timeLimits: TimeLimits;
}

/** The source (Japanese) content, and the same content in every locale. */
export interface LocalizedContent extends Content {
  readonly byLocale: ReadonlyMap<Locale, Content>;
  /** The panel under the chat (data/rich-menu.yaml): one picture, the same in every locale. */
  readonly richMenu: RichMenu;
}

/** The translated documents, and what is not translated in each. */
export const TRANSLATED = {
  flow: {},
  cards: {},
  // Sources are notes for the editor, not words for the person.
  agencies: { keep: ['name'], skipFields: ['source'] },
  crisis: { skip: ['words', 'notCrisis'], keep: ['name'], skipFields: ['source'] },
  // What people type is matched in every locale; only the bot's replies are translated.
  understanding: { skip: ['spellings', 'navigation'], skipFields: ['phrases'] },
  hours: {},
  evidence: { skipFields: ['source'] },
  platforms: { skipFields: ['source'] },
  // Which results carry the card, and the agencies a summary goes to, are ids, not words.
  firstStep: { skip: ['results'], skipFields: ['warningSource', 'destinations'] },
  // Provider and service names stay as the services print them.
  designatedPlatforms: { skipFields: ['source', 'name', 'services'] },
  timeLimits: { skipFields: ['source'] },
} as const satisfies Record<string, OverlayRule>;

export type TranslatedDocument = keyof typeof TRANSLATED;

/** The source documents as read; the flow with the version its structure gets. */
export interface ContentSources extends Record<TranslatedDocument, ContentDocument> {
  readonly flow: ContentDocument & { readonly version: string };
  readonly languages: ContentDocument;
  readonly richMenu: ContentDocument;
  readonly understandingModel: ContentDocument;
}

/**
 * The part of an overlay file that translates one document: `file` is the overlay file (errors name it), `section`
 * its top-level key (e.g. `triage` in flows/locales/en.yaml) and `raw` that section's content.
 */
export interface OverlayDocument extends ContentDocument {
  readonly section: string;
  /** By key, the source text each translation in this section was made from (flows/locales/translated-from.yaml). */
  readonly translatedFrom: ReadonlyMap<string, string>;
}

/** A locale's overlay for each translated document. */
export type ContentOverlays = ReadonlyMap<Locale, Readonly<Record<TranslatedDocument, OverlayDocument>>>;

/**
 * Parses the sources, then each locale: the source with its overlay applied, checked by the same rules (LINE's
 * limits included), so a label too long in English stops the start just as a Japanese one does.
 * @throws ContentError naming the first file with a problem (for a locale, its overlay file, the key and the
 * locale), with every problem in it.
 */
export function parseContent(sources: ContentSources, overlays: ContentOverlays = new Map()): LocalizedContent {
  const languages = parseDocument(languagesSchema, sources.languages);
  const model = parseDocument(intentModelSchema, sources.understandingModel);
  const modelProblems = checkIntentModel(model);
  if (modelProblems.length > 0) throw new ContentError(sources.understandingModel.file, modelProblems);
  const shared = { languages, model, classifier: createIntentClassifier(model) };
  const source = parseLocale(SOURCE_LOCALE, sources, shared);
  const byLocale = new Map<Locale, Content>([[SOURCE_LOCALE, source]]);
  for (const locale of LOCALES) {
    if (locale === SOURCE_LOCALE) continue;
    const overlay = overlays.get(locale);
    if (!overlay) throw new ContentError(`(${locale})`, [`no translation for locale ${locale}`]);
    byLocale.set(locale, parseTranslation(locale, sources, overlay, shared));
  }
  return { ...source, byLocale, richMenu: parseRichMenu(sources.richMenu) };
}

function parseTranslation(
  locale: Locale,
  sources: ContentSources,
  overlay: Readonly<Record<TranslatedDocument, OverlayDocument>>,
  shared: SharedContent,
): Content {
  const translate = (name: TranslatedDocument): unknown => {
    const { doc, problems } = applyOverlay(sources[name].raw, overlay[name].raw, TRANSLATED[name], overlay[name].translatedFrom);
    if (problems.length > 0) throw overlayError(locale, overlay[name], problems);
    return doc;
  };
  const translated: ContentSources = {
    ...sources,
    flow: { ...sources.flow, raw: translate('flow') },
    cards: { ...sources.cards, raw: translate('cards') },
    agencies: { ...sources.agencies, raw: translate('agencies') },
    crisis: { ...sources.crisis, raw: translate('crisis') },
    understanding: { ...sources.understanding, raw: translate('understanding') },
    hours: { ...sources.hours, raw: translate('hours') },
    evidence: { ...sources.evidence, raw: translate('evidence') },
    platforms: { ...sources.platforms, raw: translate('platforms') },
    firstStep: { ...sources.firstStep, raw: translate('firstStep') },
    designatedPlatforms: { ...sources.designatedPlatforms, raw: translate('designatedPlatforms') },
    timeLimits: { ...sources.timeLimits, raw: translate('timeLimits') },
  };
  try {
    return parseLocale(locale, translated, shared);
  } catch (error) {
    if (!(error instanceof ContentError)) throw error;
    const name = (Object.keys(TRANSLATED) as TranslatedDocument[]).find((n) => sources[n].file === error.file);
    if (!name) throw error;
    const doc = translated[name].raw;
    throw overlayError(locale, overlay[name], error.problems.map((problem) => toOverlayProblem(doc, problem)), error);
  }
}

/** "flows/locales/en.yaml: [en] triage.questions.found.text: missing …": the file, the locale and the key. */
function overlayError(locale: Locale, overlay: OverlayDocument, problems: readonly string[], cause?: unknown): ContentError {
  return new ContentError(overlay.file, problems.map((problem) => `[${locale}] ${overlay.section}.${problem}`), { cause });
}

/** Parsed once and shared by every locale. */
interface SharedContent {
  readonly languages: Languages;
  readonly model: IntentModel;
  readonly classifier: IntentClassifier;
}

function parseLocale(locale: Locale, docs: ContentSources, { languages, model, classifier }: SharedContent): Content {
  const agencies = parseDocument(agenciesSchema, docs.agencies);
  const crisis = parseDocument(crisisSchema, docs.crisis);
  const cards = parseDocument(cardTextsSchema, docs.cards);
  const hours = parseDocument(hoursWordsSchema, docs.hours);
  const evidence = parseDocument(evidenceSchema, docs.evidence);
  const platforms = parseDocument(platformsSchema, docs.platforms);
  const designatedPlatforms = parseDocument(designatedPlatformsSchema, docs.designatedPlatforms);
  const timeLimits = parseDocument(timeLimitsSchema, docs.timeLimits);
  const firstStep = parseDocument(firstStepSchema, docs.firstStep);
  const byId = new Map(agencies.map((agency) => [agency.id, agency]));
  const flow = parseFlow(docs.flow.raw, docs.flow.file, docs.flow.version, new Set(byId.keys()));
  const misrouted = findMisroutes(flow, byId, docs.agencies.file);
  if (misrouted.length > 0) throw new ContentError(docs.flow.file, misrouted);
  const understandingData = parseDocument(understandingSchema, docs.understanding);
  const { understanding, problems } = toUnderstanding(understandingData, flow, new Set(crisis.lines.map((hotline) => hotline.id)));
  // Crisis words are normalised with the understanding's spellings, as typed text is.
  const checkedCrisis = toCrisis(crisis, understanding.normalize);
  if (checkedCrisis.problems.length > 0) throw new ContentError(docs.crisis.file, checkedCrisis.problems);
  const crisisWords = new Set(checkedCrisis.crisis.words);
  for (const entry of understanding.entries) {
    for (const phrase of entry.phrases) {
      if (crisisWords.has(phrase)) problems.push(`${entry.id}: 「${phrase}」 is a crisis word (data/crisis.yaml) and always calls up the crisis card`);
    }
  }
  if (problems.length > 0) throw new ContentError(docs.understanding.file, problems);
  const providerIds = new Set(designatedPlatforms.providers.map((provider) => provider.id));
  const unknownProviders = platforms.services.flatMap((service, index) =>
    service.provider === undefined || providerIds.has(service.provider)
      ? []
      : [`services[${index}].provider: "${service.provider}" is not a provider of ${docs.designatedPlatforms.file}`],
  );
  if (unknownProviders.length > 0) throw new ContentError(docs.platforms.file, unknownProviders);
  const firstStepProblems = checkFirstStep(firstStep, flow, byId);
  if (firstStepProblems.length > 0) throw new ContentError(docs.firstStep.file, firstStepProblems);
  const staleModel = checkModelAgainst(model, understanding, docs.understanding.file);
  if (staleModel.length > 0) throw new ContentError(docs.understandingModel.file, staleModel);
  return {
    locale,
    flow,
    agencies: byId,
    crisis: checkedCrisis.crisis,
    cards: cards,
    understanding,
    classifier,
    hours: hours,
    evidence: evidence,
    platforms: platforms,
    languages,
    firstStep,
    designatedPlatforms,
    timeLimits,
  };
}

/** The card's results must be the flow's, and each page's destinations windows with a page to open. */
function checkFirstStep(firstStep: FirstStep, flow: Flow, agencies: ReadonlyMap<string, Agency>): string[] {
  return [
    ...Object.keys(firstStep.results).flatMap((resultId) => (resultId in flow.results ? [] : [`results.${resultId}: not a result of the flow`])),
    ...firstStep.summary.destinations.flatMap((agencyId, index) =>
      agencies.get(agencyId)?.links.length ? [] : [`summary.destinations[${index}]: "${agencyId}" is not an agency with a link`],
    ),
  ];
}

/**
 * The model must have been trained with the spellings in use (its n-grams are of text they rewrote), and each of its
 * intents needs an answer under `intents:`.
 */
function checkModelAgainst(model: IntentModel, understanding: Understanding, understandingFile: string): string[] {
  const problems: string[] = [];
  if (JSON.stringify(model.spellings) !== JSON.stringify(understanding.spellings)) {
    problems.push(`spellings: trained with other spellings than ${understandingFile} has now; run npm run train:understanding`);
  }
  const smallTalk = new Set(understanding.entries.filter((entry) => entry.tier === 'small-talk').map((entry) => entry.id.replace('smallTalk.', 'small_talk:')));
  model.intents.forEach((intent, index) => {
    if (intent.startsWith('small_talk:') && !smallTalk.has(intent)) {
      problems.push(`intents[${index}]: "${intent}" has no entry under smallTalk: in ${understandingFile}`);
    } else if (!intent.startsWith('small_talk:') && !BUILT_IN_INTENTS.has(intent) && !understanding.intents.has(intent)) {
      problems.push(`intents[${index}]: "${intent}" has no answer under intents: in ${understandingFile}`);
    }
  });
  return problems;
}

/**
 * A result must never send a person to a window that turns their case away (a defamation victim to
 * インターネット・ホットラインセンター, say): each window's `doesNotTake` against each result's `about`.
 */
function findMisroutes(flow: Flow, agencies: ReadonlyMap<string, Agency>, agenciesFile: string): string[] {
  return Object.values(flow.results).flatMap((result) =>
    result.agencies.flatMap(({ id }, index) => {
      const refused = result.about.filter((c) => agencies.get(id)?.doesNotTake.includes(c));
      return refused.length === 0
        ? []
        : [`results.${result.id}.agencies[${index}]: "${id}" does not take ${refused.join(', ')} (doesNotTake in ${agenciesFile})`];
    }),
  );
}

/** @throws ContentError naming data/rich-menu.yaml and each problem. */
function parseRichMenu(doc: ContentDocument): RichMenu {
  const parsed = parseDocument(richMenuSchema, doc);
  const problems = checkRichMenu(parsed);
  if (problems.length > 0) throw new ContentError(doc.file, problems);
  return parsed;
}

/** A content file through its schema: its data, or a ContentError naming the file and each field at fault. */
function parseDocument<T>(schema: z.ZodType<T>, doc: { readonly file: string; readonly raw: unknown }): T {
  const parsed = schema.safeParse(doc.raw);
  if (!parsed.success) throw new ContentError(doc.file, formatIssues(parsed.error));
  return parsed.data;
}
