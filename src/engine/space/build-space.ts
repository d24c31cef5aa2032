/**
 * The student search space of a teacher cut: one searchable block per teacher block, with the
 * same input and output feature maps (so each can be trained on the teacher's maps alone), the
 * config's candidate ops and depth variants, and a student width derived from the teacher's.
 */
import type { SearchConfig } from '../../shared/config/search-config';
import type { SearchSpaceSpec, StudentBlockSpec } from '../../shared/search-space';
import type { TeacherCut } from '../teacher/cut-teacher';

export function buildSearchSpace(cut: TeacherCut, space: SearchConfig['space']): SearchSpaceSpec {
  const blocks: StudentBlockSpec[] = cut.blocks.map((b) => {
    const stride = Math.round(b.inputShape[0] / b.outputShape[0]);
    return {
      index: b.index,
      name: b.name,
      inputShape: b.inputShape,
      outputShape: b.outputShape,
      stride,
      // Inner width follows the teacher's width at the cut; the last layer always projects back
      // to exactly the teacher's width so its output is comparable with the teacher's map.
      width: Math.max(4, Math.round(b.outputShape[2] * space.widthMultiplier)),
      depths: [...space.depths],
    };
  });
  return { ops: space.ops.map((o) => ({ kernel: o.kernel, expansion: o.expansion })), family: { seRatio: space.seRatio, activation: space.activation }, blocks };
}
