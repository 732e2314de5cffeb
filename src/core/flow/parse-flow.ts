import type { z } from 'zod';
import { ContentError } from '../errors';
import { checkFlow } from './check-flow';
import { flowSchema, type Flow } from './flow';

/**
 * Turns the raw flow document into a typed, checked Flow.
 * @throws ContentError naming `file` and each bad field.
 */
export function parseFlow(raw: unknown, file: string, version: string, agencyIds: ReadonlySet<string>): Flow {
  const parsed = flowSchema.safeParse(raw);
  if (!parsed.success) throw new ContentError(file, formatIssues(parsed.error));
  const { start, questions, results, narrowing, messages } = parsed.data;
  const flow: Flow = {
    version,
    start,
    messages,
    narrowing: { ...narrowing, options: narrowing.options.map((o) => ({ ...o, displayText: o.displayText ?? o.label })) },
    questions: Object.fromEntries(
      Object.entries(questions).map(([id, q]) => [
        id,
        { id, text: q.text, options: q.options.map((o) => ({ ...o, displayText: o.displayText ?? o.label })) },
      ]),
    ),
    results: Object.fromEntries(Object.entries(results).map(([id, { crisisLines, ...r }]) => [id, { id, ...r, crisisHotlines: crisisLines }])),
  };
  const problems = checkFlow(flow, agencyIds);
  if (problems.length > 0) throw new ContentError(file, problems);
  return flow;
}

/** Renders zod issues as "path.to[0].field: message", the form every content error uses. */
export function formatIssues(error: z.ZodError): string[] {
  return error.issues.map((issue) => `${formatPath(issue.path) || '(top level)'}: ${issue.message}`);
}

function formatPath(path: readonly PropertyKey[]): string {
  return path.reduce<string>((out, key) => {
    if (typeof key === 'number') return `${out}[${key}]`;
    return out ? `${out}.${String(key)}` : String(key);
  }, '');
}
