import { agenciesSchema, type Agency } from './agencies/agency';
import { crisisSchema, toCrisis, type Crisis } from './crisis/crisis';
import { ContentError } from './errors';
import type { Flow } from './flow/flow';
import { formatIssues, parseFlow } from './flow/parse-flow';
import { toUnderstanding, understandingSchema, type Understanding } from './understanding/understanding';
import { hoursWordsSchema, type HoursWords } from './hours/hours-words';
import { evidenceSchema, platformsSchema, type Evidence, type Platforms } from './guidance/guidance';

/** A content file as read from disk: its path (for error messages) and its parsed YAML. */
export interface ContentDocument {
  readonly file: string;
  readonly raw: unknown;
}

/** Everything the bot says and shows, checked once at start-up. */
export interface Content {
  readonly flow: Flow;
  readonly agencies: ReadonlyMap<string, Agency>;
  readonly crisis: Crisis;
  /** What typed text is understood as (flows/understanding.yaml). */
  readonly understanding: Understanding;
  /** The words for opening hours. */
  readonly hours: HoursWords;
  /** 「証拠の残し方」 (data/evidence.yaml). */
  readonly evidence: Evidence;
  /** The services' own report pages (data/platforms.yaml). */
  readonly platforms: Platforms;
}

/** @throws ContentError naming the first file with a problem, with every problem in it. */
export function parseContent(docs: {
  readonly flow: ContentDocument & { readonly version: string };
  readonly agencies: ContentDocument;
  readonly crisis: ContentDocument;
  readonly understanding: ContentDocument;
  readonly hours: ContentDocument;
  readonly evidence: ContentDocument;
  readonly platforms: ContentDocument;
}): Content {
  const agencies = agenciesSchema.safeParse(docs.agencies.raw);
  if (!agencies.success) throw new ContentError(docs.agencies.file, formatIssues(agencies.error));
  const crisis = crisisSchema.safeParse(docs.crisis.raw);
  if (!crisis.success) throw new ContentError(docs.crisis.file, formatIssues(crisis.error));
  const hours = hoursWordsSchema.safeParse(docs.hours.raw);
  if (!hours.success) throw new ContentError(docs.hours.file, formatIssues(hours.error));
  const evidence = evidenceSchema.safeParse(docs.evidence.raw);
  if (!evidence.success) throw new ContentError(docs.evidence.file, formatIssues(evidence.error));
  const platforms = platformsSchema.safeParse(docs.platforms.raw);
  if (!platforms.success) throw new ContentError(docs.platforms.file, formatIssues(platforms.error));
  const byId = new Map(agencies.data.map((agency) => [agency.id, agency]));
  const flow = parseFlow(docs.flow.raw, docs.flow.file, docs.flow.version, new Set(byId.keys()));
  const misrouted = findMisroutes(flow, byId, docs.agencies.file);
  if (misrouted.length > 0) throw new ContentError(docs.flow.file, misrouted);
  const understandingParsed = understandingSchema.safeParse(docs.understanding.raw);
  if (!understandingParsed.success) throw new ContentError(docs.understanding.file, formatIssues(understandingParsed.error));
  const { understanding, problems } = toUnderstanding(understandingParsed.data, flow);
  // Crisis words are normalised with the understanding's spellings, as typed text is.
  const checkedCrisis = toCrisis(crisis.data, understanding.normalize);
  if (checkedCrisis.problems.length > 0) throw new ContentError(docs.crisis.file, checkedCrisis.problems);
  const crisisWords = new Set(checkedCrisis.crisis.words);
  for (const entry of understanding.entries) {
    for (const phrase of entry.phrases) {
      if (crisisWords.has(phrase)) problems.push(`${entry.id}: 「${phrase}」 is a crisis word (data/crisis.yaml) and always calls up the crisis card`);
    }
  }
  if (problems.length > 0) throw new ContentError(docs.understanding.file, problems);
  return {
    flow,
    agencies: byId,
    crisis: checkedCrisis.crisis,
    understanding,
    hours: hours.data,
    evidence: evidence.data,
    platforms: platforms.data,
  };
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
