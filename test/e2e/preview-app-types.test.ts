import { readdirSync } from 'node:fs';
import path from 'node:path';
import ts from 'typescript';
import { ROOT } from './preview-harness';

/**
 * preview/*.js ships as plain JavaScript modules with no build step, so nothing else compiles them. Their JSDoc
 * types are checked here, strictly and against the DOM, the way `// @ts-check` shows them in an editor.
 */
it('preview/*.js type-check (checkJs, strict, DOM lib)', () => {
  const files = readdirSync(path.join(ROOT, 'preview')).filter((name) => name.endsWith('.js'));
  expect(files).toContain('app.js');
  const program = ts.createProgram(files.map((name) => path.join(ROOT, 'preview', name)), {
    allowJs: true,
    checkJs: true,
    noEmit: true,
    strict: true,
    target: ts.ScriptTarget.ES2023,
    module: ts.ModuleKind.ESNext,
    lib: ['lib.es2023.d.ts', 'lib.dom.d.ts', 'lib.dom.iterable.d.ts'],
    types: [],
  });
  const problems = ts.getPreEmitDiagnostics(program).map((d) => {
    const where = d.file && d.start !== undefined ? d.file.getLineAndCharacterOfPosition(d.start) : undefined;
    return `${where && d.file ? `${path.basename(d.file.fileName)}:${where.line + 1}:${where.character + 1} ` : ''}${ts.flattenDiagnosticMessageText(d.messageText, '\n')}`;
  });
  expect(problems).toEqual([]);
});
