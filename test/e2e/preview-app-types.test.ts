import path from 'node:path';
import ts from 'typescript';
import { ROOT } from './preview-harness';

/**
 * preview/app.js ships as plain JavaScript with no build step, so nothing else compiles it. Its JSDoc types are
 * checked here, strictly and against the DOM, the way `// @ts-check` shows them in an editor.
 */
it('preview/app.js type-checks (checkJs, strict, DOM lib)', () => {
  const program = ts.createProgram([path.join(ROOT, 'preview/app.js')], {
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
    return `${where ? `app.js:${where.line + 1}:${where.character + 1} ` : ''}${ts.flattenDiagnosticMessageText(d.messageText, '\n')}`;
  });
  expect(problems).toEqual([]);
});
