/**
 * Any candidate or Pareto point as a full architecture, from one the run already reported (the
 * chosen one has the teacher's stem, head and block shapes): its blocks take the ops of the given
 * candidate ids (`b2.d3:k3e6-k5e3-k7e6`; blocks not named keep theirs). Pure, so the extension can
 * open candidates without the engine.
 */
import type { ArchitectureSpec } from '../shared/architecture';
import { parseOpId } from '../shared/search-space';

export function architectureForCandidates(base: ArchitectureSpec, candidateIds: readonly string[], name?: string): ArchitectureSpec {
  const blocks = base.blocks.map((b) => ({ ...b, ops: [...b.ops] }));
  for (const id of candidateIds) {
    const m = /^b(\d+)\.d(\d+):([\w-]+)$/.exec(id);
    if (!m) throw new Error(`Not a candidate id: "${id}" (expected like "b0.d3:k3e6-k5e3-k7e6")`);
    const block = blocks.findIndex((b) => b.index === Number(m[1]));
    if (block < 0) throw new Error(`Candidate "${id}": the architecture has no block ${m[1]} (blocks ${base.blocks.map((b) => b.index).join(', ')})`);
    const ops = m[3].split('-').map(parseOpId);
    if (ops.length !== Number(m[2])) throw new Error(`Candidate "${id}": depth ${m[2]} but ${ops.length} ops`);
    blocks[block].ops = ops;
  }
  const runId = base.provenance?.runId;
  return {
    ...base,
    name: name ?? base.name,
    blocks,
    provenance: { ...(runId ? { runId } : {}), note: `candidates ${candidateIds.join(', ')}` },
  };
}
