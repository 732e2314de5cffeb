import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parse, YAMLParseError } from 'yaml';
import { z } from 'zod';
import { parseContent, type ContentOverlays, type LocalizedContent, type OverlayDocument, type TranslatedDocument } from '../../core/content';
import { ContentError } from '../../core/errors';
import { formatIssues } from '../../core/flow/parse-flow';
import { OVERLAY_LOCALES } from '../../core/locale/locale';
import { checkRenderedReplies } from '../../core/render/check-rendered-replies';
import type { RenderOptions } from '../../core/render/render-reply';
import { checkRichMenuImage } from './check-rich-menu-image';

/** Where the content lives, relative to the project root. */
export const CONTENT_FILES = {
  flow: 'flows/triage.yaml',
  cards: 'flows/cards.yaml',
  languages: 'flows/languages.yaml',
  agencies: 'data/agencies.yaml',
  crisis: 'data/crisis.yaml',
  understanding: 'flows/understanding.yaml',
  understandingModel: 'flows/understanding-model.json',
  hours: 'data/hours.yaml',
  evidence: 'data/evidence.yaml',
  platforms: 'data/platforms.yaml',
  firstStep: 'flows/first-step.yaml',
  designatedPlatforms: 'data/designated-platforms.yaml',
  timeLimits: 'data/time-limits.yaml',
  firstStepAssets: 'first-step',
  translatedFrom: 'flows/locales/translated-from.yaml',
  richMenu: 'data/rich-menu.yaml',
  icons: 'data/icons',
} as const;

/**
 * The overlay file that translates a source file, and its section there: flows/triage.yaml is translated in
 * flows/locales/<locale>.yaml under `triage:`, data/agencies.yaml in data/locales/<locale>.yaml under `agencies:`.
 */
export function overlayFileOf(sourceFile: string, locale: string): { file: string; section: string } {
  return {
    file: path.posix.join(path.posix.dirname(sourceFile), 'locales', `${locale}.yaml`),
    section: path.posix.basename(sourceFile, '.yaml'),
  };
}

/**
 * Reads and checks flows/ and data/ once at start-up, in every locale.
 * @throws ContentError naming the file and field of the first problem found (for a translation: the overlay file,
 * the key and the locale).
 */
export function loadContent(rootDir: string, files: Partial<Record<keyof typeof CONTENT_FILES, string>> = {}): LocalizedContent {
  const content = loadContentFiles(rootDir, files);
  checkRichMenuImage(content.richMenu, readBytes(rootDir, content.richMenu.image));
  return content;
}

/**
 * Renders every reply the content can give, in every locale and opening state from `now` on, and checks each
 * against LINE's limits and the misroute rules (windows added at render time included): what start-up and
 * `npm run validate` run after loadContent. Pass the icon origin the bot will use: icons make the cards larger.
 * @throws ContentError naming flows/triage.yaml, with each problem's locale, reply and instant.
 */
export function checkRenderedContent(content: LocalizedContent, options: RenderOptions, now: number): void {
  const problems = checkRenderedReplies(content, options, now);
  if (problems.length > 0) throw new ContentError(CONTENT_FILES.flow, problems.map((problem) => `rendered reply: ${problem}`));
}

