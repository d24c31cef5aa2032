/**
 * Geometry of the block graph (SVG user units = CSS pixels). Feature maps sit on the middle row
 * at the cuts; each teacher block spans two of them on the top row, each student block the
 * same two on the bottom row, so a glance shows which teacher map a student block reads and
 * which it must reproduce.
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
  stem: Rect;
  head: Rect;
  /** One per cut: index 0 is the stem's output, index i+1 block i's output. */
  maps: Rect[];
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
  pad: 8,
  endW: 58,
} as const;

export function graphLayout(blocks: number): GraphLayout {
  const g = GRAPH;
  const top = g.pad;
  const mid = top + g.blockH + g.rowGap;
  const bottom = mid + g.mapH + g.rowGap;
  const height = bottom + g.studentH + g.pad;
  const stem: Rect = { x: g.pad, y: mid + g.mapH / 2 - 16, w: g.endW, h: 32 };
  const maps: Rect[] = [];
  const teacher: Rect[] = [];
  const student: Rect[] = [];
  // Map i is centred at cx(i); block i is centred between map i and map i+1.
  const step = g.blockW + g.gap;
  const firstCx = stem.x + stem.w + g.gap + g.mapW / 2;
  const cx = (i: number) => firstCx + i * step;
  for (let i = 0; i <= blocks; i++) maps.push({ x: cx(i) - g.mapW / 2, y: mid, w: g.mapW, h: g.mapH });
  for (let i = 0; i < blocks; i++) {
    const centre = (cx(i) + cx(i + 1)) / 2;
    teacher.push({ x: centre - g.blockW / 2, y: top, w: g.blockW, h: g.blockH });
    student.push({ x: centre - g.blockW / 2, y: bottom, w: g.blockW, h: g.studentH });
  }
  const lastMap = maps[maps.length - 1];
  const head: Rect = { x: lastMap.x + lastMap.w + g.gap, y: stem.y, w: g.endW, h: 32 };
  return { width: head.x + head.w + g.pad, height, stem, head, maps, teacher, student };
}

export function overlaps(a: Rect, b: Rect): boolean {
  return a.x < b.x + b.w && b.x < a.x + a.w && a.y < b.y + b.h && b.y < a.y + a.h;
}
