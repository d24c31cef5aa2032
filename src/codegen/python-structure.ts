/**
 * Top-level statements of a Python file from its logical lines: a statement is a logical line at
 * indentation 0 together with the indented lines under it (decorators join the def/class they
 * decorate). Records what each defines or imports (`import a.b as c`, `from m import (x as y)`).
 */
import { LineIndex } from './lines';
import { lexPython } from './python-lexer';
import { bracketMaps, type SourceStructure, type TopLevelStatement } from './source-structure';
import type { Token } from './tokens';

export function pythonStructure(text: string): SourceStructure {
  const { tokens, lines: logical } = lexPython(text);
  const lines = new LineIndex(text);
  const { enclosing, closing } = bracketMaps(tokens);
  const lineOf = (i: number): number => lines.lineAt(tokens[i].start);
  const endLineOf = (i: number): number => lines.lineAt(Math.max(tokens[i].start, tokens[i].end - 1));

  const statements: TopLevelStatement[] = [];
  let pendingDecorator: number | undefined;
  logical.forEach((line, k) => {
    if (line.indent !== 0) return;
    const first = tokens[line.first];
    if (first.text === '@') {
      pendingDecorator ??= line.first;
      return;
    }
    // The statement runs to the last token of the logical lines indented under it.
    let last = line.last;
    for (let j = k + 1; j < logical.length && logical[j].indent > 0; j++) last = logical[j].last;
    const s = describe(tokens, line.first, line.last);
    const firstToken = pendingDecorator ?? line.first;
    pendingDecorator = undefined;
    statements.push({ ...s, firstToken, lastToken: last, startLine: lineOf(firstToken), docStartLine: lineOf(firstToken), endLine: endLineOf(last) });
  });

  // Each token's logical line, for mentions: a multi-line call or list counts as a whole.
  const logicalOf = new Array<number>(tokens.length).fill(-1);
  logical.forEach((l, k) => {
    for (let i = l.first; i <= l.last; i++) logicalOf[i] = k;
  });
  const mentionLines = (i: number): [number, number] => {
    const k = logicalOf[i];
    if (k < 0) return [lineOf(i), endLineOf(i)];
    return [lineOf(logical[k].first), endLineOf(logical[k].last)];
  };
  const nesting = new Map<number, number>();
  for (const l of logical) nesting.set(lineOf(l.first), l.indent);
  const lineNesting = (line: number): number => nesting.get(line) ?? Infinity;
  return { language: 'python', text, lines, tokens, statements, enclosing, closing, mentionLines, lineNesting };
}

function describe(tokens: Token[], first: number, last: number): Omit<TopLevelStatement, 'firstToken' | 'lastToken' | 'startLine' | 'docStartLine' | 'endLine'> {
  const ts = tokens.slice(first, last + 1).filter((t) => t.kind !== 'comment');
  const head = ts[0]?.text === 'async' ? 1 : 0;
  const keyword = ts[head]?.text;
  if ((keyword === 'def' || keyword === 'class') && ts[head + 1]?.kind === 'ident') {
    const name = ts[head + 1].text;
    return { kind: keyword === 'def' ? 'function' : 'class', name, bindings: [name], exported: true };
  }
  if (keyword === 'import') {
    // import a.b.c as d, e.f  -> d, e
    const bindings: string[] = [];
    let k = 1;
    while (k < ts.length) {
      const name = ts[k].text;
      while (ts[k + 1]?.text === '.') k += 2;
      if (ts[k + 1]?.text === 'as' && ts[k + 2]) {
        bindings.push(ts[k + 2].text);
        k += 3;
      } else {
        bindings.push(name);
        k += 1;
      }
      if (ts[k]?.text === ',') k++;
      else break;
    }
    let end = 1;
    while (end < ts.length && ts[end].text !== 'as' && ts[end].text !== ',') end++;
    return { kind: 'import', bindings, module: ts.slice(1, end).map((t) => t.text).join(''), exported: false };
  }
  if (keyword === 'from') {
    // from m.n import (a as b, c)  -> b, c
    const importAt = ts.findIndex((t) => t.text === 'import');
    const module = ts.slice(1, importAt < 0 ? ts.length : importAt).map((t) => t.text).join('');
    const bindings: string[] = [];
    for (let k = importAt + 1; importAt >= 0 && k < ts.length; k++) {
      const t = ts[k];
      if (t.text === '*') bindings.push('*');
      if (t.kind !== 'ident' || t.text === 'as') continue;
      if (ts[k + 1]?.text === 'as' && ts[k + 2]) {
        bindings.push(ts[k + 2].text);
        k += 2;
      } else bindings.push(t.text);
    }
    return { kind: 'import', bindings, module, exported: false };
  }
  if (ts[0]?.kind === 'ident' && (ts[1]?.text === '=' || ts[1]?.text === ':')) {
    return { kind: 'variable', name: ts[0].text, bindings: [ts[0].text], exported: true };
  }
  return { kind: 'other', bindings: [], exported: false };
}
