/**
 * A small tokenizer for Python: identifiers, string contents (all prefixes and triple quotes;
 * f-string text parts kept as they are), comments, bracket depth, and the logical lines that
 * Python's indentation rules are defined on (a statement continued inside brackets, by a
 * backslash or inside a triple-quoted string is one logical line).
 */
import { CLOSE_BRACKETS, OPEN_BRACKETS, type Token } from './tokens';

export interface LogicalLine {
  /** Index of its first token in the token list. */
  first: number;
  /** Index of its last token (inclusive; comments inside brackets included). */
  last: number;
  /** Columns of leading whitespace of its first physical line. */
  indent: number;
}

export interface PythonTokens {
  tokens: Token[];
  lines: LogicalLine[];
}

const STRING_PREFIX = /^(?:[rRbBuUfF]|[rR][bBfF]|[bBfF][rR])?(['"])/;

export function lexPython(text: string): PythonTokens {
  const tokens: Token[] = [];
  const lines: LogicalLine[] = [];
  let depth = 0;
  let i = 0;
  const n = text.length;
  let lineStart = true; // at the start of a physical line outside brackets and continuations
  let indent = 0;
  let current: LogicalLine | undefined;

  const push = (kind: Token['kind'], start: number, end: number, parts?: string[]): void => {
    if (kind !== 'comment' || depth > 0 || current) {
      if (!current) {
        current = { first: tokens.length, last: tokens.length, indent };
        lines.push(current);
      }
    }
    tokens.push({ kind, start, end, text: parts ? parts.join('') : text.slice(start, end), parts, depth });
    if (current && (kind !== 'comment' || depth > 0)) current.last = tokens.length - 1;
  };

  while (i < n) {
    const c = text[i];
    if (lineStart) {
      let j = i;
      let cols = 0;
      while (j < n && (text[j] === ' ' || text[j] === '\t' || text[j] === '\f')) {
        cols = text[j] === '\t' ? cols + 8 - (cols % 8) : cols + 1;
        j++;
      }
      indent = cols;
      lineStart = false;
      i = j;
      continue;
    }
    if (c === '\n') {
      i++;
      if (depth === 0) {
        current = undefined;
        lineStart = true;
      }
      continue;
    }
    if (c === ' ' || c === '\t' || c === '\r' || c === '\f' || c === '\ufeff') {
      i++;
      continue;
    }
    if (c === '\\' && (text[i + 1] === '\n' || (text[i + 1] === '\r' && text[i + 2] === '\n'))) {
      i += text[i + 1] === '\n' ? 2 : 3; // explicit line joining: the logical line goes on
      continue;
    }
    const start = i;
    if (c === '#') {
      while (i < n && text[i] !== '\n' && text[i] !== '\r') i++;
      push('comment', start, i);
      continue;
    }
    const prefix = STRING_PREFIX.exec(text.slice(i, i + 3));
    if (prefix) {
      const q = prefix[1];
      const open = i + prefix[0].length - 1;
      const triple = text.startsWith(q.repeat(3), open);
      const delim = triple ? q.repeat(3) : q;
      let j = open + delim.length;
      while (j < n && !text.startsWith(delim, j) && (triple || text[j] !== '\n')) j += text[j] === '\\' ? 2 : 1;
      const contentEnd = Math.min(j, n);
      i = Math.min(j + delim.length, n);
      push('string', start, i, [text.slice(open + delim.length, contentEnd)]);
      continue;
    }
    if (/[A-Za-z_\u00c0-\uffff]/.test(c)) {
      while (i < n && /[\w\u00c0-\uffff]/.test(text[i])) i++;
      push('ident', start, i);
      continue;
    }
    if (/[0-9]/.test(c) || (c === '.' && /[0-9]/.test(text[i + 1] ?? ''))) {
      while (i < n && /[\w.]/.test(text[i])) i++;
      push('number', start, i);
      continue;
    }
    i++;
    if (CLOSE_BRACKETS.includes(c)) depth = Math.max(0, depth - 1);
    push('punct', start, i);
    if (OPEN_BRACKETS.includes(c)) depth++;
  }
  return { tokens, lines };
}