/** The YAML files alone, without the rich menu's image: what scripts/draw-rich-menu.mjs draws the image from. */
export function loadContentFiles(rootDir: string, files: Partial<Record<keyof typeof CONTENT_FILES, string>> = {}): LocalizedContent {
  const paths = { ...CONTENT_FILES, ...files };
  const cache = new Map<string, { text: string; raw: unknown }>();
  const read = (file: string) => {
    let doc = cache.get(file);
    if (!doc) {
      const text = readText(rootDir, file);
      doc = { text, raw: file.endsWith('.json') ? parseJson(file, text) : parseYaml(file, text) };
      cache.set(file, doc);
    }
    return { file, ...doc };
  };
  const flow = read(paths.flow);
  const translated: Record<TranslatedDocument, string> = {
    flow: paths.flow,
    cards: paths.cards,
    agencies: paths.agencies,
    crisis: paths.crisis,
    understanding: paths.understanding,
    hours: paths.hours,
    evidence: paths.evidence,
    platforms: paths.platforms,
    firstStep: paths.firstStep,
    designatedPlatforms: paths.designatedPlatforms,
    timeLimits: paths.timeLimits,
  };
  const stamps = readTranslatedFrom(read(paths.translatedFrom));
  const overlays: ContentOverlays = new Map(
    OVERLAY_LOCALES.map((locale) => [
      locale,
      Object.fromEntries(
        Object.entries(translated).map(([name, sourceFile]) => {
          const { file, section } = overlayFileOf(sourceFile, locale);
          const prefix = `${section}.`;
          const translatedFrom = new Map(
            [...(stamps.get(locale) ?? [])].filter(([key]) => key.startsWith(prefix)).map(([key, text]) => [key.slice(prefix.length), text]),
          );
          const overlay: OverlayDocument = { file, section, raw: sectionOf(read(file), section), translatedFrom };
          return [name, overlay];
        }),
      ) as Record<TranslatedDocument, OverlayDocument>,
    ]),
  );
  return parseContent(
    {
      // Only the flow's structure and source text make its version: a new translation keeps people's places.
      flow: { ...flow, version: createHash('sha256').update(flow.text).digest('hex').slice(0, 12) },
      cards: read(paths.cards),
      languages: read(paths.languages),
      richMenu: read(paths.richMenu),
      agencies: read(paths.agencies),
      crisis: read(paths.crisis),
      understanding: read(paths.understanding),
      understandingModel: read(paths.understandingModel),
      hours: read(paths.hours),
      evidence: read(paths.evidence),
      platforms: read(paths.platforms),
      firstStep: read(paths.firstStep),
      designatedPlatforms: read(paths.designatedPlatforms),
      timeLimits: read(paths.timeLimits),
    },
    overlays,
  );
}

/** flows/locales/translated-from.yaml: for each locale, `section.key: source text` as it was when translated. */
function readTranslatedFrom(doc: { file: string; raw: unknown }): Map<string, Map<string, string>> {
  const parsed = z.record(z.string(), z.record(z.string(), z.string())).safeParse(doc.raw ?? {});
  if (!parsed.success) throw new ContentError(doc.file, formatIssues(parsed.error));
  return new Map(Object.entries(parsed.data).map(([locale, keys]) => [locale, new Map(Object.entries(keys))]));
}

function sectionOf(doc: { file: string; raw: unknown }, section: string): unknown {
  if (typeof doc.raw !== 'object' || doc.raw === null || Array.isArray(doc.raw)) {
    throw new ContentError(doc.file, ['(top level): must be a map of sections']);
  }
  const value = (doc.raw as Record<string, unknown>)[section];
  if (value === undefined) throw new ContentError(doc.file, [`${section}: missing section`]);
  return value;
}

function readBytes(rootDir: string, file: string): { file: string; bytes: Buffer } {
  try {
    return { file, bytes: readFileSync(path.resolve(rootDir, file)) };
  } catch (error) {
    throw new ContentError(file, [`cannot be read (${(error as NodeJS.ErrnoException).code ?? 'error'}); draw it with npm run rich-menu:image`], { cause: error });
  }
}

function readText(rootDir: string, file: string): string {
  try {
    return readFileSync(path.resolve(rootDir, file), 'utf8');
  } catch (error) {
    throw new ContentError(file, [`cannot be read (${(error as NodeJS.ErrnoException).code ?? 'error'})`], { cause: error });
  }
}

/** The trained model is JSON (a large file YAML's parser would take long on). */
function parseJson(file: string, text: string): unknown {
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new ContentError(file, [`invalid JSON (${(error as Error).message}); run npm run train:understanding`], { cause: error });
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
