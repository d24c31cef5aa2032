/**
 * A small tokenizer for TypeScript/JavaScript: enough to find identifiers, string contents
 * (template literals included, their `${...}` skipped), comments and bracket depth without being
 * fooled by brackets or quotes inside strings, comments or regex literals. Not a parser: the
 * analysis on top of it uses only statement-level structure.
 */
import { CLOSE_BRACKETS, OPEN_BRACKETS, type Token } from './tokens';

/** After these keywords a `/` starts a regex literal, not a division. */
const REGEX_AFTER_KEYWORD = new Set(['return', 'typeof', 'instanceof', 'in', 'of', 'new', 'delete', 'void', 'throw', 'case', 'do', 'else', 'yield', 'await']);

const isIdentStart = (c: string): boolean => /[A-Za-z_$\u00c0-\uffff]/.test(c);
const isIdentPart = (c: string): boolean => /[\w$\u00c0-\uffff]/.test(c);

export function lexScript(text: string): Token[] {
  const tokens: Token[] = [];
  let depth = 0;
  let i = 0;
  const n = text.length;
  const push = (kind: Token['kind'], start: number, end: number, parts?: string[]): void => {
    tokens.push({ kind, start, end, text: parts ? parts.join('') : text.slice(start, end), parts, depth });
  };
  const lastSignificant = (): Token | undefined => {
    for (let k = tokens.length - 1; k >= 0; k--) if (tokens[k].kind !== 'comment') return tokens[k];
    return undefined;
  };
  const regexAllowed = (): boolean => {
    const prev = lastSignificant();
    if (!prev) return true;
    if (prev.kind === 'punct') return !')]}'.includes(prev.text);
    if (prev.kind === 'ident') return REGEX_AFTER_KEYWORD.has(prev.text);
    return false;
  };

  /** Skips a quoted string starting at `i` (the quote); returns its end and content. */
  const quoted = (from: number): { end: number; content: string } => {
    const quote = text[from];
    let j = from + 1;
    while (j < n && text[j] !== quote && text[j] !== '\n') j += text[j] === '\\' ? 2 : 1;
    return { end: Math.min(j + 1, n), content: text.slice(from + 1, Math.min(j, n)) };
  };

  /** Skips a template literal starting at `from` (the backtick); returns its end and static parts. */
  const template = (from: number): { end: number; parts: string[] } => {
    const parts: string[] = [];
    let j = from + 1;
    let partStart = j;
    while (j < n && text[j] !== '`') {
      if (text[j] === '\\') {
        j += 2;
        continue;
      }
      if (text[j] === '$' && text[j + 1] === '{') {
        parts.push(text.slice(partStart, j));
        j = skipExpression(j + 2);
        partStart = j;
        continue;
      }
      j++;
    }
    parts.push(text.slice(partStart, Math.min(j, n)));
    return { end: Math.min(j + 1, n), parts };
  };

  /** Skips a `${ ... }` expression body from `from`; returns the offset after its closing brace. */
  const skipExpression = (from: number): number => {
    let level = 0;
    let j = from;
    while (j < n) {
      const c = text[j];
      if (c === '}' && level === 0) return j + 1;
      if (c === '{') level++;
      else if (c === '}') level--;
      else if (c === "'" || c === '"') {
        j = quoted(j).end;
        continue;
      } else if (c === '`') {
        j = template(j).end;
        continue;
      } else if (c === '/' && text[j + 1] === '/') {
        while (j < n && text[j] !== '\n') j++;
        continue;
      } else if (c === '/' && text[j + 1] === '*') {
        const close = text.indexOf('*/', j + 2);
        j = close < 0 ? n : close + 2;
        continue;
      }
      j++;
    }
    return n;
  };

  while (i < n) {
    const c = text[i];
    if (c === ' ' || c === '\t' || c === '\n' || c === '\r' || c === '\f' || c === '\v' || c === '\ufeff') {
      i++;
      continue;
    }
    const start = i;
    if (c === '/' && text[i + 1] === '/') {
      while (i < n && text[i] !== '\n' && text[i] !== '\r') i++;
      push('comment', start, i);
    } else if (c === '/' && text[i + 1] === '*') {
      const close = text.indexOf('*/', i + 2);
      i = close < 0 ? n : close + 2;
      push('comment', start, i);
    } else if (c === '#' && i === 0 && text[1] === '!') {
      while (i < n && text[i] !== '\n') i++;
      push('comment', start, i);
    } else if (c === "'" || c === '"') {
      const q = quoted(i);
      i = q.end;
      push('string', start, i, [q.content]);
    } else if (c === '`') {
      const t = template(i);
      i = t.end;
      push('string', start, i, t.parts);
    } else if (c === '/' && regexAllowed()) {
      let j = i + 1;
      let inClass = false;
      while (j < n && text[j] !== '\n') {
        if (text[j] === '\\') j++;
        else if (text[j] === '[') inClass = true;
        else if (text[j] === ']') inClass = false;
        else if (text[j] === '/' && !inClass) break;
        j++;
      }
      if (j < n && text[j] === '/') {
        j++;
        while (j < n && /[a-z]/i.test(text[j])) j++;
        i = j;
        push('regex', start, i);
      } else {
        i++;
        push('punct', start, i);
      }
    } else if (isIdentStart(c)) {
      while (i < n && isIdentPart(text[i])) i++;
      push('ident', start, i);
    } else if (/[0-9]/.test(c) || (c === '.' && /[0-9]/.test(text[i + 1] ?? ''))) {
      while (i < n && /[\w.]/.test(text[i])) i++;
      push('number', start, i);
    } else {
      i++;
      if (CLOSE_BRACKETS.includes(c)) depth = Math.max(0, depth - 1);
      push('punct', start, i);
      if (OPEN_BRACKETS.includes(c)) depth++;
    }
  }
  return tokens;
}
