import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parse, YAMLParseError } from 'yaml';
import { parseContent, type Content } from '../../core/content';
import { ContentError } from '../../core/errors';

/** Where the content lives, relative to the project root. */
export const CONTENT_FILES = {
  flow: 'flows/triage.yaml',
  agencies: 'data/agencies.yaml',
  crisis: 'data/crisis.yaml',
  understanding: 'flows/understanding.yaml',
  hours: 'data/hours.yaml',
  evidence: 'data/evidence.yaml',
  platforms: 'data/platforms.yaml',
  icons: 'data/icons',
} as const;

/**
 * Reads and checks flows/ and data/ once at start-up.
 * @throws ContentError naming the file and field of the first problem found.
 */
export function loadContent(rootDir: string, files: Partial<typeof CONTENT_FILES> = {}): Content {
  const paths = { ...CONTENT_FILES, ...files };
  const read = (file: string) => {
    const text = readText(rootDir, file);
    return { file, text, raw: parseYaml(file, text) };
  };
  const flow = read(paths.flow);
  return parseContent({
    flow: { ...flow, version: createHash('sha256').update(flow.text).digest('hex').slice(0, 12) },
    agencies: read(paths.agencies),
    crisis: read(paths.crisis),
    understanding: read(paths.understanding),
    hours: read(paths.hours),
    evidence: read(paths.evidence),
    platforms: read(paths.platforms),
  });
}

function readText(rootDir: string, file: string): string {
  try {
    return readFileSync(path.resolve(rootDir, file), 'utf8');
  } catch (error) {
    throw new ContentError(file, [`cannot be read (${(error as NodeJS.ErrnoException).code ?? 'error'})`], { cause: error });
  }
}

function parseYaml(file: string, text: string): unknown {
  try {
    return parse(text);
  } catch (error) {
    if (error instanceof YAMLParseError) {
      const at = error.linePos?.[0];
      throw new ContentError(file, [`${at ? `line ${at.line}, column ${at.col}: ` : ''}invalid YAML (${error.code})`], { cause: error });
    }
    throw error;
  }
}
