/**
 * Finds where a teacher's blocks are written in a source file from its layer names. A token —
 * an identifier or the text of a string — mentions a block when, read as a layer name
 * (sanitizeLayerName: dots, slashes and colons become underscores), it is one of the block's
 * layer names, or a prefix of them up to a `_` that no other block's layer names share:
 * `'stage1_unit1'` in `invertedResidual(x, 'stage1_unit1', ...)`, `self.stage1 = ...` in
 * PyTorch. Comments do not count. Mentions of a block form clusters: two mentions are apart when
 * code of another block, or code nested less deeply (the end of a function, a new method), lies
 * between them; so PyTorch's `__init__` and `forward` give a block two ranges.
 */
import { sanitizeLayerName } from '../shared/layer-names';
import type { LineRange } from './lines';
import type { SourceStructure } from './source-structure';

export interface BlockNames {
  name: string;
  layers: readonly string[];
}

export interface NameMentions {
  /** Clusters of lines, in file order. */
  ranges: LineRange[];
  /** The block's layer names that some token names exactly or by a prefix. */
  matchedLayers: string[];
}

/** Per block, which tokens' canonical forms name it: exact layer names and unambiguous prefixes. */
function nameIndex(blocks: readonly BlockNames[]): { exact: Map<string, number>; prefix: Map<string, Set<number>> } {
  const exact = new Map<string, number>();
  const prefix = new Map<string, Set<number>>();
  blocks.forEach((block, b) => {
    for (const layer of block.layers) {
      const canonical = sanitizeLayerName(layer);
      exact.set(canonical, b);
      const parts = canonical.split('_');
      for (let k = 1; k <= parts.length; k++) {
        const p = parts.slice(0, k).join('_');
        if (!prefix.has(p)) prefix.set(p, new Set());
        prefix.get(p)!.add(b);
      }
    }
  });
  return { exact, prefix };
}

/** Mentions of every block (index-aligned with `blocks`), ignoring tokens on `excludedLines`. */
export function findNameMentions(structure: SourceStructure, blocks: readonly BlockNames[], excludedLines: (line: number) => boolean): NameMentions[] {
  const { exact, prefix } = nameIndex(blocks);
  const intervals: [number, number][][] = blocks.map(() => []);
  const matched: Set<string>[] = blocks.map(() => new Set());
  const owner = new Map<number, Set<number>>(); // line -> blocks mentioned on it

  structure.tokens.forEach((t, i) => {
    if (t.kind !== 'ident' && t.kind !== 'string') return;
    const line = structure.lines.lineAt(t.start);
    if (excludedLines(line)) return;
    for (const part of t.kind === 'string' ? (t.parts ?? [t.text]) : [t.text]) {
      if (!/[A-Za-z0-9]/.test(part) || part.length > 200) continue;
      const canonical = sanitizeLayerName(part);
      let block = exact.get(canonical);
      if (block === undefined) {
        const owners = prefix.get(canonical);
        if (owners?.size !== 1) continue;
        block = [...owners][0];
      }
      for (const layer of blocks[block].layers) {
        const c = sanitizeLayerName(layer);
        if (c === canonical || c.startsWith(`${canonical}_`)) matched[block].add(layer);
      }
      const [from, to] = structure.mentionLines(i);
      intervals[block].push([from, to]);
      for (let l = from; l <= to; l++) {
        if (!owner.has(l)) owner.set(l, new Set());
        owner.get(l)!.add(block);
      }
    }
  });

  return blocks.map((block, b) => {
    const sorted = intervals[b].sort((x, y) => x[0] - y[0] || x[1] - y[1]);
    const ranges: LineRange[] = [];
    for (const [from, to] of sorted) {
      const last = ranges[ranges.length - 1];
      if (last && from <= last.end + 1) {
        last.end = Math.max(last.end, to);
        continue;
      }
      if (last && !separated(structure, owner, b, last, from)) {
        last.end = Math.max(last.end, to);
        continue;
      }
      ranges.push({ start: from, end: to });
    }
    return { ranges, matchedLayers: block.layers.filter((l) => matched[b].has(l)) };
  });
}

/** Whether the lines between a cluster and the next mention hold another block's code or shallower code. */
function separated(structure: SourceStructure, owner: Map<number, Set<number>>, block: number, cluster: LineRange, next: number): boolean {
  const level = Math.min(structure.lineNesting(cluster.start), structure.lineNesting(next));
  for (let l = cluster.end + 1; l < next; l++) {
    const blocks = owner.get(l);
    if (blocks && [...blocks].some((b) => b !== block)) return true;
    if (structure.lineNesting(l) < level) return true;
  }
  return false;
}
