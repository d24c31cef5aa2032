/**
 * Top-level statements of a TypeScript/JavaScript file, from the token stream: where each one
 * starts and ends (by `;`, a closing `}` at top level, or a line break where automatic semicolon
 * insertion ends it), and what it defines or imports (ES imports, `import x = require()`, and
 * CommonJS `const x = require()`).
 */
import { LineIndex } from './lines';
import { lexScript } from './script-lexer';
import { bracketMaps, type SourceStructure, type TopLevelStatement } from './source-structure';
import type { Token } from './tokens';

const MODIFIERS = new Set(['export', 'default', 'declare', 'async', 'abstract']);
/** A token that continues the previous line's expression rather than starting a statement. */
const CONTINUES = new Set(['.', ',', ')', ']', '}', '?', ':', '=', '(', '[', '+', '-', '*', '/', '%', '&', '|', '^', '<', '>', 'else', 'catch', 'finally', 'as', 'satisfies', 'instanceof', 'in', 'of', 'extends', 'implements']);
/** Tokens after which an expression is complete, so a line break may end the statement. */
const ENDS_EXPRESSION = (t: Token): boolean => t.kind === 'ident' || t.kind === 'number' || t.kind === 'string' || t.kind === 'regex' || (t.kind === 'punct' && ')]}'.includes(t.text));

