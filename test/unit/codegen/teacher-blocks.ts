/** The built-in teacher's blocks exactly as the engine reports them (cut from the real model). */
import * as tf from '@tensorflow/tfjs';
import { buildMobileNetV2 } from '../../../src/engine/teacher/builtin/mobilenetv2-teacher';
import { cutTeacher } from '../../../src/engine/teacher/cut-teacher';
import type { TeacherBlockInfo } from '../../../src/shared/events';

let cached: TeacherBlockInfo[] | undefined;

export async function builtinTeacherBlocks(): Promise<TeacherBlockInfo[]> {
  if (!cached) {
    await tf.setBackend('cpu');
    const model = buildMobileNetV2();
    cached = cutTeacher(model, 'builtin').blocks;
    model.dispose();
  }
  return cached;
}
