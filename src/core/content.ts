import { agenciesSchema, type Agency } from './agencies/agency';
import { crisisSchema, toCrisis, type Crisis } from './crisis/crisis';
import { ContentError } from './errors';
import type { Flow } from './flow/flow';
import { formatIssues, parseFlow } from './flow/parse-flow';

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
}

/** @throws ContentError naming the first file with a problem, with every problem in it. */
export function parseContent(docs: {
  readonly flow: ContentDocument & { readonly version: string };
  readonly agencies: ContentDocument;
  readonly crisis: ContentDocument;
}): Content {
  const agencies = agenciesSchema.safeParse(docs.agencies.raw);
  if (!agencies.success) throw new ContentError(docs.agencies.file, formatIssues(agencies.error));
  const crisis = crisisSchema.safeParse(docs.crisis.raw);
  if (!crisis.success) throw new ContentError(docs.crisis.file, formatIssues(crisis.error));
  const byId = new Map(agencies.data.map((agency) => [agency.id, agency]));
  const flow = parseFlow(docs.flow.raw, docs.flow.file, docs.flow.version, new Set(byId.keys()));
  return { flow, agencies: byId, crisis: toCrisis(crisis.data) };
}
