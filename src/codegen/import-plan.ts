/**
 * Which of a generated file's imports a source file still needs, and where they go. An import is
 * needed unless every name it binds is already bound by one of the file's imports (so
 * `import * as tf from '@tensorflow/tfjs-node'` satisfies the generated `tf` import, and
 * `from tensorflow import keras` satisfies `import keras`).
 */
import type { SourceStructure } from './source-structure';
import { structureOf } from './structure';

export function missingImports(file: SourceStructure, imports: readonly string[], ignore: (statementIndex: number) => boolean = () => false): string[] {
  const bound = new Set<string>();
  file.statements.forEach((s, i) => {
    if (s.kind === 'import' && !ignore(i)) for (const b of s.bindings) bound.add(b);
  });
  return imports.filter((line) => {
    const statement = structureOf(line, file.language).statements[0];
    return !statement || statement.bindings.some((b) => !bound.has(b));
  });
}

/**
 * The line before which new imports go, and whether the file had imports there already: after the
 * last import of the file's leading imports; without any, after a shebang, a Python module
 * docstring or `'use strict'`, and a leading comment block that a blank line separates from the
 * code.
 */
export function importLine(file: SourceStructure, ignore: (statementIndex: number) => boolean = () => false): { line: number; afterImports: boolean } {
  const statements = file.statements.filter((_, i) => !ignore(i));
  let lastImport = -1;
  for (let i = 0; i < statements.length; i++) {
    const s = statements[i];
    if (s.kind === 'import') lastImport = i;
    else if (!isPreamble(file, s, i) && file.language === 'python') break;
  }
  if (lastImport >= 0) return { line: statements[lastImport].endLine + 1, afterImports: true };

  // No imports yet: after a preamble (docstring, 'use strict') and a header comment block that a
  // blank line separates from the code, skipping that blank line.
  const skipBlank = (l: number): number => (l < file.lines.lineCount - 1 && file.lines.isBlank(l) ? l + 1 : l);
  const first = statements[0];
  let line = first && isPreamble(file, first, 0) ? skipBlank(first.endLine + 1) : 0;
  const firstCode = statements.find((s, i) => !isPreamble(file, s, i));
  const limit = firstCode ? firstCode.docStartLine : file.lines.lineCount;
  let next = line;
  for (const t of file.tokens) {
    if (t.kind !== 'comment') continue;
    const start = file.lines.lineAt(t.start);
    const end = file.lines.lineAt(Math.max(t.start, t.end - 1));
    if (start < next) continue;
    if (end >= limit || !allBlank(file, next, start - 1)) break;
    next = end + 1;
    if (start === 0 && t.text.startsWith('#!')) line = next;
    else if (next < file.lines.lineCount && file.lines.isBlank(next)) line = skipBlank(next);
  }
  return { line, afterImports: false };
}

function allBlank(file: SourceStructure, from: number, to: number): boolean {
  for (let l = from; l <= to; l++) if (!file.lines.isBlank(l)) return false;
  return true;
}

/** A Python module docstring or a `'use strict'` directive as the first statement, or `from __future__`. */
function isPreamble(file: SourceStructure, s: { firstToken: number; lastToken: number; kind: string; module?: string }, index: number): boolean {
  if (s.kind === 'import') return s.module === '__future__';
  if (index !== 0) return false;
  const t = file.tokens.slice(s.firstToken, s.lastToken + 1).filter((x) => x.kind !== 'comment');
  return t.length >= 1 && t[0].kind === 'string' && (t.length === 1 || (t.length === 2 && t[1].text === ';'));
}
