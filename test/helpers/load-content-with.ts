import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parse, stringify } from 'yaml';
import { CONTENT_FILES, loadContent } from '../../src/adapters/content/load-content';
import type { LocalizedContent } from '../../src/core/content';
import { ROOT } from './test-bot';

export type Doc = Record<string, any>;
/** The source documents, and `enData`: data/locales/en.yaml (the English of agencies, crisis lines and hours). */
export type Defect = (docs: {
  flow: Doc;
  agencies: Doc[];
  crisis: Doc;
  understanding: Doc;
  hours: Doc;
  evidence: Doc;
  platforms: Doc;
  enData: Doc;
}) => void;

const EN_DATA = 'data/locales/en.yaml';

/**
 * Copies the real content, breaks it in exactly one way, and loads it: the content, or what the load (or `then`,
 * given the loaded content and its folder) threw.
 */
export function loadWith(defect: Defect | string, then: (content: LocalizedContent, dir: string) => unknown = (content) => content): unknown {
  const dir = mkdtempSync(path.join(tmpdir(), 'content-'));
  try {
    const read = (file: string) => parse(readFileSync(path.join(ROOT, file), 'utf8'));
    const docs = {
      flow: read(CONTENT_FILES.flow),
      agencies: read(CONTENT_FILES.agencies),
      crisis: read(CONTENT_FILES.crisis),
      understanding: read(CONTENT_FILES.understanding),
      hours: read(CONTENT_FILES.hours),
      evidence: read(CONTENT_FILES.evidence),
      platforms: read(CONTENT_FILES.platforms),
      enData: read(EN_DATA),
    };
    cpSync(path.join(ROOT, 'flows'), path.join(dir, 'flows'), { recursive: true });
    cpSync(path.join(ROOT, 'data'), path.join(dir, 'data'), { recursive: true });
    if (typeof defect === 'function') defect(docs);
    writeFileSync(path.join(dir, CONTENT_FILES.flow), typeof defect === 'string' ? defect : stringify(docs.flow));
    writeFileSync(path.join(dir, CONTENT_FILES.agencies), stringify(docs.agencies));
    writeFileSync(path.join(dir, CONTENT_FILES.crisis), stringify(docs.crisis));
    writeFileSync(path.join(dir, CONTENT_FILES.understanding), stringify(docs.understanding));
    writeFileSync(path.join(dir, CONTENT_FILES.hours), stringify(docs.hours));
    writeFileSync(path.join(dir, CONTENT_FILES.evidence), stringify(docs.evidence));
    writeFileSync(path.join(dir, CONTENT_FILES.platforms), stringify(docs.platforms));
    writeFileSync(path.join(dir, EN_DATA), stringify(docs.enData));
    return then(loadContent(dir), dir);
  } catch (error) {
    return error;
  } finally {
    rmSync(dir, { recursive: true });
  }
}
