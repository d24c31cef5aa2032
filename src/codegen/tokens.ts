/**
 * The token stream the source analysis works on. Both lexers (TS/JS and Python) produce it; the
 * analysis only needs identifiers, string contents, comments and brackets, so tokens stay coarse.
 */
export type TokenKind = 'ident' | 'string' | 'comment' | 'number' | 'punct' | 'regex';

export interface Token {
  kind: TokenKind;
  /** Offsets into the source text: [start, end). */
  start: number;
  end: number;
  /** The raw text, except for strings: their literal parts without quotes (one per static part of a template/f-string). */
  text: string;
  parts?: string[];
  /** Bracket nesting ((), [], {}) before this token. */
  depth: number;
}

export const OPEN_BRACKETS = '([{';
export const CLOSE_BRACKETS = ')]}';
