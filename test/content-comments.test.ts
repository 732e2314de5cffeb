import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { parseDocument, visit } from 'yaml';
import { ROOT } from './helpers/test-bot';

/**
 * In YAML a " #" ends an unquoted value and starts a comment, so 「Dial #8891 to reach…」 reached people as "Dial".
 * No value of flows/ or data/ may have a comment after it on its line: quote a value that holds " #".
 */
const DIRECTORIES = ['flows', 'flows/locales', 'data', 'data/locales'];
const FILES = DIRECTORIES.flatMap((directory) =>
  readdirSync(path.join(ROOT, directory))
    .filter((name) => name.endsWith('.yaml'))
    .map((name) => `${directory}/${name}`),
);

it.each(FILES)('%s: no value is cut short by a comment', (file) => {
  const cut: string[] = [];
  visit(parseDocument(readFileSync(path.join(ROOT, file), 'utf8')), {
    Scalar(_key, node) {
      if (node.comment) cut.push(`${String(node.value)} #${node.comment}`);
    },
  });
  expect(cut).toEqual([]);
});

it('reads every content file', () => {
  expect(FILES).toEqual(expect.arrayContaining(['flows/triage.yaml', 'flows/locales/en.yaml', 'data/agencies.yaml', 'data/locales/en.yaml']));
});
