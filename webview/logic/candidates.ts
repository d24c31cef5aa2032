/**
 * The candidate table's rows: every ranked path of one block (all its depths), with sorting and
 * a small filter language. Pure, so it is tested without a browser and cheap enough to rerun on
 * every keystroke for thousands of rows.
 */
import type { RunState } from '../../src/shared/run-state';

export interface CandidateRow {
  /** `b<block>.d<depth>:<ops>`, the id every message uses. */
  id: string;
  block: number;
  depth: number;
  ops: string;
  score: number;
  params: number;
  flops: number;
  /** 1-based rank by score within the block (all depths together). */
  rank: number;
}

export const SORT_KEYS = ['rank', 'depth', 'ops', 'score', 'params', 'flops'] as const;
export type SortKey = (typeof SORT_KEYS)[number];
export interface TableSort {
  key: SortKey;
  dir: 'asc' | 'desc';
}
export const DEFAULT_SORT: TableSort = { key: 'rank', dir: 'asc' };

/** All ranked candidates of a block, ranked by score (ties broken by id, so ranks are stable). */
export function candidateRows(state: RunState, block: number): CandidateRow[] {
  const rows: CandidateRow[] = [];
  for (const net of Object.values(state.supernets)) {
    if (net.block !== block || !net.ranking) continue;
    for (const c of net.ranking) {
      rows.push({ id: `b${block}.d${net.depth}:${c.ops}`, block, depth: net.depth, ops: c.ops, score: c.score, params: c.params, flops: c.flops, rank: 0 });
    }
  }
  rows.sort((a, b) => a.score - b.score || compareText(a.id, b.id));
  rows.forEach((r, i) => (r.rank = i + 1));
  return rows;
}

function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** A new array sorted by the key (ties by rank, so the order is total and stable). */
export function sortRows(rows: readonly CandidateRow[], sort: TableSort): CandidateRow[] {
  const sign = sort.dir === 'asc' ? 1 : -1;
  const key = sort.key;
  const cmp =
    key === 'ops'
      ? (a: CandidateRow, b: CandidateRow) => sign * compareText(a.ops, b.ops) || a.rank - b.rank
      : (a: CandidateRow, b: CandidateRow) => sign * (a[key] - b[key]) || a.rank - b.rank;
  return [...rows].sort(cmp);
}

type NumericField = 'score' | 'params' | 'flops' | 'depth' | 'rank';
interface Comparison {
  field: NumericField;
  op: '<' | '<=' | '>' | '>=' | '=';
  value: number;
}
export interface RowFilter {
  /** Text terms; each must occur in the row's `d<depth>:<ops>`. */
  terms: string[];
  comparisons: Comparison[];
}

const SUFFIX: Record<string, number> = { '': 1, k: 1e3, m: 1e6, g: 1e9 };
const COMPARISON = /^(score|params|flops|depth|rank)(<=|>=|<|>|=)(\d+(?:\.\d+)?|\.\d+)([kmg]?)$/;

/**
 * Parses a filter: whitespace-separated terms, all of which must match. A term is either text
 * (found in `d2:k3e6-k5e3`, case-insensitive: "k7", "d3", "e6-k5") or a comparison on a number
 * column with an optional k/M/G suffix ("flops<2M", "score<=0.3", "depth=2").
 */
export function parseFilter(query: string): RowFilter {
  const terms: string[] = [];
  const comparisons: Comparison[] = [];
  for (const raw of query.toLowerCase().split(/\s+/)) {
    if (!raw) continue;
    const m = COMPARISON.exec(raw);
    if (m) comparisons.push({ field: m[1] as NumericField, op: m[2] as Comparison['op'], value: Number(m[3]) * SUFFIX[m[4]] });
    else terms.push(raw);
  }
  return { terms, comparisons };
}

function compare(v: number, c: Comparison): boolean {
  switch (c.op) {
    case '<':
      return v < c.value;
    case '<=':
      return v <= c.value;
    case '>':
      return v > c.value;
    case '>=':
      return v >= c.value;
    case '=':
      return v === c.value;
  }
}

export function filterRows(rows: readonly CandidateRow[], query: string): CandidateRow[] {
  const f = parseFilter(query);
  if (f.terms.length === 0 && f.comparisons.length === 0) return [...rows];
  return rows.filter((r) => {
    const text = `d${r.depth}:${r.ops}`.toLowerCase();
    return f.terms.every((t) => text.includes(t)) && f.comparisons.every((c) => compare(r[c.field], c));
  });
}

/** Clicking a column header: same column flips direction, a new column starts ascending. */
export function nextSort(current: TableSort, key: SortKey): TableSort {
  return current.key === key ? { key, dir: current.dir === 'asc' ? 'desc' : 'asc' } : { key, dir: 'asc' };
}