export function isRegionMarkerComment(text: string): boolean {
  return /^(\/\/|#)\s*#?(region|endregion)\b/.test(text);
}

export function scriptStructure(text: string, language: 'typescript' | 'javascript'): SourceStructure {
  const tokens = lexScript(text);
  const lines = new LineIndex(text);
  const { enclosing, closing } = bracketMaps(tokens);
  const lineOf = (i: number): number => lines.lineAt(tokens[i].start);
  const significant = tokens.map((t, i) => (t.kind === 'comment' ? -1 : i)).filter((i) => i >= 0);

  // Split the top-level token stream into statements.
  const ranges: [number, number][] = [];
  let start = -1;
  for (let k = 0; k < significant.length; k++) {
    const i = significant[k];
    const t = tokens[i];
    const nextIndex = significant[k + 1];
    if (start < 0) start = i;
    if (t.depth !== 0 || enclosing[i] !== -1) continue;
    const next = nextIndex === undefined ? undefined : tokens[nextIndex];
    const newLineNext = next !== undefined && lines.lineAt(next.start) > lines.lineAt(t.end);
    const endsHere =
      next === undefined ||
      (t.kind === 'punct' && t.text === ';') ||
      (newLineNext && ENDS_EXPRESSION(t) && !CONTINUES.has(next.text));
    if (endsHere) {
      ranges.push([start, i]);
      start = -1;
    }
  }

  const statements = ranges.map(([first, last]) => describe(tokens, first, last));
  for (const s of statements) {
    s.startLine = lineOf(s.firstToken);
    s.endLine = lineOf(s.lastToken);
    s.docStartLine = s.startLine;
    if (s.kind === 'import' || s.kind === 'other') continue; // a file header comment is nobody's doc
    // Attach the doc comment (or run of line comments) right above the statement, each on lines of its own.
    for (let j = s.firstToken - 1; j >= 0 && tokens[j].kind === 'comment'; j--) {
      const c = tokens[j];
      const ownLine = j === 0 || lines.lineAt(tokens[j - 1].end) < lines.lineAt(c.start);
      if (isRegionMarkerComment(c.text) || !ownLine || lines.lineAt(c.end) < s.docStartLine - 1) break;
      s.docStartLine = lines.lineAt(c.start);
    }
  }

  const mentionLines = (i: number): [number, number] => {
    // Widen over the (...) and [...] groups around the token, so a call spread over several lines counts as a whole.
    let from = i;
    let to = i;
    for (let open = enclosing[i]; open >= 0 && tokens[open].text !== '{'; open = enclosing[open]) {
      from = open;
      to = closing.get(open) ?? to;
    }
    return [lineOf(from), lineOf(to)];
  };
  const nesting = new Map<number, number>();
  for (const t of tokens) {
    if (t.kind === 'comment') continue;
    const line = lines.lineAt(t.start);
    if (!nesting.has(line)) nesting.set(line, t.depth);
  }
  const lineNesting = (line: number): number => nesting.get(line) ?? Infinity;
  return { language, text, lines, tokens, statements, enclosing, closing, mentionLines, lineNesting };
}

function describe(tokens: Token[], first: number, last: number): TopLevelStatement {
  const s: TopLevelStatement = { kind: 'other', bindings: [], exported: false, firstToken: first, lastToken: last, startLine: 0, docStartLine: 0, endLine: 0 };
  const sig: number[] = [];
  for (let i = first; i <= last; i++) if (tokens[i].kind !== 'comment') sig.push(i);
  const at = (k: number): Token | undefined => (k < sig.length ? tokens[sig[k]] : undefined);
  let k = 0;
  if (at(0)?.text === 'import' && at(1)?.text !== '(' && at(1)?.text !== '.') return describeImport(tokens, sig, s);
  while (at(k) && MODIFIERS.has(at(k)!.text) && at(k)!.kind === 'ident') {
    if (at(k)!.text === 'export') s.exported = true;
    k++;
  }
  const keyword = at(k)?.text;
  if (keyword === 'function') {
    const nameToken = at(k + 1)?.text === '*' ? at(k + 2) : at(k + 1);
    if (nameToken?.kind === 'ident') return { ...s, kind: 'function', name: nameToken.text, bindings: [nameToken.text] };
  } else if (keyword === 'class') {
    const nameToken = at(k + 1);
    if (nameToken?.kind === 'ident') return { ...s, kind: 'class', name: nameToken.text, bindings: [nameToken.text] };
  } else if (keyword === 'const' || keyword === 'let' || keyword === 'var') {
    // `const x = require('m')`, `const { a, b: c } = require('m')`, or a plain variable.
    const eq = sig.findIndex((i, n) => n > k && tokens[i].text === '=' && tokens[i].depth === tokens[sig[k]].depth);
    const pattern = sig.slice(k + 1, eq < 0 ? k + 2 : eq).map((i) => tokens[i]);
    const names = pattern.length === 1 ? [pattern[0].text] : destructuredNames(pattern);
    const init = eq >= 0 ? [at(eq + 1), at(eq + 2), at(eq + 3)] : [];
    if (init[0]?.text === 'require' && init[1]?.text === '(' && init[2]?.kind === 'string') {
      return { ...s, kind: 'import', bindings: names, module: init[2].text };
    }
    return { ...s, kind: 'variable', name: names[0], bindings: names };
  } else if (keyword === 'interface' || keyword === 'type' || keyword === 'enum' || keyword === 'namespace') {
    const nameToken = at(k + 1);
    if (nameToken?.kind === 'ident') return { ...s, name: nameToken.text, bindings: [nameToken.text] };
  }
  return s;
}

/** Local names of a destructuring pattern `{ a, b: c, ...d }` or `[a, b]`. */
function destructuredNames(pattern: Token[]): string[] {
  const names: string[] = [];
  pattern.forEach((t, i) => {
    if (t.kind !== 'ident') return;
    const next = pattern[i + 1]?.text;
    if (next === ':') return; // `b: c` binds c
    names.push(t.text);
  });
  return names;
}

function describeImport(tokens: Token[], sig: number[], s: TopLevelStatement): TopLevelStatement {
  const ts = sig.map((i) => tokens[i]);
  const moduleToken = ts.find((t) => t.kind === 'string');
  const bindings: string[] = [];
  // `import x = require('m')`
  if (ts[2]?.text === '=' && ts[1]?.kind === 'ident') return { ...s, kind: 'import', bindings: [ts[1].text], module: moduleToken?.text };
  let k = 1;
  if (ts[k]?.text === 'type' && ts[k + 1]?.text !== 'from' && ts[k + 1]?.text !== ',') k++;
  for (; k < ts.length && ts[k].text !== 'from' && ts[k].kind !== 'string'; k++) {
    const t = ts[k];
    if (t.text === '*' && ts[k + 1]?.text === 'as' && ts[k + 2]) {
      bindings.push(ts[k + 2].text);
      k += 2;
    } else if (t.text === '{') {
      for (k++; k < ts.length && ts[k].text !== '}'; k++) {
        if (ts[k].kind !== 'ident' || ts[k].text === 'type') continue;
        if (ts[k + 1]?.text === 'as') {
          bindings.push(ts[k + 2].text);
          k += 2;
        } else bindings.push(ts[k].text);
      }
    } else if (t.kind === 'ident') bindings.push(t.text);
  }
  return { ...s, kind: 'import', bindings, module: moduleToken?.text };
}
