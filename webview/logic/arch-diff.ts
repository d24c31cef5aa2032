/**
 * The architecture diff: the teacher and a student architecture side by side, block by block,
 * with exact costs from the shared cost model and the changes between them. Stem and head are
 * the teacher's own layers in every student, so they appear once, unchanged.
 */
import { addCost, pathCost, ZERO_COST, type Cost } from '../../src/shared/cost';
import type { RunState } from '../../src/shared/run-state';
import { opId, parseCandidateId, type SearchSpaceSpec } from '../../src/shared/search-space';

export interface DiffRow {
  kind: 'stem' | 'block' | 'head' | 'total';
  name: string;
  teacher: Cost & { layers?: number; layerNames?: string[] };
  student: Cost & { depth?: number; ops?: string[] };
  delta: Cost;
  /** The candidate id of a block row. */
  candidate?: string;
  /** Block rows: the feature maps the block reads and reproduces. */
  inputShape?: readonly number[];
  outputShape?: readonly number[];
}

export class DiffError extends Error {}

function delta(student: Cost, teacher: Cost): Cost {
  return { params: student.params - teacher.params, flops: student.flops - teacher.flops };
}

/** Rows for one architecture given as one candidate id per block. */
export function architectureDiff(teacher: NonNullable<RunState['teacher']>, space: SearchSpaceSpec, candidates: readonly string[]): DiffRow[] {
  if (candidates.length !== space.blocks.length) {
    throw new DiffError(`the architecture has ${candidates.length} block choices but the search space has ${space.blocks.length} blocks`);
  }
  const rows: DiffRow[] = [{ kind: 'stem', name: 'stem', teacher: { ...teacher.stem }, student: { ...teacher.stem }, delta: { ...ZERO_COST } }];
  let teacherTotal = teacher.stem;
  let studentTotal = teacher.stem;
  candidates.forEach((id, b) => {
    const path = parseCandidateId(space, id);
    if (path.block !== b) throw new DiffError(`choice ${b} is "${id}", a candidate of block ${path.block}`);
    const sb = space.blocks[b];
    const tb = teacher.blocks[b];
    if (!tb) throw new DiffError(`the teacher has no block ${b}`);
    const ops = path.ops.map((o) => space.ops[o]);
    const cost = pathCost(sb, ops, space.family);
    const tCost = { params: tb.params, flops: tb.flops };
    rows.push({
      kind: 'block',
      name: sb.name,
      teacher: { ...tCost, layers: tb.layers.length, layerNames: tb.layers },
      student: { ...cost, depth: path.depth, ops: ops.map(opId) },
      delta: delta(cost, tCost),
      candidate: id,
      inputShape: sb.inputShape,
      outputShape: sb.outputShape,
    });
    teacherTotal = addCost(teacherTotal, tCost);
    studentTotal = addCost(studentTotal, cost);
  });
  rows.push({ kind: 'head', name: 'head', teacher: { ...teacher.head }, student: { ...teacher.head }, delta: { ...ZERO_COST } });
  teacherTotal = addCost(teacherTotal, teacher.head);
  studentTotal = addCost(studentTotal, teacher.head);
  rows.push({ kind: 'total', name: 'total', teacher: teacherTotal, student: studentTotal, delta: delta(studentTotal, teacherTotal) });
  return rows;
}
