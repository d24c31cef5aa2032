/**
 * The top-level shape of a source file, the same for every language: its statements (what each
 * defines or imports, and its lines), where a new top-level definition may go, and bracket
 * nesting. Built by script-structure.ts (TS/JS) and python-structure.ts.
 */
import type { SourceLanguage } from './language';
import { LineIndex } from './lines';
import type { Token } from './tokens';

export interface TopLevelStatement {
  kind: 'function' | 'class' | 'variable' | 'import' | 'other';
  /** The name it defines (functions, classes, variables). */
  name?: string;
  /** Names it binds at module level (an import's local names; a definition's name). */
  bindings: string[];
  /** Imports: the module imported from. */
  module?: string;
  exported: boolean;
  /** Index of its first and last token. */
  firstToken: number;
  lastToken: number;
  /** Line of its first token (for a definition: the `function`/`def`/`class` line or a decorator). */
  startLine: number;
  /** First line including an attached doc comment (TS/JS `/** ... *\/` or `//` lines right above). */
  docStartLine: number;
  /** Line of its last token. */
  endLine: number;
}

export interface SourceStructure {
  language: SourceLanguage;
  text: string;
  lines: LineIndex;
  tokens: Token[];
  statements: TopLevelStatement[];
  /** For each token, the index of the innermost open bracket around it (-1 at top level). */
  enclosing: number[];
  /** For each open bracket token, the index of its closing bracket (or the last token when unclosed). */
  closing: Map<number, number>;
  /** Line range [start, end] of the statement-level context of a token (for TS: widened over (...) groups; Python: its logical line). */
  mentionLines(tokenIndex: number): [number, number];
  /**
   * How deeply the code starting on a line is nested (TS/JS: bracket depth of its first token;
   * Python: indentation of a logical line starting there); Infinity for lines without code or
   * that continue a statement. Code at a lower nesting between two mentions separates them.
   */
  lineNesting(line: number): number;
}

/** Bracket bookkeeping shared by both languages. */
export function bracketMaps(tokens: Token[]): { enclosing: number[]; closing: Map<number, number> } {
  const enclosing: number[] = [];
  const closing = new Map<number, number>();
  const stack: number[] = [];
  tokens.forEach((t, i) => {
    if (t.kind === 'punct' && ')]}'.includes(t.text)) {
      const open = stack.pop();
      if (open !== undefined) closing.set(open, i);
    }
    enclosing.push(stack.length ? stack[stack.length - 1] : -1);
    if (t.kind === 'punct' && '([{'.includes(t.text)) stack.push(i);
  });
  for (const open of stack) closing.set(open, tokens.length - 1);
  return { enclosing, closing };
}

/**
 * Whether a new top-level definition can start at the beginning of `line`: no statement (with its
 * doc comment) and no multi-line comment or string spans across that line start.
 */
export function isInsertionLine(structure: SourceStructure, line: number): boolean {
  for (const s of structure.statements) if (s.docStartLine < line && line <= s.endLine) return false;
  const offset = structure.lines.lineStart(line);
  for (const t of structure.tokens) if (t.start < offset && offset < t.end) return false;
  return true;
}

export function newLineIndex(text: string): LineIndex {
  return new LineIndex(text);
}
