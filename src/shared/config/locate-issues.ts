/**
 * Turns schema problems into "file:line:column: field: reason" messages. The config is parsed
 * with jsonc-parser (comments and trailing commas are tolerated, as VS Code does for JSON
 * settings) so every problem can point at the exact spot in the user's file.
 */
import { findNodeAtLocation, parseTree, printParseErrorCode, type Node, type ParseError } from 'jsonc-parser';
import type { z } from 'zod';

export interface ConfigProblem {
  /** Dotted path of the field, e.g. "distill.epochs" ("" for the whole file). */
  field: string;
  message: string;
  /** 1-based line and column of the offending value (or of its parent when the field is missing). */
  line: number;
  column: number;
  /** 0-based offset and length, for editors. */
  offset: number;
  length: number;
}

export function lineAndColumn(text: string, offset: number): { line: number; column: number } {
  let line = 1;
  let last = -1;
  for (let i = 0; i < offset && i < text.length; i++) {
    if (text.charCodeAt(i) === 10) {
      line++;
      last = i;
    }
  }
  return { line, column: offset - last };
}

export interface ParsedJson {
  value: unknown;
  tree: Node | undefined;
  problems: ConfigProblem[];
}

/** Parses JSON with comments; syntax errors become problems with positions. */
export function parseJsonWithPositions(text: string): ParsedJson {
  const errors: ParseError[] = [];
  const tree = parseTree(text, errors, { allowTrailingComma: true, disallowComments: false });
  const problems = errors.map((e) => ({
    field: '',
    message: `JSON syntax error: ${printParseErrorCode(e.error)}`,
    ...lineAndColumn(text, e.offset),
    offset: e.offset,
    length: Math.max(1, e.length),
  }));
  return { value: tree ? nodeValue(tree) : undefined, tree, problems };
}

function nodeValue(node: Node): unknown {
  switch (node.type) {
    case 'object':
      return Object.fromEntries((node.children ?? []).map((p) => [p.children![0].value as string, p.children![1] ? nodeValue(p.children![1]) : undefined]));
    case 'array':
      return (node.children ?? []).map(nodeValue);
    default:
      return node.value;
  }
}

/** Maps zod issues onto the parsed tree: the deepest existing node on each issue's path. */
export function locateIssues(text: string, tree: Node | undefined, issues: z.core.$ZodIssue[]): ConfigProblem[] {
  return issues.map((issue) => {
    const path = issue.path.map((p) => (typeof p === 'symbol' ? String(p) : p)) as (string | number)[];
    let target: Node | undefined;
    // Unknown keys: point at the key itself rather than at its parent object.
    if (issue.code === 'unrecognized_keys' && tree) {
      const parent = path.length ? findNodeAtLocation(tree, path) : tree;
      const key = parent?.children?.find((p) => issue.keys.includes(p.children?.[0]?.value as string));
      target = key?.children?.[0];
    }
    for (let n = path.length; !target && n >= 0 && tree; n--) target = n === 0 ? tree : findNodeAtLocation(tree, path.slice(0, n));
    const offset = target?.offset ?? 0;
    const field = path.join('.');
    const message = issue.code === 'unrecognized_keys' ? `unknown field${issue.keys.length > 1 ? 's' : ''} ${issue.keys.map((k) => `"${k}"`).join(', ')}` : issue.message;
    return { field, message, ...lineAndColumn(text, offset), offset, length: Math.max(1, target?.length ?? 1) };
  });
}

export function formatProblems(file: string, problems: ConfigProblem[]): string {
  return problems.map((p) => `${file}:${p.line}:${p.column}: ${p.field ? `${p.field}: ` : ''}${p.message}`).join('\n');
}
