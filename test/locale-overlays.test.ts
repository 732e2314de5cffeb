import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parse, stringify } from 'yaml';
import { loadContent } from '../src/adapters/content/load-content';
import { ContentError } from '../src/core/errors';
import { applyOverlay, collectTexts } from '../src/core/locale/overlay';
import { ROOT } from './helpers/test-bot';

type Doc = Record<string, any>;
type Overlays = { enFlows: Doc; enData: Doc; easyFlows: Doc; easyData: Doc; source: Doc };

/** Copies the real content, breaks one translation (or adds one source text), and loads it. */
function loadWith(defect: (docs: Overlays) => void): unknown {
  const dir = mkdtempSync(path.join(tmpdir(), 'locales-'));
  try {
    cpSync(path.join(ROOT, 'flows'), path.join(dir, 'flows'), { recursive: true });
    cpSync(path.join(ROOT, 'data'), path.join(dir, 'data'), { recursive: true });
    const files = {
      enFlows: 'flows/locales/en.yaml',
      enData: 'data/locales/en.yaml',
      easyFlows: 'flows/locales/ja-easy.yaml',
      easyData: 'data/locales/ja-easy.yaml',
      source: 'flows/triage.yaml',
    } as const;
    const docs = Object.fromEntries(
      Object.entries(files).map(([name, file]) => [name, parse(readFileSync(path.join(dir, file), 'utf8')) as Doc]),
    ) as Overlays;
    defect(docs);
    for (const [name, file] of Object.entries(files)) writeFileSync(path.join(dir, file), stringify(docs[name as keyof Overlays]));
    return loadContent(dir);
  } catch (error) {
    return error;
  } finally {
    rmSync(dir, { recursive: true });
  }
}

describe('a translation that does not fit stops the start, naming the file, the locale and the key', () => {
  it.each<[string, (docs: Overlays) => void, string]>([
    [
      'a missing key',
      ({ enFlows }) => delete enFlows.triage.questions.found.text,
      'flows/locales/en.yaml: [en] triage.questions.found.text: missing (the source says "どんな情報ですか？")',
    ],
    [
      'a key the source does not have',
      ({ easyFlows }) => (easyFlows.triage.questions.found.options.ghost = { label: 'おばけ' }),
      'flows/locales/ja-easy.yaml: [ja-easy] triage.questions.found.options.ghost.label: not in the source',
    ],
    [
      'a quick-reply label over 20 characters',
      ({ enFlows }) => (enFlows.triage.questions.situation.options.found.label = 'Found illegal content online'),
      'flows/locales/en.yaml: [en] triage.questions.situation.options.found.label: Too big',
    ],
    [
      'a phone label over 20 characters',
      ({ enData }) => (enData.agencies.jinken.phones[0].label = 'Everybody’s human rights line'),
      'data/locales/en.yaml: [en] agencies.jinken.phones.0.label: Too big',
    ],
    [
      'two options of one question with the same label',
      ({ enFlows }) => (enFlows.triage.questions.trouble.options.talk.label = enFlows.triage.questions.trouble.options.solution.label),
      '[en] triage.questions.trouble.options.talk.label: duplicate label',
    ],
    [
      'a dropped placeholder',
      ({ enFlows }) => (enFlows.triage.messages.privacy = 'We keep nothing.'),
      '[en] triage.messages.privacy: must keep the placeholders {ttlMinutes}',
    ],
    ['an empty text', ({ easyData }) => (easyData.crisis.lines.inochi.note = ''), '[ja-easy] crisis.lines.inochi.note: must be a non-empty string'],
    ['a missing section', ({ enData }) => delete enData.crisis, 'data/locales/en.yaml: crisis: missing section'],
    [
      'Japanese that changed since it was translated',
      ({ source }) => (source.messages.stale = 'このボタンは使えません。'),
      'flows/locales/ja-easy.yaml: [ja-easy] triage.messages.stale: out of date: the source changed from "',
    ],
    [
      'new Japanese text, not yet translated',
      ({ source }) => (source.results.report_harmful.advice = 'ひとりで悩まないでください。'),
      'flows/locales/ja-easy.yaml: [ja-easy] triage.results.report_harmful.advice: missing (the source says "ひとりで悩まないでください。")',
    ],
  ])('%s', (_name, defect, expected) => {
    const error = loadWith(defect);
    expect(error).toBeInstanceOf(ContentError);
    expect((error as ContentError).message).toContain(expected);
  });

  it('the real translations load, in every locale', () => {
    expect(loadWith(() => undefined)).not.toBeInstanceOf(Error);
  });
});

describe('overlay keys', () => {
  const source = {
    start: 'situation',
    questions: { situation: { text: '質問', options: [{ id: 'a', label: 'はい', next: 'done' }] } },
    phones: [{ label: '電話', display: '0120-000-000' }],
    words: ['死にたい'],
    name: '窓口',
  };

  it('are every Japanese string, lists of ids named by id and other lists by position; ids, numbers and skipped fields are not', () => {
    expect([...collectTexts(source, { skip: ['words'] }).keys()]).toEqual([
      'questions.situation.text',
      'questions.situation.options.a.label',
      'phones.0.label',
      'name',
    ]);
  });

  it('put the translation in place, and beside a kept name', () => {
    const { doc, problems } = applyOverlay(
      source,
      { questions: { situation: { text: 'Question', options: { a: { label: 'Yes' } } } }, phones: [{ label: 'Phone' }], name: 'Window' },
      { skip: ['words'], keep: ['name'] },
    );
    expect(problems).toEqual([]);
    expect(doc).toEqual({
      ...source,
      questions: { situation: { text: 'Question', options: [{ id: 'a', label: 'Yes', next: 'done' }] } },
      phones: [{ label: 'Phone', display: '0120-000-000' }],
      nameNote: 'Window',
    });
  });
});
