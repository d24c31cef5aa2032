/**
 * Geometry of the block graph (SVG user units = CSS pixels at scale 1). Feature maps sit on the
 * middle row at the cuts; each teacher block spans two of them on the top row, each student block
 * the same two on the bottom row, so a glance shows which teacher map a student block reads and
 * which it must reproduce.
 *
 * The SVG scales down to the panel's width, but text shrinks with it; so when all blocks in one
 * band would be drawn smaller than MIN_GRAPH_SCALE, the blocks wrap into several bands (each a
 * teacher row, a map row and a student row). A later band starts with a copy of the map the band
 * above ended with, the map its first block reads.
 */

export interface Rect {
  x: number;
  y: number;
  w: number;
  h: number;
}

export interface GraphLayout {
  width: number;
  height: number;
  /** Blocks per band, and bands. */
  perRow: number;
  rows: number;
  stem: Rect;
  head: Rect;
  /** One per cut: index 0 is the stem's output, index i+1 block i's output (in block i's band). */
  maps: Rect[];
  /** The map each block reads: maps[i], or its copy when block i starts a later band. */
  inputs: Rect[];
  /** The copies of maps that start later bands (`map`: the cut's index in `maps`). */
  repeats: { map: number; rect: Rect }[];
  /** Where a band that goes on in the next one ends (in place of the head). */
  continues: Rect[];
  teacher: Rect[];
  student: Rect[];
}

export const GRAPH = {
  blockW: 132,
  blockH: 74,
  studentH: 80,
  mapW: 78,
  mapH: 26,
  gap: 18,
  rowGap: 34,
  /** Between two bands. */
  bandGap: 22,
  pad: 8,
  /** Stem, head and row ends: narrow, their text on two short lines under the title. */
  endW: 58,
  endH: 46,
} as const;

/**
 * The smallest scale the graph is drawn at before its blocks wrap: its 11-12 px text stays at
 * 9 px or more. Below that, and with MIN_BLOCKS_PER_ROW blocks per band, the panel scrolls.
 */
export const MIN_GRAPH_SCALE = 0.8;
/** One block per band would make a long, thin graph; scrolling sideways is better there. */
export const MIN_BLOCKS_PER_ROW = 2;

const STEP = GRAPH.blockW + GRAPH.gap;
const BAND_H = GRAPH.blockH + GRAPH.rowGap + GRAPH.mapH + GRAPH.rowGap + GRAPH.studentH;

/** The natural width of a graph whose bands hold `perRow` blocks. */
export function graphWidth(perRow: number): number {
  const g = GRAPH;
  return g.pad + g.endW + g.gap + g.mapW + perRow * STEP + g.gap + g.endW + g.pad;
}

/**
 * Blocks per band for a holder `available` px wide: all of them while that fits at
 * MIN_GRAPH_SCALE or more, else the fewest bands that do, evened out (5 blocks: 3 + 2, not
 * 4 + 1). An unknown width (0: the panel is hidden) gets one band.
 */
export function blocksPerRow(blocks: number, available: number): number {
  if (blocks <= MIN_BLOCKS_PER_ROW || !(available > 0)) return Math.max(1, blocks);
  let fit = blocks;
  while (fit > MIN_BLOCKS_PER_ROW && graphWidth(fit) * MIN_GRAPH_SCALE > available) fit--;
  return Math.ceil(blocks / Math.ceil(blocks / fit));
}

export function graphLayout(blocks: number, perRow = blocks): GraphLayout {
  const g = GRAPH;
  const k = Math.max(1, Math.min(perRow, blocks));
  const rows = Math.max(1, Math.ceil(blocks / k));
  const bandTop = (r: number) => g.pad + r * (BAND_H + g.bandGap);
  const midY = (r: number) => bandTop(r) + g.blockH + g.rowGap;
  const bottomY = (r: number) => midY(r) + g.mapH + g.rowGap;
  const endBox = (x: number, r: number): Rect => ({ x, y: midY(r) + g.mapH / 2 - g.endH / 2, w: g.endW, h: g.endH });
  // Map j of a band is centred at cx(j); the band's block j between its maps j and j+1.
  const cx = (j: number) => g.pad + g.endW + g.gap + g.mapW / 2 + j * STEP;
  const mapAt = (j: number, r: number): Rect => ({ x: cx(j) - g.mapW / 2, y: midY(r), w: g.mapW, h: g.mapH });
  const afterMaps = (j: number) => cx(j) + g.mapW / 2 + g.gap;

  const stem = endBox(g.pad, 0);
  const maps: Rect[] = [mapAt(0, 0)];
  const inputs: Rect[] = [];
  const repeats: GraphLayout['repeats'] = [];
  const continues: Rect[] = [];
  const teacher: Rect[] = [];
  const student: Rect[] = [];
  for (let i = 0; i < blocks; i++) {
    const r = Math.floor(i / k);
    const j = i % k;
    if (j === 0 && r > 0) {
      const copy = mapAt(0, r);
      repeats.push({ map: i, rect: copy });
      inputs.push(copy);
    } else inputs.push(maps[i]);
    const centre = (cx(j) + cx(j + 1)) / 2;
    teacher.push({ x: centre - g.blockW / 2, y: bandTop(r), w: g.blockW, h: g.blockH });
    student.push({ x: centre - g.blockW / 2, y: bottomY(r), w: g.blockW, h: g.studentH });
    maps.push(mapAt(j + 1, r));
    if (j === k - 1 && r < rows - 1) continues.push(endBox(afterMaps(j + 1), r));
  }
  const lastJ = blocks === 0 ? 0 : ((blocks - 1) % k) + 1;
  const head = endBox(afterMaps(lastJ), rows - 1);
  const right = Math.max(head.x + head.w, ...continues.map((c) => c.x + c.w));
  return { width: right + g.pad, height: bandTop(rows - 1) + BAND_H + g.pad, perRow: k, rows, stem, head, maps, inputs, repeats, continues, teacher, student };
}

export function overlaps(a: Rect, b: Rect): boolean {
  return a.x < b.x + b.w && b.x < a.x + a.w && a.y < b.y + b.h && b.y < a.y + a.h;
}
